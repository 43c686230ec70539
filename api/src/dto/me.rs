use pavilion_core::domain::{Slug, User};
use serde::Serialize;
use utoipa::ToSchema;

/// The caller's own account.
#[derive(Serialize, ToSchema)]
pub struct MeResponse {
    pub id: String,
    pub email: String,
    pub name: String,
    /// `organiser`, `pavilion_admin` or `exhibitor`.
    pub role: &'static str,
    /// Slug of the account's pavilion; null for organisers.
    pub pavilion: Option<String>,
    pub exhibitor_id: Option<String>,
    /// `en`, `zh-Hans` or `zh-Hant`.
    pub locale: &'static str,
}

impl MeResponse {
    pub fn new(user: User, pavilion: Option<Slug>) -> Self {
        Self {
            id: user.id.to_string(),
            email: user.email.to_string(),
            name: user.name,
            role: user.role.as_str(),
            pavilion: pavilion.map(|slug| slug.to_string()),
            exhibitor_id: user.exhibitor_id.map(|id| id.to_string()),
            locale: user.locale.as_str(),
        }
    }
}

/// `PATCH /api/v1/me`: only the fields present change.
#[derive(serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeRequest {
    pub name: Option<String>,
    /// `en`, `zh-Hans` or `zh-Hant`: the language of the emails you receive.
    pub locale: Option<String>,
}

/// `POST /api/v1/me/password`.
#[derive(serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// One of your sessions (one per login).
#[derive(Serialize, ToSchema)]
pub struct SessionResponse {
    pub id: String,
    /// `api` (access and refresh tokens) or `browser` (a signed-in web page).
    #[schema(example = "api")]
    pub kind: &'static str,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// The last login or token refresh (for a browser, its last page, within five minutes).
    pub last_used_at: chrono::DateTime<chrono::Utc>,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    /// The session making this request.
    pub current: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SessionList {
    pub items: Vec<SessionResponse>,
}
