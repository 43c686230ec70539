//! `GET|POST /{lang}/workspace/pavilions/{slug}/settings`: a pavilion's settings for its admins
//! and the organiser: names, region, host association and description in three languages, the
//! booth, the contact address, the brand colour (with its contrast against white text, checked
//! as it is chosen), the logo's address, the email identity (sender name, reply-to, footer) and
//! the profile deadline. The form is read as `PATCH /api/v1/pavilions/{slug}` reads its body, and
//! saved through the same use case. `POST …/settings/test-email` sends the person a test email
//! from the pavilion's identity, as `POST …/emails/test` does.

use super::PavilionWorkspace;
use crate::dto::Localized;
use crate::dto::pavilion::{SecondFactorPolicy, UpdatePavilionRequest};
use crate::extractors::Client;
use crate::pages::kernel::Done;
use crate::pages::kernel::forms::{self, Field, FieldErrors, FormData, LocalizedInput, Values};
use crate::pages::kernel::{
    Href, PageError, PageMeta, PavilionTab, Posted, Referrer, Shown, i18n::Text, private_page, see_other,
};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDateTime;
use pavilion_core::CoreError;
use pavilion_core::domain::{Locale, LocalizedText, Pavilion, PavilionChanges, TimeZone};
use pavilion_core::services::{emails, pavilions};

/// The texts in three languages, with whether each is multi-line.
const TEXTS: [(&str, bool); 5] =
    [("name", false), ("region", false), ("host_association", false), ("description", true), ("email_footer", true)];
/// The single-line fields, with their input types.
const LINES: [(&str, &str); 8] = [
    ("location", "text"),
    ("contact_email", "email"),
    ("logo_url", "url"),
    ("sender_name", "text"),
    ("reply_to", "email"),
    ("time_zone", "text"),
    ("profile_deadline", "datetime-local"),
    ("reminder_days", "text"),
];
/// How a deadline is typed (`datetime-local`, on the pavilion's clocks).
const DEADLINE_FORMAT: &str = "%Y-%m-%dT%H:%M";

#[derive(Template)]
#[template(path = "pavilion/pavilion_settings.html")]
struct SettingsPage {
    page: PageMeta,
    t: Text,
    heading: String,
    pavilion_tabs: Vec<crate::pages::kernel::Tab>,
    heading_lang: Option<&'static str>,
    notice: Option<String>,
    alert: Option<String>,
    form_token: String,
    action: String,
    texts: Vec<LocalizedInput>,
    lines: Vec<Field>,
    colour: String,
    colour_error: Option<String>,
    contrast: String,
    contrast_passes: bool,
    /// Whether its admins, and its exhibitors, must use two-step sign-in.
    second_factor_admins: bool,
    second_factor_exhibitors: bool,
}

/// The settings as the form's fields.
fn values_of(pavilion: &Pavilion) -> Values {
    let mut values = Values::new();
    let texts: [(&str, &LocalizedText); 5] = [
        ("name", &pavilion.name),
        ("region", &pavilion.region),
        ("host_association", &pavilion.host_association),
        ("description", &pavilion.description),
        ("email_footer", &pavilion.email_footer),
    ];
    for (field, text) in texts {
        for (locale, value) in
            [(Locale::En, &text.en), (Locale::ZhHans, &text.zh_hans), (Locale::ZhHant, &text.zh_hant)]
        {
            values.insert(format!("{field}.{}", locale.as_str()), value.clone().unwrap_or_default());
        }
    }
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    values.insert("location".into(), text(&pavilion.location));
    values.insert("contact_email".into(), pavilion.contact_email.as_ref().map(|e| e.to_string()).unwrap_or_default());
    values.insert("logo_url".into(), text(&pavilion.logo_url));
    values.insert("sender_name".into(), text(&pavilion.sender_name));
    values.insert("reply_to".into(), pavilion.reply_to.as_ref().map(|e| e.to_string()).unwrap_or_default());
    values.insert(
        "profile_deadline".into(),
        pavilion.profile_deadline.map(|at| pavilion.time_zone.format(at, DEADLINE_FORMAT)).unwrap_or_default(),
    );
    values.insert("time_zone".into(), pavilion.time_zone.name().to_owned());
    values.insert(
        "reminder_days".into(),
        pavilion.reminder_days.days().iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
    );
    for (field, required) in [
        ("second_factor_admins", pavilion.second_factor.admins),
        ("second_factor_exhibitors", pavilion.second_factor.exhibitors),
    ] {
        if required {
            values.insert(field.into(), "on".into());
        }
    }
    values.insert(
        "brand_color".into(),
        pavilion
            .brand_color
            .as_ref()
            .map_or(crate::pages::kernel::DEFAULT_COLOUR.to_owned(), |c| c.as_str().to_ascii_lowercase()),
    );
    values
}

/// What a form's field could not be read as, before the use case sees it.
enum Unreadable {
    Deadline,
    ReminderDays,
}

/// The form as the API's update body: every field given, an empty one cleared. The deadline is
/// read on the clocks of the time zone posted with it (UTC until a valid one is given; the use
/// case then names the time zone's error).
fn request_of(form: &FormData) -> Result<UpdatePavilionRequest, Unreadable> {
    let localized = |field: &str| Some(Localized::from(forms::localized(form, field)));
    let optional = |field: &str| Some(forms::optional(form, field));
    let zone = TimeZone::parse(form.get("time_zone")).unwrap_or_default();
    let deadline = match forms::optional(form, "profile_deadline") {
        None => None,
        Some(typed) => {
            match NaiveDateTime::parse_from_str(&typed, DEADLINE_FORMAT).ok().and_then(|at| zone.from_local(at)) {
                Some(at) => Some(at),
                None => return Err(Unreadable::Deadline),
            }
        }
    };
    // Absent from an older page's form: unchanged. Present and empty: no reminders.
    let reminder_days = form
        .has("reminder_days")
        .then(|| {
            form.get("reminder_days")
                .split([',', '，', ' '])
                .filter(|day| !day.is_empty())
                .map(|day| day.parse::<i64>().map_err(|_| Unreadable::ReminderDays))
                .collect::<Result<Vec<i64>, Unreadable>>()
        })
        .transpose()?;
    Ok(UpdatePavilionRequest {
        name: localized("name"),
        region: localized("region"),
        host_association: localized("host_association"),
        description: localized("description"),
        location: optional("location"),
        contact_email: optional("contact_email"),
        brand_color: optional("brand_color"),
        logo_url: optional("logo_url"),
        sender_name: optional("sender_name"),
        reply_to: optional("reply_to"),
        email_footer: localized("email_footer"),
        profile_deadline: Some(deadline),
        reminder_days,
        // Empty or absent: unchanged (every pavilion has one; UTC until set).
        time_zone: forms::optional(form, "time_zone"),
        // Unchecked boxes are not posted: the form's marker tells them from an older form.
        require_second_factor: form.has("second_factor_policy").then(|| SecondFactorPolicy {
            pavilion_admin: Some(form.has("second_factor_admins")),
            exhibitor: Some(form.has("second_factor_exhibitors")),
        }),
        ..UpdatePavilionRequest::default()
    })
}

/// The contrast of white text on `colour` (`#rrggbb`), as WCAG 2.1 defines it.
pub fn contrast_with_white(colour: &str) -> Option<f64> {
    let hex = colour.strip_prefix('#').filter(|hex| hex.len() == 6)?;
    let channel = |at: usize| -> Option<f64> {
        let value = f64::from(u8::from_str_radix(hex.get(at..at + 2)?, 16).ok()?) / 255.0;
        Some(if value <= 0.03928 { value / 12.92 } else { ((value + 0.055) / 1.055).powf(2.4) })
    };
    let luminance = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    Some(1.05 / (luminance + 0.05))
}

pub async fn handle(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let notice = done.into_inner().done.and_then(|done| match done.as_str() {
        "saved" | "test-email" => Some(workspace.lang.text().get(&format!("settings-done-{done}"))),
        _ => None,
    });
    render(&state, &workspace, None, Feedback { notice, ..Feedback::default() })
}

#[derive(Default)]
struct Feedback {
    notice: Option<String>,
    alert: Option<String>,
    errors: FieldErrors,
    status: Option<StatusCode>,
}

pub async fn save(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    Client(client): Client,
    Posted(form): Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let lang = workspace.lang;
    let t = lang.text();
    let mut values = Values::new();
    for (field, _) in TEXTS {
        for locale in Locale::ALL {
            let name = format!("{field}.{}", locale.as_str());
            values.insert(name.clone(), form.get(&name).to_owned());
        }
    }
    for (field, _) in LINES {
        values.insert(field.to_owned(), form.get(field).to_owned());
    }
    values.insert("brand_color".into(), form.get("brand_color").to_owned());
    let refused = |errors: FieldErrors| Feedback {
        alert: Some(t.get("form-has-errors")),
        errors,
        status: Some(StatusCode::UNPROCESSABLE_ENTITY),
        ..Feedback::default()
    };
    let request = match request_of(&form) {
        Ok(request) => request,
        Err(unreadable) => {
            let errors = match unreadable {
                Unreadable::Deadline => FieldErrors::one("profile_deadline", t.get("settings-deadline-invalid")),
                Unreadable::ReminderDays => FieldErrors::one("reminder_days", t.get("settings-reminder-days-invalid")),
            };
            return render(&state, &workspace, Some(values), refused(errors));
        }
    };
    let slug = workspace.slug().to_owned();
    let caller = workspace.person.clone();
    let saved = state
        .call(Some(caller), client, move |ctx| pavilions::update(ctx, &slug, PavilionChanges::try_from(request)?))
        .await;
    match saved {
        Ok(_) => Ok(see_other(&format!("{}?done=saved", settings_href(&workspace))).finish()),
        Err(error @ CoreError::Validation(_)) => {
            render(&state, &workspace, Some(values), refused(FieldErrors::from_error(&t, &error)))
        }
        Err(error) => Err(PageError::from(error).hiding_forbidden()),
    }
}

pub async fn test_email(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    Client(client): Client,
    _: Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let slug = workspace.slug().to_owned();
    let caller = workspace.person.clone();
    state
        .call(Some(caller), client, move |ctx| emails::send_test(ctx, &slug))
        .await
        .map_err(|error| PageError::from(error).hiding_forbidden())?;
    Ok(see_other(&format!("{}?done=test-email", settings_href(&workspace))).finish())
}

fn settings_href(workspace: &PavilionWorkspace) -> String {
    Href::pavilion(workspace.lang, workspace.slug(), PavilionTab::Settings)
}

fn render(
    state: &AppState,
    workspace: &PavilionWorkspace,
    posted: Option<Values>,
    feedback: Feedback,
) -> Result<HttpResponse, PageError> {
    let (lang, pavilion) = (workspace.lang, &workspace.pavilion);
    let rest = format!("/workspace/pavilions/{}/settings", workspace.slug());
    let t = lang.text();
    let values = posted.unwrap_or_else(|| values_of(pavilion));
    let errors = &feedback.errors;
    let texts = TEXTS
        .into_iter()
        .map(|(field, multiline)| {
            // Names of a pavilion are written, not converted: no "fill" buttons here.
            LocalizedInput::new(&t, field, t.get(&format!("settings-{field}")), multiline, &values)
                .annotate(errors, &Values::new(), None, false)
                .written_by_hand()
        })
        .collect();
    let lines = LINES
        .into_iter()
        .map(|(field, input_type)| {
            let mut line = Field::new(field, t.get(&format!("settings-{field}")), input_type, "off")
                .value(values.get(field).map_or("", String::as_str))
                .error_from(errors);
            match field {
                "profile_deadline" => line = line.hint(t.get("settings-deadline-hint")),
                "time_zone" => line = line.hint(t.get("settings-time-zone-hint")),
                "reminder_days" => line = line.hint(t.get("settings-reminder-days-hint")),
                _ => {}
            }
            if field == "logo_url" {
                line = line.hint(t.get("settings-logo-hint"));
            }
            line
        })
        .collect();
    let colour = values.get("brand_color").cloned().unwrap_or_else(|| crate::pages::kernel::DEFAULT_COLOUR.to_owned());
    let ratio = contrast_with_white(&colour).unwrap_or(0.0);
    let name = Shown::of(&pavilion.name, lang);
    let heading = t.with("settings-title", &[("pavilion", &name.text)]);
    let mut page = PageMeta::private(state, lang, &rest, heading.clone());
    page.account = workspace.account_bar(state);
    let template = SettingsPage {
        heading,
        pavilion_tabs: workspace.tabs(PavilionTab::Settings),
        heading_lang: name.lang,
        notice: feedback.notice,
        alert: feedback.alert,
        form_token: workspace.browser.form_token(state),
        action: settings_href(workspace),
        texts,
        lines,
        colour_error: errors.get("brand_color").cloned(),
        contrast: t.with("settings-contrast", &[("ratio", &format!("{ratio:.1}"))]),
        contrast_passes: ratio >= 4.5,
        second_factor_admins: values.contains_key("second_factor_admins"),
        second_factor_exhibitors: values.contains_key("second_factor_exhibitors"),
        colour,
        page,
        t,
    };
    Ok(private_page(
        state,
        &workspace.browser,
        feedback.status.unwrap_or(StatusCode::OK),
        &template,
        Referrer::SameOrigin,
    )?)
}
