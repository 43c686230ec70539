//! Buyers of the whole market: registration, the confirmation of their address, signing in.

pub mod login;
pub mod password_reset;
pub mod register;
pub mod verify_email;
