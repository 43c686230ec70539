//! Pavilion's domain crate: everything except HTTP.
//!
//! `domain` and `policy` are pure; `services` are the use cases, each a synchronous function over
//! a database connection so that handlers, workers and tests run the same code; `db` is the only
//! place that speaks SQL.

pub mod auth;
pub mod backup;
pub mod chinese;
pub mod clock;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod images;
pub mod mail;
pub mod mail_worker;
pub mod policy;
#[cfg(test)]
mod properties;
pub mod reminder_worker;
pub mod services;
pub mod spreadsheet;
pub mod storage;

pub use error::CoreError;
