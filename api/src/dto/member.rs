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
    /// The company of an exhibitor account.
    pub exhibitor_id: Option<String>,
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
            exhibitor_id: user.exhibitor_id.map(|id| id.to_string()),
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

/// `PATCH /api/v1/pavilions/{slug}/users/{id}`: any of the fields.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMemberRequest {
    /// `true` ends the account's sessions at once and refuses its logins; `false` re-enables it.
    pub disabled: Option<bool>,
    /// `pavilion_admin` or `exhibitor` (with `exhibitor_id`, the company it joins).
    pub role: Option<String>,
    pub exhibitor_id: Option<String>,
}
