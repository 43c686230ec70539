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
            exhibitor_id: None,
            locale: user.locale.as_str(),
        }
    }
}
