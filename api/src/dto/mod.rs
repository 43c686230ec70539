//! Request and response bodies: the JSON contract, separate from domain types and database rows.
//! Requests are parsed into domain commands with `TryFrom`, collecting every field error.

pub mod announcement;
pub mod audit;
pub mod auth;
pub mod buyer;
pub mod directory;
pub mod email;
pub mod exhibitor;
pub mod import;
pub mod invitation;
pub mod market;
pub mod me;
pub mod member;
pub mod pavilion;
pub mod second_factor;
pub mod work;

use pavilion_core::domain::LocalizedText;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

/// A text in up to three languages: `{"en": …, "zh-Hans": …, "zh-Hant": …}`. Read through
/// `LocalizedText`, which takes an object only (never an array by position).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, from = "LocalizedText")]
pub struct Localized {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub en: Option<String>,
    #[serde(rename = "zh-Hans", skip_serializing_if = "Option::is_none", default)]
    pub zh_hans: Option<String>,
    #[serde(rename = "zh-Hant", skip_serializing_if = "Option::is_none", default)]
    pub zh_hant: Option<String>,
}

impl From<Localized> for LocalizedText {
    fn from(dto: Localized) -> Self {
        LocalizedText { en: dto.en, zh_hans: dto.zh_hans, zh_hant: dto.zh_hant }
    }
}

impl From<LocalizedText> for Localized {
    fn from(text: LocalizedText) -> Self {
        Localized { en: text.en, zh_hans: text.zh_hans, zh_hant: text.zh_hant }
    }
}

/// For PATCH bodies: an absent field stays `None`, an explicit `null` becomes `Some(None)`.
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// `?limit=&cursor=` of every list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1–100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// The `ETag` of a working copy at `version`.
pub fn etag_for_version(version: i64) -> String {
    format!("\"v{version}\"")
}

/// The schema of a text parameter that takes one of `values`, so clients (and schemathesis) know
/// the list instead of learning it from a 422.
fn one_of(values: impl IntoIterator<Item = &'static str>) -> utoipa::openapi::Object {
    use utoipa::openapi::{ObjectBuilder, Type};
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(values)).build()
}

fn audit_actions() -> utoipa::openapi::Object {
    one_of(pavilion_core::services::audit::Action::ALL.map(|action| action.as_str()))
}

fn email_statuses() -> utoipa::openapi::Object {
    one_of(pavilion_core::mail::EmailStatus::ALL.map(|status| status.as_str()))
}

fn review_statuses() -> utoipa::openapi::Object {
    one_of(pavilion_core::domain::ExhibitorStatus::ALL.map(|status| status.as_str()))
}
