//! The audit log: append-only.

use super::DbConnection;
use super::schema::audit_events;
use crate::domain::AuditEvent;
use crate::domain::{PavilionId, UserId};
use crate::error::CoreError;
use crate::policy::tenancy::{MarketScope, PavilionScope};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
struct AuditRow {
    id: String,
    pavilion_id: Option<String>,
    actor_id: Option<String>,
    action: String,
    target: Option<String>,
    ip: Option<String>,
    created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, event: &AuditEvent) -> Result<(), CoreError> {
    let row = AuditRow {
        id: event.id.clone(),
        pavilion_id: event.pavilion_id.as_ref().map(ToString::to_string),
        actor_id: event.actor_id.as_ref().map(ToString::to_string),
        action: event.action.clone(),
        target: event.target.clone(),
        ip: event.ip.clone(),
        created_at: event.created_at.naive_utc(),
    };
    diesel::insert_into(audit_events::table).values(row).execute(conn)?;
    Ok(())
}

/// Filters of an audit page, newest first.
pub struct AuditQuery<'a> {
    pub action: Option<&'a str>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub before_id: Option<&'a str>,
    pub limit: i64,
}

/// This pavilion's events.
pub fn list_for_pavilion(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    query: AuditQuery<'_>,
) -> Result<Vec<AuditEvent>, CoreError> {
    list(conn, Some(scope.id()), query)
}

/// Every event, or one pavilion's: the organiser's oversight view.
pub fn list_all(
    conn: &mut DbConnection,
    _market: &MarketScope,
    pavilion: Option<&PavilionScope>,
    query: AuditQuery<'_>,
) -> Result<Vec<AuditEvent>, CoreError> {
    list(conn, pavilion.map(PavilionScope::id), query)
}

fn list(
    conn: &mut DbConnection,
    pavilion: Option<&PavilionId>,
    query: AuditQuery<'_>,
) -> Result<Vec<AuditEvent>, CoreError> {
    let mut select = audit_events::table
        .select(AuditRow::as_select())
        .order(audit_events::id.desc())
        .limit(query.limit)
        .into_boxed();
    if let Some(pavilion) = pavilion {
        select = select.filter(audit_events::pavilion_id.eq(pavilion.as_str().to_owned()));
    }
    if let Some(action) = query.action {
        select = select.filter(audit_events::action.eq(action.to_owned()));
    }
    if let Some(since) = query.since {
        select = select.filter(audit_events::created_at.ge(since.naive_utc()));
    }
    if let Some(until) = query.until {
        select = select.filter(audit_events::created_at.lt(until.naive_utc()));
    }
    if let Some(before) = query.before_id {
        select = select.filter(audit_events::id.lt(before.to_owned()));
    }
    Ok(select
        .load(conn)?
        .into_iter()
        .map(|row| AuditEvent {
            id: row.id,
            pavilion_id: row.pavilion_id.map(PavilionId::from_trusted),
            actor_id: row.actor_id.map(UserId::from_trusted),
            action: row.action,
            target: row.target,
            ip: row.ip,
            created_at: row.created_at.and_utc(),
        })
        .collect())
}
