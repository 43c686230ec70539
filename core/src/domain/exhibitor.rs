//! An exhibitor company's profile: the document its users edit and the pavilion approves.

use super::document::{self, check_languages, check_optional_line, check_optional_url};
use super::vocabulary::{CompanyType, Vocabulary, check_choice};
use super::{EmailAddress, ExhibitorId, LocalizedText, PavilionId, UploadKey};
use crate::error::{CoreError, FieldError, Violations};
use chrono::{DateTime, Utc};

/// Company types, a fixed vocabulary so the directory can filter on it.
pub const COMPANY_TYPES: &[&str] = CompanyType::NAMES;

/// A company profile as someone typed it, before anything is checked.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub company_type: Option<String>,
    pub website: Option<String>,
    pub city: LocalizedText,
    pub booth: Option<String>,
    pub contacts: Vec<ContactInput>,
    pub languages: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ContactInput {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub public: bool,
}

/// The company profile, checked. Texts the public reads are multilingual; contacts marked
/// private are seen only by the company and its pavilion.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExhibitorProfile {
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub company_type: Option<CompanyType>,
    pub website: Option<String>,
    pub city: LocalizedText,
    /// Booth number inside the pavilion, e.g. `1B-C12`.
    pub booth: Option<String>,
    /// The stored logo, set only by its upload.
    pub logo: Option<UploadKey>,
    pub contacts: Vec<Contact>,
    /// Languages the company works in (ISO 639: `en`, `zh`, `yue`).
    pub languages: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Public contacts appear in the directory; private ones only to the company and its pavilion.
    pub public: bool,
}

const NAME_MAX: usize = 200;
const TEXT_MAX: usize = 5000;
const CONTACTS_MAX: usize = 20;

impl ExhibitorProfile {
    /// Checks what someone typed, reporting every problem at once by field (`contacts[1].email`).
    /// The logo is not typed: it stays what it was (`None` for a new company).
    pub fn parse(input: ProfileInput, logo: Option<UploadKey>) -> Result<Self, CoreError> {
        let mut errors = Violations::new();
        let name = errors.check(input.name.clean_line("name", NAME_MAX, true)).unwrap_or_default();
        let description = errors.check(input.description.clean("description", TEXT_MAX, false)).unwrap_or_default();
        let city = errors.check(input.city.clean_line("city", NAME_MAX, false)).unwrap_or_default();
        let company_type = check_choice::<CompanyType>(&mut errors, "company_type", input.company_type.as_deref());
        let website = check_optional_url(&mut errors, "website", input.website);
        let booth = check_optional_line(&mut errors, "booth", input.booth, 40);
        if input.contacts.len() > CONTACTS_MAX {
            errors.push(FieldError::new("contacts", "too_many", format!("at most {CONTACTS_MAX} contacts")));
        }
        let contacts = input
            .contacts
            .into_iter()
            .take(CONTACTS_MAX)
            .enumerate()
            .filter_map(|(index, contact)| Contact::parse(contact, &mut errors, &format!("contacts[{index}]")))
            .collect();
        let languages = check_languages(&mut errors, "languages", &input.languages);
        errors.into_result()?;
        Ok(Self { name, description, company_type, website, city, booth, logo, contacts, languages })
    }

    /// The profile as it would be typed again: what an edit starts from.
    pub fn to_input(&self) -> ProfileInput {
        ProfileInput {
            name: self.name.clone(),
            description: self.description.clone(),
            company_type: self.company_type.map(|kind| kind.as_str().to_owned()),
            website: self.website.clone(),
            city: self.city.clone(),
            booth: self.booth.clone(),
            contacts: self
                .contacts
                .iter()
                .map(|contact| ContactInput {
                    name: contact.name.clone(),
                    title: contact.title.clone(),
                    email: contact.email.clone(),
                    phone: contact.phone.clone(),
                    public: contact.public,
                })
                .collect(),
            languages: self.languages.clone(),
        }
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

    /// The fields that differ from `other` (what changed since the published version), by the
    /// names the profile's items go by.
    pub fn changed_fields(&self, other: &Self) -> Vec<String> {
        let fields: [(&str, bool); 9] = [
            ("booth", self.booth != other.booth),
            ("city", self.city != other.city),
            ("company_type", self.company_type != other.company_type),
            ("contacts", self.contacts != other.contacts),
            ("description", self.description != other.description),
            ("languages", self.languages != other.languages),
            ("logo", self.logo != other.logo),
            ("name", self.name != other.name),
            ("website", self.website != other.website),
        ];
        fields.into_iter().filter(|(_, changed)| *changed).map(|(name, _)| name.to_owned()).collect()
    }
}

impl Contact {
    fn parse(input: ContactInput, errors: &mut Violations, field: &str) -> Option<Self> {
        let name = errors.check(super::clean_line(&format!("{field}.name"), &input.name, NAME_MAX));
        if name.as_deref() == Some("") {
            errors.push(FieldError::new(format!("{field}.name"), "required", "a contact needs a name"));
        }
        let title = check_optional_line(errors, &format!("{field}.title"), input.title, NAME_MAX);
        let email = input.email.filter(|e| !e.trim().is_empty()).and_then(|email| {
            errors.check(EmailAddress::parse_field(&format!("{field}.email"), &email)).map(|e| e.to_string())
        });
        let phone = check_optional_line(errors, &format!("{field}.phone"), input.phone, 40);
        if let Some(phone) = &phone
            && !phone.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
        {
            errors.push(FieldError::new(format!("{field}.phone"), "invalid_phone", "digits, spaces and + - ( ) only"));
        }
        Some(Self { name: name?, title, email, phone, public: input.public })
    }
}

/// A 0–100 score and the names of the items still missing.
#[derive(Debug, Clone, PartialEq, Eq)]
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

    fn codes(result: Result<ExhibitorProfile, CoreError>) -> Vec<(String, &'static str)> {
        match result {
            Err(CoreError::Validation(errors)) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    fn named(name: &str) -> ProfileInput {
        ProfileInput { name: LocalizedText { en: Some(name.into()), ..Default::default() }, ..Default::default() }
    }

    #[test]
    fn reports_every_field_problem_at_its_path() {
        let input = ProfileInput {
            company_type: Some("studio".into()),
            website: Some("ftp://x".into()),
            contacts: vec![ContactInput { name: "Li".into(), email: Some("nope".into()), ..Default::default() }],
            languages: vec!["EN".into()],
            ..named(" ")
        };
        assert_eq!(
            codes(ExhibitorProfile::parse(input, None)),
            vec![
                ("name".to_owned(), "required"),
                ("company_type".to_owned(), "unknown_value"),
                ("website".to_owned(), "invalid_url"),
                ("contacts[0].email".to_owned(), "invalid_email"),
                ("languages[0]".to_owned(), "invalid_language"),
            ]
        );
    }

    #[test]
    fn an_input_round_trips_and_changes_are_named() {
        let profile = ExhibitorProfile::parse(
            ProfileInput { booth: Some("1B-C12".into()), company_type: Some("sales_agent".into()), ..named("A") },
            None,
        )
        .unwrap();
        assert_eq!(ExhibitorProfile::parse(profile.to_input(), None).unwrap(), profile);
        let edited = ExhibitorProfile { booth: None, ..profile.clone() };
        assert_eq!(edited.changed_fields(&profile), vec!["booth".to_owned()]);
    }

    #[test]
    fn completeness_names_what_is_missing() {
        let name = LocalizedText { en: Some("A".into()), zh_hans: Some("甲".into()), zh_hant: Some("甲".into()) };
        let profile = ExhibitorProfile::parse(ProfileInput { name, ..Default::default() }, None).unwrap();
        let score = profile.completeness(0);
        assert_eq!(score.score, 11);
        assert!(score.missing.contains(&"works") && !score.missing.contains(&"name"));
    }
}
