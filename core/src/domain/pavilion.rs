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

/// How many days before the profile deadline its reminders go out: distinct, 1–90 days, at
/// most six, largest first. Empty: no reminders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ReminderDays(Vec<u16>);

impl ReminderDays {
    pub const MAX_DAYS: u16 = 90;
    pub const MAX_COUNT: usize = 6;

    pub fn parse(days: &[i64]) -> Result<Self, CoreError> {
        let invalid = || {
            CoreError::invalid(
                "reminder_days",
                "invalid_reminder_days",
                format!(
                    "must be at most {} whole numbers of days between 1 and {}, such as [14, 3]",
                    Self::MAX_COUNT,
                    Self::MAX_DAYS
                ),
            )
        };
        if days.len() > Self::MAX_COUNT {
            return Err(invalid());
        }
        let mut parsed = days
            .iter()
            .map(|day| u16::try_from(*day).ok().filter(|day| (1..=Self::MAX_DAYS).contains(day)).ok_or_else(invalid))
            .collect::<Result<Vec<u16>, CoreError>>()?;
        parsed.sort_unstable_by(|a, b| b.cmp(a));
        parsed.dedup();
        Ok(Self(parsed))
    }

    pub fn days(&self) -> &[u16] {
        &self.0
    }
}

impl Default for ReminderDays {
    fn default() -> Self {
        Self(vec![14, 3])
    }
}

/// The IANA time zone a pavilion's deadline is told in (`Asia/Shanghai`); UTC by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(chrono_tz::Tz);

impl Default for TimeZone {
    fn default() -> Self {
        Self(chrono_tz::UTC)
    }
}

impl TimeZone {
    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        raw.trim().parse::<chrono_tz::Tz>().map(Self).map_err(|_| {
            CoreError::invalid(
                "time_zone",
                "invalid_time_zone",
                "must be an IANA time zone name such as Asia/Shanghai, Asia/Hong_Kong or Europe/Paris",
            )
        })
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// A time read on this zone's clocks; the earlier of two in a repeated hour, `None` in a
    /// skipped one.
    pub fn from_local(&self, local: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
        use chrono::TimeZone as _;
        self.0.from_local_datetime(&local).earliest().map(|at| at.with_timezone(&Utc))
    }

    /// `at` on this zone's clocks, in `format` (chrono's).
    pub fn format(&self, at: DateTime<Utc>, format: &str) -> String {
        at.with_timezone(&self.0).format(format).to_string()
    }

    /// `at` on this zone's clocks, as `2027-03-10 18:00`.
    pub fn local(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.0).format("%Y-%m-%d %H:%M").to_string()
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
    pub reminder_days: ReminderDays,
    pub time_zone: TimeZone,
    /// Which of its accounts must add a second factor before doing anything else.
    pub second_factor: SecondFactorRequired,
    pub status: PavilionStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The accounts of a pavilion that must have a second factor: its admins, its exhibitors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SecondFactorRequired {
    pub admins: bool,
    pub exhibitors: bool,
}

impl SecondFactorRequired {
    /// Whether an account of this role at this pavilion must have a second factor.
    pub fn of(self, role: super::Role) -> bool {
        match role {
            super::Role::PavilionAdmin => self.admins,
            super::Role::Exhibitor => self.exhibitors,
            // Accounts of no pavilion: the pavilion's policy is not theirs.
            super::Role::Organiser | super::Role::Buyer => false,
        }
    }
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
    pub reminder_days: Option<ReminderDays>,
    pub time_zone: Option<TimeZone>,
    pub second_factor_admins: Option<bool>,
    pub second_factor_exhibitors: Option<bool>,
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
            && self.reminder_days.is_none()
            && self.time_zone.is_none()
            && self.second_factor_admins.is_none()
            && self.second_factor_exhibitors.is_none()
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
        set(&mut pavilion.reminder_days, self.reminder_days);
        set(&mut pavilion.time_zone, self.time_zone);
        set(&mut pavilion.second_factor.admins, self.second_factor_admins);
        set(&mut pavilion.second_factor.exhibitors, self.second_factor_exhibitors);
        set(&mut pavilion.status, self.status);
    }
}

#[cfg(test)]
mod tests {
    use super::{ReminderDays, TimeZone};

    #[test]
    fn reminder_days_are_distinct_bounded_and_largest_first() {
        assert_eq!(ReminderDays::parse(&[3, 14, 3]).unwrap().days(), &[14, 3]);
        assert_eq!(ReminderDays::parse(&[]).unwrap().days(), &[] as &[u16]);
        for bad in [vec![0], vec![91], vec![-1], vec![1, 2, 3, 4, 5, 6, 7]] {
            assert!(ReminderDays::parse(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn time_zones_by_iana_name_read_and_tell_local_time() {
        let shanghai = TimeZone::parse(" Asia/Shanghai ").unwrap();
        let local = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap().and_hms_opt(18, 0, 0).unwrap();
        let at = shanghai.from_local(local).unwrap();
        assert_eq!(at.to_rfc3339(), "2027-03-01T10:00:00+00:00");
        assert_eq!(shanghai.local(at), "2027-03-01 18:00");
        assert_eq!(TimeZone::default().name(), "UTC");
        assert!(TimeZone::parse("Mars/Olympus").is_err());
    }

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
