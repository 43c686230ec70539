//! Typed extractors: they authenticate and describe the caller; `core::policy` decides.

mod auth;
mod client;

pub use auth::{Authenticated, MaybeAuthenticated};
pub use client::Client;
