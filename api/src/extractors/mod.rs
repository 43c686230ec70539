//! Typed extractors: they authenticate and describe the caller; `core::policy` decides.

mod auth;
mod client;
mod if_match;
mod json_body;

pub use auth::{Authenticated, MaybeAuthenticated};
pub use client::Client;
pub use if_match::IfMatch;
pub use json_body::JsonBody;
