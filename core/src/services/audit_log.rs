//! Reading the audit log back: a pavilion's admins read theirs, the organiser everyone's. Each
//! entry comes with its pavilion's slug.

use super::audit::Action;
use super::{Cursor, Listed, Page, with_slugs};
use crate::db::{self, DbConnection, audit::AuditQuery};
use crate::domain::AuditEvent;
use crate::error::CoreError;
use crate::policy::Principal;
use crate::policy::tenancy::{self, Need};
use chrono::{DateTime, Utc};

/// Filters of an audit page, newest first.
pub struct AuditFilter {
    pub action: Option<Action>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub cursor: Option<String>,
    pub limit: i64,
}

fn query<'a>(filter: &AuditFilter, cursor: Option<&'a Cursor>) -> AuditQuery<'a> {
    AuditQuery {
        action: filter.action.map(Action::as_str),
        since: filter.since,
        until: filter.until,
        before_id: cursor.map(Cursor::key),
        limit: filter.limit + 1,
    }
}

/// A pavilion's log, for its admins and the organiser.
pub fn log_for_pavilion(
    conn: &mut DbConnection,
    caller: &Principal,
    slug: &str,
    filter: AuditFilter,
) -> Result<Page<Listed<AuditEvent>>, CoreError> {
    let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
    let cursor = filter.cursor.as_deref().map(Cursor::decode).transpose()?;
    let events = db::audit::list_for_pavilion(conn, &scope, query(&filter, cursor.as_ref()))?;
    with_slugs(conn, Page::from_overfetch(events, filter.limit, |e| &e.id), |e| e.pavilion_id.as_ref())
}

/// The whole deployment's log (or one pavilion's), for the organiser.
pub fn log_all(
    conn: &mut DbConnection,
    caller: &Principal,
    pavilion_slug: Option<&str>,
    filter: AuditFilter,
) -> Result<Page<Listed<AuditEvent>>, CoreError> {
    let market = tenancy::market(caller)?;
    let pavilion =
        pavilion_slug.map(|slug| super::pavilions::scope(conn, Some(caller), slug, Need::Manage)).transpose()?;
    let cursor = filter.cursor.as_deref().map(Cursor::decode).transpose()?;
    let events = db::audit::list_all(conn, &market, pavilion.as_ref(), query(&filter, cursor.as_ref()))?;
    with_slugs(conn, Page::from_overfetch(events, filter.limit, |e| &e.id), |e| e.pavilion_id.as_ref())
}
