use chrono::{DateTime, Utc};
use pavilion_core::CoreError;
use pavilion_core::domain::document::{from_json, merge_patch};
use pavilion_core::domain::{
    Completeness, ContactInput, EmailAddress, ExhibitorProfile, Locale, LocalizedText, ProfileInput,
};
use pavilion_core::services::exhibitors::{CompanyDraft, CompanyPublic, CompanyView, FirstContact};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

/// The company profile as clients send and read it: the whole of it to create a company, an
/// RFC 7396 merge patch over it to change one. Texts the public reads are multilingual; contacts
/// marked private are seen only by the company and its pavilion. The logo is not part of it: it
/// is uploaded to `…/logo` and read back as `logo_url`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ExhibitorProfile)]
pub struct ProfileBody {
    pub name: LocalizedText,
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub description: LocalizedText,
    /// One of `production`, `distribution`, `sales_agent`, `post_production`, `animation`,
    /// `streaming`, `broadcaster`, `vfx`, `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub city: LocalizedText,
    /// Booth number inside the pavilion, e.g. `1B-C12`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booth: Option<String>,
    #[serde(default)]
    pub contacts: Vec<ContactBody>,
    /// Languages the company works in (ISO 639: `en`, `zh`, `yue`).
    #[serde(default)]
    pub languages: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = Contact)]
pub struct ContactBody {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Public contacts appear in the directory; private ones only to the company and its pavilion.
    #[serde(default)]
    pub public: bool,
}

impl From<ProfileInput> for ProfileBody {
    fn from(input: ProfileInput) -> Self {
        Self {
            name: input.name,
            description: input.description,
            company_type: input.company_type,
            website: input.website,
            city: input.city,
            booth: input.booth,
            contacts: input
                .contacts
                .into_iter()
                .map(|c| ContactBody { name: c.name, title: c.title, email: c.email, phone: c.phone, public: c.public })
                .collect(),
            languages: input.languages,
        }
    }
}

impl From<ProfileBody> for ProfileInput {
    fn from(body: ProfileBody) -> Self {
        Self {
            name: body.name,
            description: body.description,
            company_type: body.company_type,
            website: body.website,
            city: body.city,
            booth: body.booth,
            contacts: body
                .contacts
                .into_iter()
                .map(|c| ContactInput {
                    name: c.name,
                    title: c.title,
                    email: c.email,
                    phone: c.phone,
                    public: c.public,
                })
                .collect(),
            languages: body.languages,
        }
    }
}

fn logo_is_read_only() -> CoreError {
    CoreError::invalid("logo", "read_only", "upload a logo to …/logo instead")
}

/// A new profile from a request body.
pub fn parse_profile(body: Value) -> Result<ExhibitorProfile, CoreError> {
    // The logo is set by its upload endpoint, never by a JSON body.
    if body.get("logo").is_some() {
        return Err(logo_is_read_only());
    }
    ExhibitorProfile::parse(from_json::<ProfileBody>(body)?.into(), None)
}

/// A profile changed by a merge patch, checked as a whole. `"logo": null` removes the logo; a new
/// one only comes through its upload.
pub fn patch_profile(current: &ExhibitorProfile, patch: &Value) -> Result<ExhibitorProfile, CoreError> {
    let logo = match patch.get("logo") {
        None => current.logo.clone(),
        Some(Value::Null) => None,
        Some(_) => return Err(logo_is_read_only()),
    };
    let body =
        serde_json::to_value(ProfileBody::from(current.to_input())).map_err(|e| CoreError::Internal(e.into()))?;
    ExhibitorProfile::parse(from_json::<ProfileBody>(merge_patch(body, patch)?)?.into(), logo)
}

/// `POST /api/v1/pavilions/{slug}/exhibitors`: the profile (at least `name`), and optionally a
/// contact who is invited as the company's first account.
#[derive(ToSchema)]
#[allow(dead_code)] // Documents the body; the handler reads it as JSON to report errors by path.
pub struct CreateExhibitorRequest {
    #[schema(inline)]
    pub profile: ProfileBody,
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
    let profile = errors.check(parse_profile(body));
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
    pub profile: ProfileBody,
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
    pub completeness: CompletenessResponse,
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

/// How complete a profile is: a 0–100 score and the items still missing.
#[derive(Serialize, ToSchema)]
pub struct CompletenessResponse {
    pub score: u8,
    pub missing: Vec<&'static str>,
}

impl From<Completeness> for CompletenessResponse {
    fn from(completeness: Completeness) -> Self {
        Self { score: completeness.score, missing: completeness.missing }
    }
}

/// The address a company's logo is served at, if it has one; the storage key stays inside.
fn logo_url(pavilion: &str, id: &str, profile: &ExhibitorProfile) -> Option<String> {
    profile.logo.as_ref().map(|_| format!("/api/v1/pavilions/{pavilion}/exhibitors/{id}/logo"))
}

impl ExhibitorResponse {
    /// A published company as the directory and the public see it.
    pub fn public(id: String, pavilion: String, profile: &ExhibitorProfile, published_at: DateTime<Utc>) -> Self {
        Self {
            logo_url: logo_url(&pavilion, &id, profile),
            id,
            pavilion,
            profile: profile.to_input().into(),
            published_at: Some(published_at),
            review: None,
        }
    }
}

impl From<CompanyDraft> for ExhibitorResponse {
    fn from(draft: CompanyDraft) -> Self {
        let exhibitor = draft.exhibitor;
        let (id, pavilion) = (exhibitor.id.to_string(), draft.pavilion.to_string());
        Self {
            logo_url: logo_url(&pavilion, &id, &exhibitor.profile),
            id,
            pavilion,
            profile: exhibitor.profile.to_input().into(),
            published_at: exhibitor.published_at,
            review: Some(ReviewState {
                status: exhibitor.status.as_str(),
                version: exhibitor.version,
                completeness: draft.completeness.into(),
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
        Self::public(public.id.to_string(), public.pavilion.to_string(), &public.profile, public.published_at)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn codes(result: Result<ExhibitorProfile, CoreError>) -> Vec<(String, &'static str)> {
        match result {
            Err(CoreError::Validation(errors)) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    #[test]
    fn a_body_is_read_with_errors_at_their_json_paths() {
        assert_eq!(
            codes(parse_profile(json!({"name": {"en": "A"}, "contacts": [{"nom": 1}]}))),
            vec![("contacts[0].nom".to_owned(), "unknown_field")]
        );
        assert_eq!(
            codes(parse_profile(json!({"name": {"en": "A"}, "logo": "x.png"}))),
            vec![("logo".to_owned(), "read_only")]
        );
    }

    #[test]
    fn merge_patch_adds_a_translation_and_keeps_the_rest() {
        let profile = parse_profile(json!({"name": {"en": "West Lake Films"}, "booth": "1B-C12"})).unwrap();
        let patched = patch_profile(&profile, &json!({"name": {"zh-Hans": "西湖影业"}, "booth": null})).unwrap();
        assert_eq!(patched.name.en.as_deref(), Some("West Lake Films"));
        assert_eq!(patched.name.zh_hans.as_deref(), Some("西湖影业"));
        assert_eq!(patched.booth, None);
        assert_eq!(patched.changed_fields(&profile), vec!["booth".to_owned(), "name".to_owned()]);
    }

    /// Patches of the profile's fields with values of every JSON type, nulls included.
    fn profile_patch() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "\\PC{0,20}".prop_map(Value::from),
            Just(json!("https://westlake.example")),
            Just(json!("production")),
        ];
        let value = leaf.prop_recursive(2, 8, 3, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
                prop::collection::btree_map(prop::sample::select(vec!["en", "zh-Hans", "zh-Hant", "x"]), inner, 0..3)
                    .prop_map(|map| Value::Object(map.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
            ]
        });
        let field = prop::sample::select(vec![
            "name",
            "description",
            "company_type",
            "website",
            "city",
            "booth",
            "contacts",
            "languages",
            "unknown",
        ]);
        prop::collection::btree_map(field, value, 0..4)
            .prop_map(|map| Value::Object(map.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
    }

    proptest! {
        #[test]
        fn a_merge_patch_either_is_refused_or_yields_a_profile_that_validates_again(patch in profile_patch()) {
            let profile = parse_profile(json!({"name": {"en": "West Lake Films"}})).expect("valid");
            if let Ok(patched) = patch_profile(&profile, &patch) {
                // What validation let through is a fixed point: validating it again changes nothing.
                prop_assert_eq!(patch_profile(&patched, &json!({})).expect("still valid"), patched.clone());
                prop_assert!(!patched.name.is_empty(), "the name is required");
            }
        }
    }
}
