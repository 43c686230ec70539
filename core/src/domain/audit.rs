//! The audit log's entries, as read back.

use super::{PavilionId, UserId};
use chrono::{DateTime, Utc};

/// One recorded event.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    pub id: String,
    pub pavilion_id: Option<PavilionId>,
    pub actor_id: Option<UserId>,
    pub action: String,
    pub target: Option<String>,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
}
