use chrono::{DateTime, Utc};
use pavilion_core::domain::User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An account of the pavilion.
#[derive(Serialize, ToSchema)]
pub struct MemberResponse {
    pub id: String,
    pub email: String,
    pub name: String,
    /// `pavilion_admin` or `exhibitor`.
    pub role: &'static str,
    pub locale: &'static str,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl From<User> for MemberResponse {
    fn from(user: User) -> Self {
        Self {
            id: user.id.to_string(),
            email: user.email.to_string(),
            name: user.name,
            role: user.role.as_str(),
            locale: user.locale.as_str(),
            disabled: user.disabled,
            created_at: user.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MemberList {
    pub items: Vec<MemberResponse>,
}

/// `PATCH /api/v1/pavilions/{slug}/users/{id}`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMemberRequest {
    /// `true` ends the account's sessions at once and refuses its logins; `false` re-enables it.
    pub disabled: bool,
}
