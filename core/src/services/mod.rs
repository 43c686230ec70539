//! Use cases. A write use case takes a [`context::Context`] and owns its whole effect: one
//! transaction, its audit entries, its queued mail. A read takes a connection and the caller.
//! Either reaches a pavilion's data only through a scope from [`crate::policy::tenancy`], which
//! `pavilions::scope` obtains for a slug.

pub mod accounts;
pub mod announcements;
pub mod audit;
pub mod audit_log;
pub mod buyers;
pub mod companies;
pub mod context;
pub mod demo;
pub mod directory;
pub mod emails;
pub mod exhibitors;
pub mod exports;
pub mod imports;
pub mod invitations;
pub mod limits;
pub mod market;
pub mod members;
pub mod operations;
pub mod passkeys;
pub mod password_reset;
pub mod pavilions;
pub mod reminders;
pub mod second_factors;
pub mod sign_in;
pub mod uploads;
pub mod works;
pub mod workspace;

use crate::db::DbConnection;
use crate::domain::PavilionId;
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

/// An item with the slug of its pavilion, for lists that span pavilions; `None` for an item of
/// the deployment itself (the organiser's own mail, a login attempt at no pavilion).
#[derive(Debug)]
pub struct Listed<T> {
    pub item: T,
    pub pavilion: Option<String>,
}

/// Pairs each item with its pavilion's slug, in one query for the whole list.
pub(crate) fn listed<T>(
    conn: &mut DbConnection,
    items: Vec<T>,
    pavilion_of: impl Fn(&T) -> Option<&PavilionId>,
) -> Result<Vec<Listed<T>>, CoreError> {
    let ids: Vec<PavilionId> = items.iter().filter_map(|item| pavilion_of(item).cloned()).collect();
    let slugs = crate::db::pavilions::slugs_by_id(conn, &ids)?;
    Ok(items
        .into_iter()
        .map(|item| {
            let pavilion = pavilion_of(&item).and_then(|id| slugs.get(id).cloned());
            Listed { item, pavilion }
        })
        .collect())
}

/// [`listed`] for a page.
pub(crate) fn with_slugs<T>(
    conn: &mut DbConnection,
    page: Page<T>,
    pavilion_of: impl Fn(&T) -> Option<&PavilionId>,
) -> Result<Page<Listed<T>>, CoreError> {
    Ok(Page { items: listed(conn, page.items, pavilion_of)?, next_cursor: page.next_cursor })
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
