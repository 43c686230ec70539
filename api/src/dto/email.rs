use chrono::{DateTime, Utc};
use pavilion_core::CoreError;
use pavilion_core::mail::{EmailRecord, EmailStatus};
use pavilion_core::services::{Listed, Page};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `?status=&limit=&cursor=` of a pavilion's delivery log.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LogParams {
    /// `pending`, `sending`, `sent` or `failed`.
    #[param(schema_with = super::email_statuses)]
    pub status: Option<String>,
    /// Items per page, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// `?pavilion=&status=&limit=&cursor=` of the organiser's log across pavilions.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AllLogParams {
    /// A pavilion's slug, to see only its mail.
    pub pavilion: Option<String>,
    /// `pending`, `sending`, `sent` or `failed`.
    #[param(schema_with = super::email_statuses)]
    pub status: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

pub fn parse_status(raw: Option<&str>) -> Result<Option<EmailStatus>, CoreError> {
    raw.map(|raw| {
        EmailStatus::parse(raw).ok_or_else(|| {
            CoreError::invalid("status", "invalid_status", "must be one of pending, sending, sent, failed")
        })
    })
    .transpose()
}

/// One message in the delivery log. Bodies and payloads are never shown: they may hold tokens.
#[derive(Serialize, ToSchema)]
pub struct EmailLogEntry {
    pub id: String,
    /// Slug of the pavilion whose identity it carries; null for deployment-level mail.
    pub pavilion: Option<String>,
    /// The kind of message, e.g. `test_message`.
    pub kind: String,
    pub recipient: String,
    pub locale: &'static str,
    /// `pending`, `sending`, `sent` or `failed`.
    pub status: &'static str,
    pub attempts: i32,
    pub last_error: Option<String>,
    /// The stable Message-ID header, to trace a delivery with the mail provider.
    pub message_id: String,
    /// The message this one re-sends.
    pub resend_of: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When the next attempt is due, while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl EmailLogEntry {
    pub fn new(Listed { item: record, pavilion }: Listed<EmailRecord>) -> Self {
        Self {
            pavilion,
            id: record.id,
            kind: record.kind,
            recipient: record.recipient,
            locale: record.locale.as_str(),
            status: record.status.as_str(),
            attempts: record.attempts,
            last_error: record.last_error,
            message_id: record.message_id,
            resend_of: record.resend_of,
            created_at: record.created_at,
            next_attempt_at: (record.status == EmailStatus::Pending).then_some(record.next_attempt_at),
            sent_at: record.sent_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EmailPage {
    pub items: Vec<EmailLogEntry>,
    pub next_cursor: Option<String>,
}

impl From<Page<Listed<EmailRecord>>> for EmailPage {
    fn from(page: Page<Listed<EmailRecord>>) -> Self {
        Self { items: page.items.into_iter().map(EmailLogEntry::new).collect(), next_cursor: page.next_cursor }
    }
}
