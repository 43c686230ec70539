//! Use cases. Each is a synchronous function over a connection (inside one transaction when it
//! writes), taking the time and an authenticated principal as parameters.

pub mod accounts;
pub mod audit;
pub mod context;
pub mod demo;
pub mod directory;
pub mod emails;
pub mod exhibitors;
pub mod invitations;
pub mod members;
pub mod password_reset;
pub mod pavilions;
pub mod uploads;
pub mod works;

use crate::error::CoreError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// One page of a list and the opaque cursor of the next one.
#[derive(Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from a query that fetched `limit + 1` rows: the extra row only says that
    /// another page exists, and the cursor resumes after the last row kept.
    pub fn from_overfetch(mut items: Vec<T>, limit: i64, key: impl Fn(&T) -> &str) -> Self {
        let next_cursor = if items.len() as i64 > limit {
            items.truncate(limit as usize);
            items.last().map(|last| Cursor::encode(key(last)))
        } else {
            None
        };
        Self { items, next_cursor }
    }
}

pub const DEFAULT_PAGE_SIZE: i64 = 20;
pub const MAX_PAGE_SIZE: i64 = 100;

/// Where a list resumes: an opaque token wrapping the last sort key seen.
pub struct Cursor(String);

impl Cursor {
    pub fn encode(last_key: &str) -> String {
        URL_SAFE_NO_PAD.encode(last_key)
    }

    pub fn decode(raw: &str) -> Result<Self, CoreError> {
        URL_SAFE_NO_PAD
            .decode(raw)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            // Keys are slugs, ids and times; a control character means a forged cursor.
            .filter(|key| !key.chars().any(char::is_control))
            .map(Self)
            .ok_or_else(|| CoreError::invalid("cursor", "invalid_cursor", "is not a cursor returned by this list"))
    }

    pub fn key(&self) -> &str {
        &self.0
    }
}

/// Checks a requested page size.
pub fn page_size(limit: Option<i64>) -> Result<i64, CoreError> {
    match limit {
        None => Ok(DEFAULT_PAGE_SIZE),
        Some(n) if (1..=MAX_PAGE_SIZE).contains(&n) => Ok(n),
        Some(_) => Err(CoreError::invalid("limit", "out_of_range", format!("must be between 1 and {MAX_PAGE_SIZE}"))),
    }
}
