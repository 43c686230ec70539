use chrono::{DateTime, Utc};
use pavilion_core::CoreError;
use pavilion_core::domain::{Completeness, EmailAddress, ExhibitorProfile, Locale};
use pavilion_core::services::exhibitors::{CompanyDraft, CompanyPublic, CompanyView, FirstContact};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

/// `POST /api/v1/pavilions/{slug}/exhibitors`: the profile (at least `name`), and optionally a
/// contact who is invited as the company's first account.
#[derive(ToSchema)]
#[allow(dead_code)] // Documents the body; the handler reads it as JSON to report errors by path.
pub struct CreateExhibitorRequest {
    #[schema(inline)]
    pub profile: ExhibitorProfile,
    /// Sends this address an exhibitor invitation tied to the new company.
    pub contact_email: Option<String>,
    /// The invitation's language: `en` (default), `zh-Hans` or `zh-Hant`.
    pub contact_locale: Option<String>,
}

/// Splits a create body into the profile and the contact to invite.
pub fn parse_create(mut body: Value) -> Result<(ExhibitorProfile, Option<FirstContact>), CoreError> {
    let (email, locale) = match body.as_object_mut() {
        Some(map) => (map.remove("contact_email"), map.remove("contact_locale")),
        None => (None, None),
    };
    let mut errors = pavilion_core::error::Violations::new();
    let email = match email {
        None | Some(Value::Null) => None,
        Some(Value::String(raw)) => errors.check(EmailAddress::parse_field("contact_email", &raw)),
        Some(_) => errors.check(Err(CoreError::invalid("contact_email", "invalid_type", "must be a string"))),
    };
    let locale = match locale {
        None | Some(Value::Null) => None,
        Some(Value::String(raw)) => errors.check(Locale::parse("contact_locale", &raw)),
        Some(_) => errors.check(Err(CoreError::invalid("contact_locale", "invalid_type", "must be a string"))),
    };
    let profile = errors.check(ExhibitorProfile::from_json(body));
    errors.into_result()?;
    let profile = profile.ok_or_else(|| CoreError::Internal(anyhow::anyhow!("validated profile missing")))?;
    Ok((profile, email.map(|email| FirstContact { email, locale })))
}

/// `POST …/request-changes`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestChangesRequest {
    /// What the company should change; sent to its accounts by email.
    pub comment: String,
}

/// A company. Everyone sees the profile of the last approved version (public contacts only);
/// the company's own accounts, its pavilion's admins and the organiser see the working copy with
/// its review state.
#[derive(Serialize, ToSchema)]
pub struct ExhibitorResponse {
    pub id: String,
    /// The pavilion's slug.
    pub pavilion: String,
    #[serde(flatten)]
    pub profile: ExhibitorProfile,
    /// Where the logo is served, when there is one.
    pub logo_url: Option<String>,
    /// When the public copy was last approved.
    pub published_at: Option<DateTime<Utc>>,
    /// Review state, for the company and its pavilion only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewState>,
}

#[derive(Serialize, ToSchema)]
pub struct ReviewState {
    /// `draft`, `submitted`, `changes_requested` or `approved`.
    pub status: &'static str,
    /// The version `ETag` and `If-Match` carry.
    pub version: i64,
    pub completeness: Completeness,
    /// The pavilion's last request for changes.
    pub review_comment: Option<String>,
    /// True when the pavilion's deadline keeps the company's own accounts from editing.
    pub edits_locked: bool,
    /// An admin reopened editing after the deadline (until the next approval).
    pub edits_unlocked: bool,
    /// Top-level fields, and `works`, that differ from the published copy.
    pub changed_since_published: Vec<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The address a company's logo is served at, if it has one; the storage key stays inside.
fn logo_url(pavilion: &str, id: &str, profile: &mut ExhibitorProfile) -> Option<String> {
    profile.logo.take().map(|_| format!("/api/v1/pavilions/{pavilion}/exhibitors/{id}/logo"))
}

impl ExhibitorResponse {
    /// A published company as the directory and the public see it.
    pub fn public(id: String, pavilion: String, mut profile: ExhibitorProfile, published_at: DateTime<Utc>) -> Self {
        Self {
            logo_url: logo_url(&pavilion, &id, &mut profile),
            id,
            pavilion,
            profile,
            published_at: Some(published_at),
            review: None,
        }
    }
}

impl From<CompanyDraft> for ExhibitorResponse {
    fn from(draft: CompanyDraft) -> Self {
        let mut exhibitor = draft.exhibitor;
        let (id, pavilion) = (exhibitor.id.to_string(), draft.pavilion.to_string());
        Self {
            logo_url: logo_url(&pavilion, &id, &mut exhibitor.profile),
            id,
            pavilion,
            profile: exhibitor.profile,
            published_at: exhibitor.published_at,
            review: Some(ReviewState {
                status: exhibitor.status.as_str(),
                version: exhibitor.version,
                completeness: draft.completeness,
                review_comment: exhibitor.review_comment,
                edits_locked: draft.edits_locked,
                edits_unlocked: exhibitor.edits_unlocked,
                changed_since_published: draft.changed_since_published,
                submitted_at: exhibitor.submitted_at,
                created_at: exhibitor.created_at,
                updated_at: exhibitor.updated_at,
            }),
        }
    }
}

impl From<CompanyPublic> for ExhibitorResponse {
    fn from(public: CompanyPublic) -> Self {
        Self::public(public.id.to_string(), public.pavilion.to_string(), public.profile, public.published_at)
    }
}

impl From<CompanyView> for ExhibitorResponse {
    fn from(view: CompanyView) -> Self {
        match view {
            CompanyView::Draft(draft) => draft.into(),
            CompanyView::Published(public) => public.into(),
        }
    }
}

impl ExhibitorResponse {
    /// The `ETag` of this representation: the working copy's version, or the publication time.
    pub fn etag(&self) -> String {
        match (&self.review, self.published_at) {
            (Some(review), _) => super::etag_for_version(review.version),
            (None, Some(at)) => format!("\"p{}\"", at.timestamp_micros()),
            (None, None) => "\"p0\"".to_owned(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ExhibitorPage {
    pub items: Vec<ExhibitorResponse>,
    pub next_cursor: Option<String>,
}

/// Filters of `GET /api/v1/pavilions/{slug}/exhibitors`; the review filters apply to the
/// pavilion's admins and the organiser, who see every company.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExhibitorListParams {
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// `draft`, `submitted`, `changes_requested` or `approved`.
    #[param(schema_with = super::review_statuses)]
    pub status: Option<String>,
    /// Only companies at least this complete (0–100).
    #[param(maximum = 100)]
    pub min_completeness: Option<u8>,
    /// Only companies at most this complete (0–100).
    #[param(maximum = 100)]
    pub max_completeness: Option<u8>,
}
