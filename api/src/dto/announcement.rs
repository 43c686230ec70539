use chrono::{DateTime, Utc};
use pavilion_core::domain::LocalizedText;
use pavilion_core::services::Page;
use pavilion_core::services::announcements::{Announcement, AnnouncementInput, Sent};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `POST /api/v1/announcements`: the organiser's.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarketAnnouncementRequest {
    /// One line, up to 200 characters, in at least one language.
    pub subject: LocalizedText,
    /// Plain text, up to 20,000 characters, in the same languages as the subject.
    pub body: LocalizedText,
    /// Slugs of the pavilions written to; absent for every pavilion not archived.
    pub pavilions: Option<Vec<String>>,
    /// `pavilion_admin`, `exhibitor`, or both.
    pub audience: Vec<String>,
}

impl From<MarketAnnouncementRequest> for AnnouncementInput {
    fn from(dto: MarketAnnouncementRequest) -> Self {
        Self { subject: dto.subject, body: dto.body, audience: dto.audience, pavilions: dto.pavilions }
    }
}

/// `POST /api/v1/pavilions/{slug}/announcements`: a pavilion's, to its own people.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PavilionAnnouncementRequest {
    /// One line, up to 200 characters, in at least one language.
    pub subject: LocalizedText,
    /// Plain text, up to 20,000 characters, in the same languages as the subject.
    pub body: LocalizedText,
    /// `exhibitor`, `pavilion_admin`, or both.
    pub audience: Vec<String>,
}

impl From<PavilionAnnouncementRequest> for AnnouncementInput {
    fn from(dto: PavilionAnnouncementRequest) -> Self {
        Self { subject: dto.subject, body: dto.body, audience: dto.audience, pavilions: None }
    }
}

/// What was queued.
#[derive(Serialize, ToSchema)]
pub struct AnnouncementSent {
    pub id: String,
    /// Messages queued: one per person of the audience.
    pub recipients: i64,
}

impl From<Sent> for AnnouncementSent {
    fn from(sent: Sent) -> Self {
        Self { id: sent.id, recipients: sent.recipients }
    }
}

/// `?limit=&cursor=` of a list of announcements.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnnouncementListParams {
    /// Items per page, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// One announcement and where its messages stand.
#[derive(Serialize, ToSchema)]
pub struct AnnouncementItem {
    pub id: String,
    /// The sending pavilion's slug; null for the organiser's.
    pub from: Option<String>,
    /// The author's name.
    pub author: Option<String>,
    pub subject: LocalizedText,
    pub body: LocalizedText,
    pub audience: Vec<&'static str>,
    /// Slugs of the pavilions it reached.
    pub pavilions: Vec<String>,
    pub recipients: i64,
    /// Waiting or being sent.
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
    pub created_at: DateTime<Utc>,
}

impl From<Announcement> for AnnouncementItem {
    fn from(announcement: Announcement) -> Self {
        let stored = announcement.stored;
        Self {
            id: stored.id,
            from: announcement.from,
            author: announcement.author,
            subject: stored.subject,
            body: stored.body,
            audience: stored.audience.iter().map(|role| role.as_str()).collect(),
            pavilions: stored.pavilions,
            recipients: stored.recipients,
            queued: announcement.delivery.queued,
            sent: announcement.delivery.sent,
            failed: announcement.delivery.failed,
            created_at: stored.created_at,
        }
    }
}

/// A page of announcements, newest first.
#[derive(Serialize, ToSchema)]
pub struct AnnouncementPage {
    pub items: Vec<AnnouncementItem>,
    pub next_cursor: Option<String>,
}

impl From<Page<Announcement>> for AnnouncementPage {
    fn from(page: Page<Announcement>) -> Self {
        Self { items: page.items.into_iter().map(AnnouncementItem::from).collect(), next_cursor: page.next_cursor }
    }
}
