use super::{EmailAddress, LocalizedText, PavilionId, Slug};
use crate::error::CoreError;
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PavilionStatus {
    /// Being prepared; only the organiser and its admins see it.
    Draft,
    /// Public; its slug can no longer change.
    Active,
    /// Over; kept for the record, hidden from the public.
    Archived,
}

impl PavilionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Active => "active",
            Self::Archived => "archived",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        match raw {
            "draft" => Ok(Self::Draft),
            "active" => Ok(Self::Active),
            "archived" => Ok(Self::Archived),
            _ => Err(CoreError::invalid("status", "invalid_status", "must be one of draft, active, archived")),
        }
    }

    /// draft → active → archived, and an archived pavilion may be reopened. Nothing returns to
    /// draft: once public, links to it exist.
    pub fn can_become(self, next: Self) -> bool {
        use PavilionStatus::{Active, Archived, Draft};
        self == next
            || matches!((self, next), (Draft, Active) | (Draft, Archived) | (Active, Archived) | (Archived, Active))
    }
}

/// `#RRGGBB`, used in emails and pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct BrandColor(String);

impl BrandColor {
    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        let raw = raw.trim();
        let valid = raw.len() == 7 && raw.starts_with('#') && raw[1..].bytes().all(|b| b.is_ascii_hexdigit());
        if !valid {
            return Err(CoreError::invalid("brand_color", "invalid_color", "must be a hex colour such as #C8102E"));
        }
        Ok(Self(raw.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone)]
pub struct Pavilion {
    pub id: PavilionId,
    pub slug: Slug,
    pub name: LocalizedText,
    pub region: LocalizedText,
    pub host_association: LocalizedText,
    pub description: LocalizedText,
    pub location: Option<String>,
    pub contact_email: Option<EmailAddress>,
    pub brand_color: Option<BrandColor>,
    pub logo_url: Option<String>,
    pub sender_name: Option<String>,
    pub reply_to: Option<EmailAddress>,
    pub email_footer: LocalizedText,
    pub profile_deadline: Option<DateTime<Utc>>,
    pub status: PavilionStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A pavilion in a list, with the organiser's head counts when the caller may see them.
#[derive(Debug, Clone)]
pub struct PavilionSummary {
    pub pavilion: Pavilion,
    pub member_count: Option<i64>,
}

/// Everything needed to create a pavilion, already validated.
#[derive(Debug, Clone)]
pub struct NewPavilion {
    pub slug: Slug,
    pub name: LocalizedText,
    pub region: LocalizedText,
    pub fields: PavilionChanges,
}

/// A partial update: `None` leaves a field alone, `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct PavilionChanges {
    pub slug: Option<Slug>,
    pub name: Option<LocalizedText>,
    pub region: Option<LocalizedText>,
    pub host_association: Option<LocalizedText>,
    pub description: Option<LocalizedText>,
    pub location: Option<Option<String>>,
    pub contact_email: Option<Option<EmailAddress>>,
    pub brand_color: Option<Option<BrandColor>>,
    pub logo_url: Option<Option<String>>,
    pub sender_name: Option<Option<String>>,
    pub reply_to: Option<Option<EmailAddress>>,
    pub email_footer: Option<LocalizedText>,
    pub profile_deadline: Option<Option<DateTime<Utc>>>,
    pub status: Option<PavilionStatus>,
}

impl PavilionChanges {
    pub fn is_empty(&self) -> bool {
        self.slug.is_none()
            && self.name.is_none()
            && self.region.is_none()
            && self.host_association.is_none()
            && self.description.is_none()
            && self.location.is_none()
            && self.contact_email.is_none()
            && self.brand_color.is_none()
            && self.logo_url.is_none()
            && self.sender_name.is_none()
            && self.reply_to.is_none()
            && self.email_footer.is_none()
            && self.profile_deadline.is_none()
            && self.status.is_none()
    }

    /// Applies the changes to a pavilion in memory; the caller has checked permissions.
    pub fn apply_to(self, pavilion: &mut Pavilion) {
        fn set<T>(target: &mut T, value: Option<T>) {
            if let Some(value) = value {
                *target = value;
            }
        }
        set(&mut pavilion.slug, self.slug);
        set(&mut pavilion.name, self.name);
        set(&mut pavilion.region, self.region);
        set(&mut pavilion.host_association, self.host_association);
        set(&mut pavilion.description, self.description);
        set(&mut pavilion.location, self.location);
        set(&mut pavilion.contact_email, self.contact_email);
        set(&mut pavilion.brand_color, self.brand_color);
        set(&mut pavilion.logo_url, self.logo_url);
        set(&mut pavilion.sender_name, self.sender_name);
        set(&mut pavilion.reply_to, self.reply_to);
        set(&mut pavilion.email_footer, self.email_footer);
        set(&mut pavilion.profile_deadline, self.profile_deadline);
        set(&mut pavilion.status, self.status);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_transitions() {
        use PavilionStatus::*;
        assert!(Draft.can_become(Active));
        assert!(Active.can_become(Archived));
        assert!(Archived.can_become(Active));
        assert!(!Active.can_become(Draft));
        assert!(!Archived.can_become(Draft));
    }

    #[test]
    fn brand_colour() {
        assert_eq!(BrandColor::parse("#c8102e").unwrap().as_str(), "#C8102E");
        for bad in ["c8102e", "#c8102", "#zzzzzz", "red"] {
            assert!(BrandColor::parse(bad).is_err(), "{bad}");
        }
    }
}
