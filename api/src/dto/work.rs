use chrono::{DateTime, Utc};
use pavilion_core::domain::PublishedWork;
use pavilion_core::domain::{Work, WorkDetails};
use pavilion_core::services::works::WorkView;
use serde::Serialize;
use utoipa::ToSchema;

/// A work of a company's catalogue: the working copy (with `version`) for the company and its
/// pavilion, the published copy for everyone else.
#[derive(Serialize, ToSchema)]
pub struct WorkResponse {
    pub id: String,
    pub exhibitor_id: String,
    #[serde(flatten)]
    pub details: WorkDetails,
    /// Where the poster is served, when there is one.
    pub poster_url: Option<String>,
    /// The version `ETag` and `If-Match` carry; working copies only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    /// The pavilion's slug, in directory results.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pavilion: Option<String>,
}

impl From<Work> for WorkResponse {
    fn from(work: Work) -> Self {
        Self {
            id: work.id.to_string(),
            exhibitor_id: work.exhibitor_id.to_string(),
            details: work.details,
            poster_url: None,
            version: Some(work.version),
            updated_at: Some(work.updated_at),
            published_at: None,
            pavilion: None,
        }
    }
}

impl From<PublishedWork> for WorkResponse {
    fn from(work: PublishedWork) -> Self {
        Self {
            id: work.id.to_string(),
            exhibitor_id: work.exhibitor_id.to_string(),
            details: work.details,
            poster_url: None,
            version: None,
            updated_at: None,
            published_at: Some(work.published_at),
            pavilion: None,
        }
    }
}

impl From<WorkView> for WorkResponse {
    fn from(view: WorkView) -> Self {
        match view {
            WorkView::Draft(work) => work.into(),
            WorkView::Published(work) => work.into(),
        }
    }
}

impl WorkResponse {
    /// Replaces the poster's storage key by the address it is served at, in pavilion `slug`.
    pub fn linked(mut self, slug: &str) -> Self {
        self.poster_url = self
            .details
            .poster
            .take()
            .map(|_| format!("/api/v1/pavilions/{slug}/exhibitors/{}/works/{}/poster", self.exhibitor_id, self.id));
        self
    }

    pub fn etag(&self) -> String {
        match (self.version, self.published_at) {
            (Some(version), _) => super::etag_for_version(version),
            (None, Some(at)) => format!("\"p{}\"", at.timestamp_micros()),
            (None, None) => "\"p0\"".to_owned(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct WorkPage {
    pub items: Vec<WorkResponse>,
    pub next_cursor: Option<String>,
}
