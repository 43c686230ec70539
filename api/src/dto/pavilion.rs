use super::{Localized, double_option};
use chrono::{DateTime, Utc};
use pavilion_core::CoreError;
use pavilion_core::domain::{
    BrandColor, EmailAddress, NewPavilion, Pavilion, PavilionChanges, PavilionStatus, PavilionSummary, ReminderDays,
    Slug, TimeZone, clean_line, clean_sender_name,
};
use pavilion_core::error::{FieldError, Violations};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `POST /api/v1/pavilions`: `slug`, `name` and `region` are required.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreatePavilionRequest {
    /// `[a-z0-9-]{2,40}`; unique; fixed once the pavilion is active.
    pub slug: String,
    pub name: Localized,
    /// City or province.
    pub region: Localized,
    pub host_association: Option<Localized>,
    pub description: Option<Localized>,
    /// Hall and booth, e.g. "Hall 1, 1B-C12".
    pub location: Option<String>,
    pub contact_email: Option<String>,
    /// `#RRGGBB`.
    pub brand_color: Option<String>,
    pub logo_url: Option<String>,
    /// Display name on the pavilion's emails, e.g. "Hangzhou Pavilion".
    pub sender_name: Option<String>,
    pub reply_to: Option<String>,
    pub email_footer: Option<Localized>,
    pub profile_deadline: Option<DateTime<Utc>>,
    /// Days before the deadline its reminders go out (default `[14, 3]`; `[]` for none).
    pub reminder_days: Option<Vec<i64>>,
    /// IANA name of the time zone the deadline is told in (default `UTC`).
    pub time_zone: Option<String>,
    /// `draft` (default) or `active`.
    pub status: Option<String>,
}

/// `PATCH /api/v1/pavilions/{slug}`: only the fields present change; `null` clears an optional one.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct UpdatePavilionRequest {
    pub slug: Option<String>,
    pub name: Option<Localized>,
    pub region: Option<Localized>,
    pub host_association: Option<Localized>,
    pub description: Option<Localized>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub location: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub contact_email: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub brand_color: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub logo_url: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub sender_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub reply_to: Option<Option<String>>,
    pub email_footer: Option<Localized>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub profile_deadline: Option<Option<DateTime<Utc>>>,
    /// Days before the deadline its reminders go out, 1–90, at most six; `[]` for none.
    pub reminder_days: Option<Vec<i64>>,
    /// IANA name of the time zone the deadline is told in, e.g. `Asia/Shanghai`.
    pub time_zone: Option<String>,
    /// Which of its accounts must add a second factor before anything else; each key optional.
    pub require_second_factor: Option<SecondFactorPolicy>,
    /// `draft`, `active` or `archived`; only the organiser changes it.
    pub status: Option<String>,
}

/// Whether the pavilion's admins and its exhibitors must have a second factor.
#[derive(Deserialize, Serialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct SecondFactorPolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pavilion_admin: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exhibitor: Option<bool>,
}

const NAME_MAX: usize = 200;
const TEXT_MAX: usize = 5000;

fn optional_line(field: &'static str, max: usize, value: Option<String>) -> Result<Option<String>, CoreError> {
    value.map(|v| clean_line(field, &v, max)).transpose().map(|v| v.filter(|v| !v.is_empty()))
}

fn url(field: &'static str, value: Option<String>) -> Result<Option<String>, CoreError> {
    let Some(value) = optional_line(field, 2000, value)? else { return Ok(None) };
    if pavilion_core::domain::document::is_http_url(&value) {
        Ok(Some(value))
    } else {
        Err(CoreError::invalid(field, "invalid_url", "must be an http:// or https:// URL"))
    }
}

impl TryFrom<UpdatePavilionRequest> for PavilionChanges {
    type Error = CoreError;

    fn try_from(dto: UpdatePavilionRequest) -> Result<Self, CoreError> {
        let mut v = Violations::new();
        let text = |v: &mut Violations, field: &str, value: Option<Localized>, max: usize, required: bool| {
            value.and_then(|value| {
                v.check(pavilion_core::domain::LocalizedText::from(value).clean(field, max, required))
            })
        };
        let line = |v: &mut Violations, field: &str, value: Option<Localized>, max: usize, required: bool| {
            value.and_then(|value| {
                v.check(pavilion_core::domain::LocalizedText::from(value).clean_line(field, max, required))
            })
        };
        let changes = PavilionChanges {
            slug: dto.slug.and_then(|s| v.check(Slug::parse(&s))),
            name: line(&mut v, "name", dto.name, NAME_MAX, true),
            region: line(&mut v, "region", dto.region, NAME_MAX, true),
            host_association: line(&mut v, "host_association", dto.host_association, NAME_MAX, false),
            description: text(&mut v, "description", dto.description, TEXT_MAX, false),
            location: dto.location.and_then(|l| v.check(optional_line("location", NAME_MAX, l))),
            contact_email: dto.contact_email.and_then(|e| {
                v.check(
                    e.filter(|e| !e.trim().is_empty())
                        .map(|e| EmailAddress::parse_field("contact_email", &e))
                        .transpose(),
                )
            }),
            brand_color: dto
                .brand_color
                .and_then(|c| v.check(c.filter(|c| !c.trim().is_empty()).map(|c| BrandColor::parse(&c)).transpose())),
            logo_url: dto.logo_url.and_then(|u| v.check(url("logo_url", u))),
            sender_name: dto.sender_name.and_then(|s| {
                let name = s.map(|s| clean_sender_name("sender_name", &s, 100)).transpose();
                v.check(name.map(|name| name.filter(|name| !name.is_empty())))
            }),
            reply_to: dto.reply_to.and_then(|e| {
                v.check(
                    e.filter(|e| !e.trim().is_empty()).map(|e| EmailAddress::parse_field("reply_to", &e)).transpose(),
                )
            }),
            email_footer: text(&mut v, "email_footer", dto.email_footer, 1000, false),
            profile_deadline: dto.profile_deadline,
            reminder_days: dto.reminder_days.and_then(|days| v.check(ReminderDays::parse(&days))),
            time_zone: dto.time_zone.and_then(|zone| v.check(TimeZone::parse(&zone))),
            second_factor_admins: dto.require_second_factor.as_ref().and_then(|policy| policy.pavilion_admin),
            second_factor_exhibitors: dto.require_second_factor.as_ref().and_then(|policy| policy.exhibitor),
            status: dto.status.and_then(|s| v.check(PavilionStatus::parse(&s))),
        };
        v.into_result()?;
        Ok(changes)
    }
}

impl TryFrom<CreatePavilionRequest> for NewPavilion {
    type Error = CoreError;

    fn try_from(dto: CreatePavilionRequest) -> Result<Self, CoreError> {
        let patch = UpdatePavilionRequest {
            slug: Some(dto.slug),
            name: Some(dto.name),
            region: Some(dto.region),
            host_association: dto.host_association,
            description: dto.description,
            location: dto.location.map(Some),
            contact_email: dto.contact_email.map(Some),
            brand_color: dto.brand_color.map(Some),
            logo_url: dto.logo_url.map(Some),
            sender_name: dto.sender_name.map(Some),
            reply_to: dto.reply_to.map(Some),
            email_footer: dto.email_footer,
            profile_deadline: dto.profile_deadline.map(Some),
            reminder_days: dto.reminder_days,
            time_zone: dto.time_zone,
            require_second_factor: None,
            status: dto.status,
        };
        let mut fields = PavilionChanges::try_from(patch)?;
        let (Some(slug), Some(name), Some(region)) = (fields.slug.take(), fields.name.take(), fields.region.take())
        else {
            return Err(CoreError::Validation(vec![FieldError::new(
                "",
                "required",
                "slug, name and region are required",
            )]));
        };
        if fields.status == Some(PavilionStatus::Archived) {
            return Err(CoreError::invalid("status", "invalid_transition", "a new pavilion starts as draft or active"));
        }
        Ok(NewPavilion { slug, name, region, fields })
    }
}

/// A pavilion as the caller may see it. The email identity is shown only to those who manage
/// the pavilion; head counts only to the organiser.
#[derive(Serialize, ToSchema)]
pub struct PavilionResponse {
    pub id: String,
    pub slug: String,
    pub name: Localized,
    pub region: Localized,
    pub host_association: Localized,
    pub description: Localized,
    pub location: Option<String>,
    pub contact_email: Option<String>,
    pub brand_color: Option<String>,
    pub logo_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_identity: Option<EmailIdentity>,
    /// Which accounts must have a second factor; shown to those who manage the pavilion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_second_factor: Option<SecondFactorPolicy>,
    pub profile_deadline: Option<DateTime<Utc>>,
    /// Days before the deadline its reminders go out, largest first.
    pub reminder_days: Vec<u16>,
    /// The time zone the deadline is told in.
    pub time_zone: &'static str,
    /// `draft`, `active` or `archived`.
    pub status: &'static str,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<PavilionCounts>,
}

/// How the pavilion's emails present themselves.
#[derive(Serialize, ToSchema)]
pub struct EmailIdentity {
    pub sender_name: Option<String>,
    pub reply_to: Option<String>,
    pub email_footer: Localized,
}

/// Oversight figures, for the organiser.
#[derive(Serialize, ToSchema)]
pub struct PavilionCounts {
    /// Accounts (admins and exhibitor users) in the pavilion.
    pub members: i64,
}

impl PavilionResponse {
    pub fn new(pavilion: Pavilion, show_email_identity: bool) -> Self {
        let require_second_factor = show_email_identity.then_some(SecondFactorPolicy {
            pavilion_admin: Some(pavilion.second_factor.admins),
            exhibitor: Some(pavilion.second_factor.exhibitors),
        });
        let email_identity = show_email_identity.then(|| EmailIdentity {
            sender_name: pavilion.sender_name,
            reply_to: pavilion.reply_to.map(|e| e.to_string()),
            email_footer: pavilion.email_footer.into(),
        });
        Self {
            id: pavilion.id.to_string(),
            slug: pavilion.slug.to_string(),
            name: pavilion.name.into(),
            region: pavilion.region.into(),
            host_association: pavilion.host_association.into(),
            description: pavilion.description.into(),
            location: pavilion.location,
            contact_email: pavilion.contact_email.map(|e| e.to_string()),
            brand_color: pavilion.brand_color.map(|c| c.as_str().to_owned()),
            logo_url: pavilion.logo_url,
            email_identity,
            require_second_factor,
            profile_deadline: pavilion.profile_deadline,
            reminder_days: pavilion.reminder_days.days().to_vec(),
            time_zone: pavilion.time_zone.name(),
            status: pavilion.status.as_str(),
            created_at: pavilion.created_at,
            updated_at: pavilion.updated_at,
            counts: None,
        }
    }

    pub fn from_summary(summary: PavilionSummary) -> Self {
        let show = summary.member_count.is_some();
        let mut response = Self::new(summary.pavilion, show);
        response.counts = summary.member_count.map(|members| PavilionCounts { members });
        response
    }
}

#[derive(Serialize, ToSchema)]
pub struct PavilionPage {
    pub items: Vec<PavilionResponse>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
}
