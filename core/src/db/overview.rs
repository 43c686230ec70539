//! The market's figures, counted by the database (grouped by pavilion), never by loading rows:
//! what the organiser's overview and a pavilion's admin home show.

use super::DbConnection;
use super::schema::{audit_events, exhibitors, outbox, published_works, works};
use crate::error::CoreError;
use crate::policy::tenancy::{MarketScope, PavilionScope};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::{count_star, max, min};
use diesel::prelude::*;
use std::collections::HashMap;

/// Which pavilions a count covers: one (its scope), or every one (the market's).
pub enum Covering<'a> {
    Pavilion(&'a PavilionScope),
    Market(&'a MarketScope),
}

impl Covering<'_> {
    fn pavilion(&self) -> Option<&str> {
        match self {
            Covering::Pavilion(scope) => Some(scope.id().as_str()),
            Covering::Market(_) => None,
        }
    }
}

/// Companies of one pavilion in one review state at one completeness score.
pub struct CompanyBand {
    pub pavilion_id: String,
    pub status: String,
    pub completeness: i32,
    pub companies: i64,
    /// The earliest submission among them (for submitted companies: the oldest wait).
    pub first_submitted: Option<DateTime<Utc>>,
}

/// Companies grouped by pavilion, review state and completeness score (a profile has nine
/// items, so at most ten scores): everything the overview says about companies.
pub fn company_bands(conn: &mut DbConnection, covering: &Covering<'_>) -> Result<Vec<CompanyBand>, CoreError> {
    let mut query = exhibitors::table
        .group_by((exhibitors::pavilion_id, exhibitors::status, exhibitors::completeness))
        .select((
            exhibitors::pavilion_id,
            exhibitors::status,
            exhibitors::completeness,
            count_star(),
            min(exhibitors::submitted_at),
        ))
        .into_boxed();
    if let Some(pavilion) = covering.pavilion() {
        query = query.filter(exhibitors::pavilion_id.eq(pavilion.to_owned()));
    }
    let rows: Vec<(String, String, i32, i64, Option<NaiveDateTime>)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(pavilion_id, status, completeness, companies, first)| CompanyBand {
            pavilion_id,
            status,
            completeness,
            companies,
            first_submitted: first.map(|at| at.and_utc()),
        })
        .collect())
}

/// Works of the working catalogues, by pavilion.
pub fn works_by_pavilion(conn: &mut DbConnection, covering: &Covering<'_>) -> Result<HashMap<String, i64>, CoreError> {
    let mut query = works::table.group_by(works::pavilion_id).select((works::pavilion_id, count_star())).into_boxed();
    if let Some(pavilion) = covering.pavilion() {
        query = query.filter(works::pavilion_id.eq(pavilion.to_owned()));
    }
    Ok(query.load::<(String, i64)>(conn)?.into_iter().collect())
}

/// Published works, by pavilion.
pub fn published_works_by_pavilion(
    conn: &mut DbConnection,
    covering: &Covering<'_>,
) -> Result<HashMap<String, i64>, CoreError> {
    let mut query = published_works::table
        .group_by(published_works::pavilion_id)
        .select((published_works::pavilion_id, count_star()))
        .into_boxed();
    if let Some(pavilion) = covering.pavilion() {
        query = query.filter(published_works::pavilion_id.eq(pavilion.to_owned()));
    }
    Ok(query.load::<(String, i64)>(conn)?.into_iter().collect())
}

/// Emails waiting to be sent, and those given up since `failed_since`, by pavilion.
pub fn mail_by_pavilion(
    conn: &mut DbConnection,
    covering: &Covering<'_>,
    failed_since: DateTime<Utc>,
) -> Result<HashMap<String, (i64, i64)>, CoreError> {
    let mut pending = outbox::table
        .filter(outbox::status.eq_any(["pending", "sending"]))
        .filter(outbox::pavilion_id.is_not_null())
        .group_by(outbox::pavilion_id)
        .select((outbox::pavilion_id, count_star()))
        .into_boxed();
    let mut failed = outbox::table
        .filter(outbox::status.eq("failed"))
        .filter(outbox::updated_at.ge(failed_since.naive_utc()))
        .filter(outbox::pavilion_id.is_not_null())
        .group_by(outbox::pavilion_id)
        .select((outbox::pavilion_id, count_star()))
        .into_boxed();
    if let Some(pavilion) = covering.pavilion() {
        pending = pending.filter(outbox::pavilion_id.eq(pavilion.to_owned()));
        failed = failed.filter(outbox::pavilion_id.eq(pavilion.to_owned()));
    }
    let mut by_pavilion: HashMap<String, (i64, i64)> = HashMap::new();
    for (pavilion, count) in pending.load::<(Option<String>, i64)>(conn)? {
        by_pavilion.entry(pavilion.unwrap_or_default()).or_default().0 = count;
    }
    for (pavilion, count) in failed.load::<(Option<String>, i64)>(conn)? {
        by_pavilion.entry(pavilion.unwrap_or_default()).or_default().1 = count;
    }
    Ok(by_pavilion)
}

/// The latest audit entry, by pavilion: when something last happened there.
pub fn last_activity_by_pavilion(
    conn: &mut DbConnection,
    covering: &Covering<'_>,
) -> Result<HashMap<String, DateTime<Utc>>, CoreError> {
    let mut query = audit_events::table
        .filter(audit_events::pavilion_id.is_not_null())
        .group_by(audit_events::pavilion_id)
        .select((audit_events::pavilion_id, max(audit_events::created_at)))
        .into_boxed();
    if let Some(pavilion) = covering.pavilion() {
        query = query.filter(audit_events::pavilion_id.eq(pavilion.to_owned()));
    }
    Ok(query
        .load::<(Option<String>, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(pavilion, at)| Some((pavilion?, at?.and_utc())))
        .collect())
}
