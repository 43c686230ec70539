//! The market overview: each pavilion's figures and the market's totals.

use super::Localized;
use chrono::{DateTime, Utc};
use pavilion_core::services::market::{self, ByState, MarketOverview, PavilionFigures};
use serde::Serialize;
use utoipa::ToSchema;

/// Companies by review state.
#[derive(Serialize, ToSchema)]
pub struct CompaniesByState {
    pub draft: i64,
    pub submitted: i64,
    pub changes_requested: i64,
    pub approved: i64,
    pub total: i64,
}

impl From<ByState> for CompaniesByState {
    fn from(by: ByState) -> Self {
        Self {
            total: by.total(),
            draft: by.draft,
            submitted: by.submitted,
            changes_requested: by.changes_requested,
            approved: by.approved,
        }
    }
}

/// How complete the companies' profiles are.
#[derive(Serialize, ToSchema)]
pub struct CompletenessFigures {
    /// The median score (0–100); absent without companies.
    pub median: Option<u8>,
    /// Companies at 100%.
    pub complete: i64,
    /// Companies by score band: 0–9, 10–19, …, 90–99, then exactly 100 (eleven numbers).
    pub distribution: Vec<i64>,
}

impl From<&market::Completeness> for CompletenessFigures {
    fn from(completeness: &market::Completeness) -> Self {
        Self {
            median: completeness.median(),
            complete: completeness.complete(),
            distribution: completeness.deciles().to_vec(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct WorkFigures {
    /// Works in the working catalogues.
    pub all: i64,
    /// Works the public sees.
    pub published: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ReviewFigures {
    /// Submitted companies waiting for their pavilion's review.
    pub waiting: i64,
    /// When the longest-waiting one was submitted.
    pub oldest_waiting_since: Option<DateTime<Utc>>,
}

#[derive(Serialize, ToSchema)]
pub struct EmailFigures {
    /// Waiting to be sent (or being sent).
    pub pending: i64,
    /// Given up in the last 7 days.
    pub failed_last_7_days: i64,
}

/// One pavilion's figures.
#[derive(Serialize, ToSchema)]
pub struct PavilionOverview {
    pub slug: String,
    pub name: Localized,
    /// `draft`, `active` or `archived`.
    pub status: &'static str,
    pub companies: CompaniesByState,
    pub completeness: CompletenessFigures,
    pub works: WorkFigures,
    pub reviews: ReviewFigures,
    pub emails: EmailFigures,
    /// The time of the pavilion's latest audit entry.
    pub last_activity: Option<DateTime<Utc>>,
}

impl From<PavilionFigures> for PavilionOverview {
    fn from(figures: PavilionFigures) -> Self {
        Self {
            slug: figures.pavilion.slug.to_string(),
            status: figures.pavilion.status.as_str(),
            name: figures.pavilion.name.into(),
            completeness: (&figures.completeness).into(),
            companies: figures.companies.into(),
            works: WorkFigures { all: figures.works, published: figures.published_works },
            reviews: ReviewFigures {
                waiting: figures.reviews_waiting,
                oldest_waiting_since: figures.oldest_waiting_since,
            },
            emails: EmailFigures {
                pending: figures.emails_pending,
                failed_last_7_days: figures.emails_failed_recently,
            },
            last_activity: figures.last_activity,
        }
    }
}

/// The market's totals over every pavilion.
#[derive(Serialize, ToSchema)]
pub struct MarketTotals {
    pub pavilions: i64,
    pub companies: CompaniesByState,
    pub completeness: CompletenessFigures,
    pub works: WorkFigures,
    pub reviews: ReviewFigures,
    pub emails: EmailFigures,
    pub last_activity: Option<DateTime<Utc>>,
}

/// `GET /api/v1/market/overview`.
#[derive(Serialize, ToSchema)]
pub struct MarketOverviewResponse {
    /// Every pavilion, by slug.
    pub pavilions: Vec<PavilionOverview>,
    pub totals: MarketTotals,
}

impl From<MarketOverview> for MarketOverviewResponse {
    fn from(market: MarketOverview) -> Self {
        let totals = MarketTotals {
            pavilions: market.pavilions.len() as i64,
            completeness: (&market.completeness).into(),
            companies: market.companies.into(),
            works: WorkFigures { all: market.works, published: market.published_works },
            reviews: ReviewFigures {
                waiting: market.reviews_waiting,
                oldest_waiting_since: market.oldest_waiting_since,
            },
            emails: EmailFigures { pending: market.emails_pending, failed_last_7_days: market.emails_failed_recently },
            last_activity: market.last_activity,
        };
        Self { pavilions: market.pavilions.into_iter().map(PavilionOverview::from).collect(), totals }
    }
}
