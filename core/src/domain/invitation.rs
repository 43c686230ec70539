//! An invitation into a pavilion, as its admins list it (the link's token is never kept: only
//! its hash, in storage).

use super::{EmailAddress, ExhibitorId, Locale, PavilionId, Role, UserId};
use chrono::{DateTime, Utc};

/// An invitation and its state.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: String,
    pub pavilion_id: PavilionId,
    pub email: EmailAddress,
    pub role: Role,
    pub exhibitor_id: Option<ExhibitorId>,
    pub locale: Locale,
    pub invited_by: UserId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}
