//! Credentials: argon2id password hashes, JWT access tokens, opaque refresh tokens. No HTTP here.

pub mod forms;
pub mod hashing;
mod keys;
pub mod passkeys;
mod password;
pub mod second_factor;
pub mod throttle;
mod tokens;

pub use forms::FormTokens;
pub use hashing::HashingPool;
pub use keys::{SigningKey, load_signing_key};
pub use password::{HashedPassword, hash_password, verify_against_dummy, verify_password};
/// Compares two secrets without stopping at the first difference.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub use tokens::{AccessClaims, RefreshToken, TokenIssuer, TokenPair, hash_link_token, link_token};
