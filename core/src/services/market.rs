//! The market at a glance: for each pavilion, where its companies stand, how complete they are,
//! its works, the reviews waiting, its mail and its last activity; and the market's totals. The
//! organiser reads every pavilion's; a pavilion's admins their own. Counted by the database
//! (`db::overview`), so it costs the same whether a pavilion has five companies or five hundred.

use crate::db::overview::{self, Covering};
use crate::db::{self, DbConnection};
use crate::domain::{ExhibitorStatus, Pavilion};
use crate::error::CoreError;
use crate::policy::Principal;
use crate::policy::tenancy::{self, Need};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;

/// How far back failed emails count.
pub const FAILED_MAIL_DAYS: i64 = 7;

/// Companies by review state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ByState {
    pub draft: i64,
    pub submitted: i64,
    pub changes_requested: i64,
    pub approved: i64,
}

impl ByState {
    pub fn total(&self) -> i64 {
        self.draft + self.submitted + self.changes_requested + self.approved
    }

    fn add(&mut self, status: &str, count: i64) {
        match ExhibitorStatus::parse("status", status) {
            Ok(ExhibitorStatus::Draft) => self.draft += count,
            Ok(ExhibitorStatus::Submitted) => self.submitted += count,
            Ok(ExhibitorStatus::ChangesRequested) => self.changes_requested += count,
            Ok(ExhibitorStatus::Approved) => self.approved += count,
            Err(_) => {}
        }
    }

    fn merge(&mut self, other: &Self) {
        self.draft += other.draft;
        self.submitted += other.submitted;
        self.changes_requested += other.changes_requested;
        self.approved += other.approved;
    }
}

/// How complete companies are: how many at each score, 0–100.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completeness {
    /// (score, companies), by score.
    pub scores: Vec<(u8, i64)>,
}

impl Completeness {
    fn add(&mut self, score: u8, count: i64) {
        match self.scores.iter_mut().find(|(s, _)| *s == score) {
            Some((_, n)) => *n += count,
            None => {
                self.scores.push((score, count));
                self.scores.sort_unstable();
            }
        }
    }

    /// The median score (the lower middle one for an even count); `None` without companies.
    pub fn median(&self) -> Option<u8> {
        let total: i64 = self.scores.iter().map(|(_, n)| n).sum();
        if total == 0 {
            return None;
        }
        let middle = (total - 1) / 2;
        let mut seen = 0;
        self.scores.iter().find_map(|(score, n)| {
            seen += n;
            (seen > middle).then_some(*score)
        })
    }

    /// Companies at 100%.
    pub fn complete(&self) -> i64 {
        self.scores.iter().filter(|(score, _)| *score >= 100).map(|(_, n)| n).sum()
    }

    /// Companies in each tenth: 0–9, 10–19, …, 90–99, and 100.
    pub fn deciles(&self) -> [i64; 11] {
        let mut bins = [0; 11];
        for (score, n) in &self.scores {
            bins[usize::from((*score).min(100) / 10)] += n;
        }
        bins
    }
}

/// One pavilion's figures.
#[derive(Debug, Clone)]
pub struct PavilionFigures {
    pub pavilion: Pavilion,
    pub companies: ByState,
    pub completeness: Completeness,
    pub works: i64,
    pub published_works: i64,
    /// Submitted companies, and since when the oldest has waited.
    pub reviews_waiting: i64,
    pub oldest_waiting_since: Option<DateTime<Utc>>,
    pub emails_pending: i64,
    pub emails_failed_recently: i64,
    pub last_activity: Option<DateTime<Utc>>,
}

/// The whole market: each pavilion, and the totals.
#[derive(Debug, Clone)]
pub struct MarketOverview {
    pub pavilions: Vec<PavilionFigures>,
    pub companies: ByState,
    pub completeness: Completeness,
    pub works: i64,
    pub published_works: i64,
    pub reviews_waiting: i64,
    pub oldest_waiting_since: Option<DateTime<Utc>>,
    pub emails_pending: i64,
    pub emails_failed_recently: i64,
    pub last_activity: Option<DateTime<Utc>>,
}

/// Every pavilion's figures, for the organiser.
pub fn overview(conn: &mut DbConnection, caller: &Principal, now: DateTime<Utc>) -> Result<MarketOverview, CoreError> {
    let market = tenancy::market(caller)?;
    let pavilions = db::pavilions::all(conn, &market)?;
    let figures = figures(conn, &Covering::Market(&market), pavilions, now)?;
    Ok(totals(figures))
}

/// One pavilion's figures, for its admins and the organiser.
pub fn pavilion_figures(
    conn: &mut DbConnection,
    caller: &Principal,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<PavilionFigures, CoreError> {
    let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
    let pavilion = scope.pavilion().clone();
    let mut figures = figures(conn, &Covering::Pavilion(&scope), vec![pavilion], now)?;
    figures.pop().ok_or(CoreError::NotFound("pavilion"))
}

fn figures(
    conn: &mut DbConnection,
    covering: &Covering<'_>,
    pavilions: Vec<Pavilion>,
    now: DateTime<Utc>,
) -> Result<Vec<PavilionFigures>, CoreError> {
    let bands = overview::company_bands(conn, covering)?;
    let counts = overview::pavilion_counts(conn, covering, now - Duration::days(FAILED_MAIL_DAYS))?;
    let mut by_pavilion: HashMap<&str, (ByState, Completeness, Option<DateTime<Utc>>)> = HashMap::new();
    for band in &bands {
        let entry = by_pavilion.entry(band.pavilion_id.as_str()).or_default();
        entry.0.add(&band.status, band.companies);
        entry.1.add(u8::try_from(band.completeness.clamp(0, 100)).unwrap_or(0), band.companies);
        if band.status == ExhibitorStatus::Submitted.as_str() {
            entry.2 = match (entry.2, band.first_submitted) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }
    Ok(pavilions
        .into_iter()
        .map(|pavilion| {
            let id = pavilion.id.as_str();
            let (companies, completeness, oldest) = by_pavilion.get(id).cloned().unwrap_or_default();
            let counted = counts.get(id).copied().unwrap_or_default();
            PavilionFigures {
                reviews_waiting: companies.submitted,
                oldest_waiting_since: oldest,
                works: counted.works,
                published_works: counted.published_works,
                emails_pending: counted.emails_pending,
                emails_failed_recently: counted.emails_failed,
                last_activity: counted.last_activity,
                companies,
                completeness,
                pavilion,
            }
        })
        .collect())
}

fn totals(pavilions: Vec<PavilionFigures>) -> MarketOverview {
    let mut market = MarketOverview {
        pavilions: Vec::new(),
        companies: ByState::default(),
        completeness: Completeness::default(),
        works: 0,
        published_works: 0,
        reviews_waiting: 0,
        oldest_waiting_since: None,
        emails_pending: 0,
        emails_failed_recently: 0,
        last_activity: None,
    };
    for figures in &pavilions {
        market.companies.merge(&figures.companies);
        for (score, n) in &figures.completeness.scores {
            market.completeness.add(*score, *n);
        }
        market.works += figures.works;
        market.published_works += figures.published_works;
        market.reviews_waiting += figures.reviews_waiting;
        market.oldest_waiting_since = earliest(market.oldest_waiting_since, figures.oldest_waiting_since);
        market.emails_pending += figures.emails_pending;
        market.emails_failed_recently += figures.emails_failed_recently;
        market.last_activity = market.last_activity.max(figures.last_activity);
    }
    market.pavilions = pavilions;
    market
}

fn earliest(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_and_the_deciles_come_from_the_counts_by_score() {
        let mut spread = Completeness::default();
        for (score, n) in [(11, 2), (100, 1), (55, 3)] {
            spread.add(score, n);
        }
        assert_eq!(spread.scores, vec![(11, 2), (55, 3), (100, 1)]);
        assert_eq!(spread.median(), Some(55)); // 11 11 55 55 55 100
        assert_eq!(spread.complete(), 1);
        assert_eq!(spread.deciles(), [0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 1]);
        assert_eq!(Completeness::default().median(), None);
        let mut even = Completeness::default();
        even.add(0, 1);
        even.add(100, 1);
        assert_eq!(even.median(), Some(0));
    }
}
