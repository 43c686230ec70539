//! The market's figures, counted by the database (grouped by pavilion), never by loading rows:
//! what the organiser's overview and a pavilion's admin home show.

use super::DbConnection;
use super::schema::{exhibitors, pavilions};
use crate::error::CoreError;
use crate::policy::tenancy::{MarketScope, PavilionScope};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::{count_star, min, sql};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Timestamp};
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

/// A pavilion's counts beyond its companies.
#[derive(Debug, Clone, Copy, Default)]
pub struct PavilionCounts {
    pub works: i64,
    pub published_works: i64,
    /// Emails waiting to be sent (or being sent).
    pub emails_pending: i64,
    /// Emails given up since the time asked.
    pub emails_failed: i64,
    /// Its latest audit entry.
    pub last_activity: Option<DateTime<Utc>>,
}

/// Works, published works, mail and the last activity of each pavilion covered, in one query:
/// for each pavilion, a count over its own range of an index (`works_exhibitor`,
/// `published_works_exhibitor`, `outbox_overview`) and one step down `audit_events_activity`.
/// Grouping whole tables instead would sort the outbox and read every audit entry.
pub fn pavilion_counts(
    conn: &mut DbConnection,
    covering: &Covering<'_>,
    failed_since: DateTime<Utc>,
) -> Result<HashMap<String, PavilionCounts>, CoreError> {
    let works = sql::<BigInt>("(SELECT count(*) FROM works WHERE works.pavilion_id = pavilions.id)");
    let published =
        sql::<BigInt>("(SELECT count(*) FROM published_works WHERE published_works.pavilion_id = pavilions.id)");
    let pending = sql::<BigInt>(
        "(SELECT count(*) FROM outbox WHERE outbox.pavilion_id = pavilions.id \
         AND outbox.status IN ('pending', 'sending'))",
    );
    let failed = sql::<BigInt>(
        "(SELECT count(*) FROM outbox WHERE outbox.pavilion_id = pavilions.id \
         AND outbox.status = 'failed' AND outbox.updated_at >= ",
    )
    .bind::<Timestamp, _>(failed_since.naive_utc())
    .sql(")");
    let latest = sql::<Nullable<Timestamp>>(
        "(SELECT max(audit_events.created_at) FROM audit_events WHERE audit_events.pavilion_id = pavilions.id)",
    );
    let mut query = pavilions::table.select((pavilions::id, works, published, pending, failed, latest)).into_boxed();
    if let Some(pavilion) = covering.pavilion() {
        query = query.filter(pavilions::id.eq(pavilion.to_owned()));
    }
    let rows: Vec<(String, i64, i64, i64, i64, Option<NaiveDateTime>)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(pavilion, works, published_works, emails_pending, emails_failed, latest)| {
            let counts = PavilionCounts {
                works,
                published_works,
                emails_pending,
                emails_failed,
                last_activity: latest.map(|at| at.and_utc()),
            };
            (pavilion, counts)
        })
        .collect())
}
