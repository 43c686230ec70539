use chrono::{DateTime, Utc};
use pavilion_core::CoreError;
use pavilion_core::domain::AuditEvent;
use pavilion_core::services::audit::Action;
use pavilion_core::services::audit_log::AuditFilter;
use pavilion_core::services::{Listed, Page, page_size};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `?action=&since=&until=&limit=&cursor=` (and `pavilion=` on the organiser's log).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// A pavilion's slug (organiser's log only).
    pub pavilion: Option<String>,
    /// e.g. `login_failed`, `invitation_sent`, `user_disabled`.
    #[param(schema_with = super::audit_actions)]
    pub action: Option<String>,
    /// Events at or after this time (RFC 3339).
    pub since: Option<DateTime<Utc>>,
    /// Events before this time (RFC 3339).
    pub until: Option<DateTime<Utc>>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

impl AuditParams {
    pub fn filter(&self) -> Result<AuditFilter, CoreError> {
        Ok(AuditFilter {
            action: self.action.as_deref().map(Action::parse).transpose()?,
            since: self.since,
            until: self.until,
            cursor: self.cursor.clone(),
            limit: page_size(self.limit)?,
        })
    }
}

/// One event of the append-only audit log.
#[derive(Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: String,
    /// The pavilion it happened in; null for deployment-level events.
    pub pavilion: Option<String>,
    /// Who did it; null when nobody was logged in (failed logins, reset requests).
    pub actor_id: Option<String>,
    pub action: String,
    /// What it was about: an email address, an account or invitation id, a slug.
    pub target: Option<String>,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl AuditEntry {
    pub fn new(Listed { item: event, pavilion }: Listed<AuditEvent>) -> Self {
        Self {
            pavilion,
            id: event.id,
            actor_id: event.actor_id.map(|id| id.to_string()),
            action: event.action,
            target: event.target,
            ip: event.ip,
            created_at: event.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub next_cursor: Option<String>,
}

impl From<Page<Listed<AuditEvent>>> for AuditPage {
    fn from(page: Page<Listed<AuditEvent>>) -> Self {
        Self { items: page.items.into_iter().map(AuditEntry::new).collect(), next_cursor: page.next_cursor }
    }
}
