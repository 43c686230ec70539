//! Credentials: argon2id password hashes, JWT access tokens, opaque refresh tokens. No HTTP here.

pub mod forms;
pub mod hashing;
mod keys;
mod password;
pub mod throttle;
mod tokens;

pub use forms::FormTokens;
pub use hashing::HashingPool;
pub use keys::{SigningKey, load_signing_key};
pub use password::{HashedPassword, hash_password, verify_against_dummy, verify_password};
pub use tokens::{AccessClaims, RefreshToken, TokenIssuer, TokenPair, hash_link_token, link_token};
