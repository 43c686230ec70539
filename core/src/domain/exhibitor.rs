//! An exhibitor company's profile: the document its users edit and the pavilion approves.

use super::document::{self, check_languages, check_optional_line, check_optional_url};
use super::{EmailAddress, ExhibitorId, LocalizedText, PavilionId};
use crate::error::{CoreError, FieldError, Violations};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

/// Company types, a fixed vocabulary so the directory can filter on it.
pub const COMPANY_TYPES: &[&str] = &[
    "production",
    "distribution",
    "sales_agent",
    "post_production",
    "animation",
    "streaming",
    "broadcaster",
    "vfx",
    "other",
];

/// The company profile. Texts the public reads are multilingual; contacts marked private are
/// seen only by the company and its pavilion.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExhibitorProfile {
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
    /// Set by the logo upload; read-only here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Languages the company works in (ISO 639: `en`, `zh`, `yue`).
    #[serde(default)]
    pub languages: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
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

const NAME_MAX: usize = 200;
const TEXT_MAX: usize = 5000;
const CONTACTS_MAX: usize = 20;

impl ExhibitorProfile {
    /// Parses and validates a whole profile sent by a client.
    pub fn from_json(value: Value) -> Result<Self, CoreError> {
        let mut object = value;
        // The logo is set by its upload endpoint, never by a JSON body.
        if let Some(map) = object.as_object_mut()
            && map.contains_key("logo")
        {
            return Err(CoreError::invalid("logo", "read_only", "upload a logo to …/logo instead"));
        }
        document::from_json::<Self>(object)?.validated()
    }

    /// Applies a merge patch to this profile and validates the result.
    pub fn patched(&self, patch: &Value) -> Result<Self, CoreError> {
        // `"logo": null` removes the logo; a new one only comes through its upload.
        if patch.get("logo").is_some_and(|logo| !logo.is_null()) {
            return Err(CoreError::invalid("logo", "read_only", "upload a logo to …/logo instead"));
        }
        let current = serde_json::to_value(self).map_err(|e| CoreError::Internal(e.into()))?;
        document::from_json::<Self>(document::merge_patch(current, patch)?)?.validated()
    }

    fn validated(self) -> Result<Self, CoreError> {
        let mut errors = Violations::new();
        let name = errors.check(self.name.clean_line("name", NAME_MAX, true)).unwrap_or_default();
        let description = errors.check(self.description.clean("description", TEXT_MAX, false)).unwrap_or_default();
        let city = errors.check(self.city.clean_line("city", NAME_MAX, false)).unwrap_or_default();
        let company_type = document::check_choice(&mut errors, "company_type", self.company_type, COMPANY_TYPES);
        let website = check_optional_url(&mut errors, "website", self.website);
        let booth = check_optional_line(&mut errors, "booth", self.booth, 40);
        if self.contacts.len() > CONTACTS_MAX {
            errors.push(FieldError::new("contacts", "too_many", format!("at most {CONTACTS_MAX} contacts")));
        }
        let contacts = self
            .contacts
            .into_iter()
            .take(CONTACTS_MAX)
            .enumerate()
            .filter_map(|(index, contact)| contact.validated(&mut errors, &format!("contacts[{index}]")))
            .collect();
        let languages = check_languages(&mut errors, "languages", &self.languages);
        errors.into_result()?;
        Ok(Self { name, description, company_type, website, city, booth, logo: self.logo, contacts, languages })
    }

    /// What the public may read: private contacts removed.
    pub fn public_view(&self) -> Self {
        Self { contacts: self.contacts.iter().filter(|c| c.public).cloned().collect(), ..self.clone() }
    }

    /// The lower-cased name used to sort lists.
    pub fn sort_name(&self) -> String {
        self.name.all().next().unwrap_or_default().to_lowercase()
    }

    /// The texts a search looks in: names, description and city.
    fn searchable(&self) -> impl Iterator<Item = &str> {
        self.name.all().chain(self.description.all()).chain(self.city.all())
    }

    /// The searchable texts in every language, lower-cased.
    pub fn search_text(&self) -> String {
        document::search_text(self.searchable())
    }

    /// The CJK character pairs of the searchable texts (see [`document::cjk_bigrams`]).
    pub fn search_bigrams(&self) -> String {
        document::cjk_bigrams(self.searchable())
    }

    /// How complete the profile is, for the company and its admins: each item counts equally.
    pub fn completeness(&self, works: usize) -> Completeness {
        let items: [(&'static str, bool); 9] = [
            ("name", self.name.is_complete()),
            ("description", self.description.is_complete()),
            ("company_type", self.company_type.is_some()),
            ("website", self.website.is_some()),
            ("city", !self.city.is_empty()),
            ("logo", self.logo.is_some()),
            ("public_contact", self.contacts.iter().any(|c| c.public)),
            ("languages", !self.languages.is_empty()),
            ("works", works > 0),
        ];
        let filled = items.iter().filter(|(_, done)| *done).count();
        Completeness {
            score: u8::try_from(filled * 100 / items.len()).unwrap_or(100),
            missing: items.iter().filter(|(_, done)| !done).map(|(name, _)| *name).collect(),
        }
    }

    /// Top-level fields that differ from `other` (what changed since the published version).
    pub fn changed_fields(&self, other: &Self) -> Vec<String> {
        let (Ok(Value::Object(mine)), Ok(Value::Object(theirs))) =
            (serde_json::to_value(self), serde_json::to_value(other))
        else {
            return Vec::new();
        };
        let mut keys: Vec<&String> = mine.keys().chain(theirs.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter().filter(|key| mine.get(*key) != theirs.get(*key)).cloned().collect()
    }
}

impl Contact {
    fn validated(self, errors: &mut Violations, field: &str) -> Option<Self> {
        let name = errors.check(super::clean_line(&format!("{field}.name"), &self.name, NAME_MAX));
        if name.as_deref() == Some("") {
            errors.push(FieldError::new(format!("{field}.name"), "required", "a contact needs a name"));
        }
        let title = check_optional_line(errors, &format!("{field}.title"), self.title, NAME_MAX);
        let email = self.email.filter(|e| !e.trim().is_empty()).and_then(|email| {
            errors.check(EmailAddress::parse_field(&format!("{field}.email"), &email)).map(|e| e.to_string())
        });
        let phone = check_optional_line(errors, &format!("{field}.phone"), self.phone, 40);
        if let Some(phone) = &phone
            && !phone.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
        {
            errors.push(FieldError::new(format!("{field}.phone"), "invalid_phone", "digits, spaces and + - ( ) only"));
        }
        Some(Self { name: name?, title, email, phone, public: self.public })
    }
}

/// A 0–100 score and the names of the items still missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Completeness {
    pub score: u8,
    pub missing: Vec<&'static str>,
}

/// Where a company stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExhibitorStatus {
    Draft,
    Submitted,
    ChangesRequested,
    Approved,
}

impl ExhibitorStatus {
    pub const ALL: [Self; 4] = [Self::Draft, Self::Submitted, Self::ChangesRequested, Self::Approved];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::ChangesRequested => "changes_requested",
            Self::Approved => "approved",
        }
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, CoreError> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw).ok_or_else(|| {
            CoreError::invalid(field, "unknown_value", "must be one of draft, submitted, changes_requested, approved")
        })
    }
}

/// A company as its pavilion stores it: the working copy and its review state.
#[derive(Debug, Clone)]
pub struct Exhibitor {
    pub id: ExhibitorId,
    pub pavilion_id: PavilionId,
    pub profile: ExhibitorProfile,
    pub status: ExhibitorStatus,
    pub version: i64,
    pub completeness: u8,
    pub review_comment: Option<String>,
    pub edits_unlocked: bool,
    pub submitted_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A published company as the directory lists it.
#[derive(Debug, Clone)]
pub struct PublishedExhibitor {
    pub id: ExhibitorId,
    pub pavilion_id: PavilionId,
    pub profile: ExhibitorProfile,
    pub published_at: DateTime<Utc>,
}

/// Filters of the admins' list.
#[derive(Debug, Default, Clone)]
pub struct ExhibitorFilter {
    pub status: Option<ExhibitorStatus>,
    pub min_completeness: Option<u8>,
    pub max_completeness: Option<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(result: Result<ExhibitorProfile, CoreError>) -> Vec<(String, &'static str)> {
        match result {
            Err(CoreError::Validation(errors)) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    #[test]
    fn reports_every_field_problem_at_its_path() {
        let result = ExhibitorProfile::from_json(json!({
            "name": {"en": " "},
            "company_type": "studio",
            "website": "ftp://x",
            "contacts": [{"name": "Li", "email": "nope"}],
            "languages": ["EN"],
        }));
        assert_eq!(
            codes(result),
            vec![
                ("name".to_owned(), "required"),
                ("company_type".to_owned(), "unknown_value"),
                ("website".to_owned(), "invalid_url"),
                ("contacts[0].email".to_owned(), "invalid_email"),
                ("languages[0]".to_owned(), "invalid_language"),
            ]
        );
        assert_eq!(
            codes(ExhibitorProfile::from_json(json!({"name": {"en": "A"}, "contacts": [{"nom": 1}]}))),
            vec![("contacts[0].nom".to_owned(), "unknown_field")]
        );
    }

    #[test]
    fn merge_patch_adds_a_translation_and_keeps_the_rest() {
        let profile =
            ExhibitorProfile::from_json(json!({"name": {"en": "West Lake Films"}, "booth": "1B-C12"})).unwrap();
        let patched = profile.patched(&json!({"name": {"zh-Hans": "西湖影业"}, "booth": null})).unwrap();
        assert_eq!(patched.name.en.as_deref(), Some("West Lake Films"));
        assert_eq!(patched.name.zh_hans.as_deref(), Some("西湖影业"));
        assert_eq!(patched.booth, None);
        assert_eq!(patched.changed_fields(&profile), vec!["booth".to_owned(), "name".to_owned()]);
    }

    #[test]
    fn completeness_names_what_is_missing() {
        let profile =
            ExhibitorProfile::from_json(json!({"name": {"en": "A", "zh-Hans": "甲", "zh-Hant": "甲"}})).unwrap();
        let score = profile.completeness(0);
        assert_eq!(score.score, 11);
        assert!(score.missing.contains(&"works") && !score.missing.contains(&"name"));
    }
}
