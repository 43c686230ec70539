//! The signed-in person's own pages: the workspace they land on, and their account (name,
//! language, password, two-step sign-in, passkeys, sessions).

pub mod authenticator;
pub mod home;
pub mod passkeys;
pub mod password;
pub mod session;
pub mod workspace;
