//! Rendering: templates embedded in the binary (one folder per kind and locale, with subject,
//! plain text and HTML), a shared layout carrying the pavilion's branding. HTML templates escape
//! everything they are given; a user's text never becomes markup.

use super::Payload;
use crate::domain::{Locale, Pavilion};
use crate::error::CoreError;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;
use std::sync::OnceLock;

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/email/", $name)))),*]
    };
}

/// Every template, by name. Adding a kind means adding its nine files here.
const TEMPLATES: &[(&str, &str)] = templates![
    "layout.html",
    "layout.txt",
    "test_message/en/subject.txt",
    "test_message/en/body.txt",
    "test_message/en/body.html",
    "test_message/zh-Hans/subject.txt",
    "test_message/zh-Hans/body.txt",
    "test_message/zh-Hans/body.html",
    "test_message/zh-Hant/subject.txt",
    "test_message/zh-Hant/body.txt",
    "test_message/zh-Hant/body.html",
    "invitation/en/subject.txt",
    "invitation/en/body.txt",
    "invitation/en/body.html",
    "invitation/zh-Hans/subject.txt",
    "invitation/zh-Hans/body.txt",
    "invitation/zh-Hans/body.html",
    "invitation/zh-Hant/subject.txt",
    "invitation/zh-Hant/body.txt",
    "invitation/zh-Hant/body.html",
    "password_reset/en/subject.txt",
    "password_reset/en/body.txt",
    "password_reset/en/body.html",
    "password_reset/zh-Hans/subject.txt",
    "password_reset/zh-Hans/body.txt",
    "password_reset/zh-Hans/body.html",
    "password_reset/zh-Hant/subject.txt",
    "password_reset/zh-Hant/body.txt",
    "password_reset/zh-Hant/body.html",
    "buyer_confirm_email/en/subject.txt",
    "buyer_confirm_email/en/body.txt",
    "buyer_confirm_email/en/body.html",
    "buyer_confirm_email/zh-Hans/subject.txt",
    "buyer_confirm_email/zh-Hans/body.txt",
    "buyer_confirm_email/zh-Hans/body.html",
    "buyer_confirm_email/zh-Hant/subject.txt",
    "buyer_confirm_email/zh-Hant/body.txt",
    "buyer_confirm_email/zh-Hant/body.html",
    "buyer_already_registered/en/subject.txt",
    "buyer_already_registered/en/body.txt",
    "buyer_already_registered/en/body.html",
    "buyer_already_registered/zh-Hans/subject.txt",
    "buyer_already_registered/zh-Hans/body.txt",
    "buyer_already_registered/zh-Hans/body.html",
    "buyer_already_registered/zh-Hant/subject.txt",
    "buyer_already_registered/zh-Hant/body.txt",
    "buyer_already_registered/zh-Hant/body.html",
    "password_changed/en/subject.txt",
    "password_changed/en/body.txt",
    "password_changed/en/body.html",
    "password_changed/zh-Hans/subject.txt",
    "password_changed/zh-Hans/body.txt",
    "password_changed/zh-Hans/body.html",
    "password_changed/zh-Hant/subject.txt",
    "password_changed/zh-Hant/body.txt",
    "password_changed/zh-Hant/body.html",
    "second_factor_changed/en/subject.txt",
    "second_factor_changed/en/body.txt",
    "second_factor_changed/en/body.html",
    "second_factor_changed/zh-Hans/subject.txt",
    "second_factor_changed/zh-Hans/body.txt",
    "second_factor_changed/zh-Hans/body.html",
    "second_factor_changed/zh-Hant/subject.txt",
    "second_factor_changed/zh-Hant/body.txt",
    "second_factor_changed/zh-Hant/body.html",
    "exhibitor_submitted/en/subject.txt",
    "exhibitor_submitted/en/body.txt",
    "exhibitor_submitted/en/body.html",
    "exhibitor_submitted/zh-Hans/subject.txt",
    "exhibitor_submitted/zh-Hans/body.txt",
    "exhibitor_submitted/zh-Hans/body.html",
    "exhibitor_submitted/zh-Hant/subject.txt",
    "exhibitor_submitted/zh-Hant/body.txt",
    "exhibitor_submitted/zh-Hant/body.html",
    "exhibitor_approved/en/subject.txt",
    "exhibitor_approved/en/body.txt",
    "exhibitor_approved/en/body.html",
    "exhibitor_approved/zh-Hans/subject.txt",
    "exhibitor_approved/zh-Hans/body.txt",
    "exhibitor_approved/zh-Hans/body.html",
    "exhibitor_approved/zh-Hant/subject.txt",
    "exhibitor_approved/zh-Hant/body.txt",
    "exhibitor_approved/zh-Hant/body.html",
    "changes_requested/en/subject.txt",
    "changes_requested/en/body.txt",
    "changes_requested/en/body.html",
    "changes_requested/zh-Hans/subject.txt",
    "changes_requested/zh-Hans/body.txt",
    "changes_requested/zh-Hans/body.html",
    "changes_requested/zh-Hant/subject.txt",
    "changes_requested/zh-Hant/body.txt",
    "changes_requested/zh-Hant/body.html",
    "announcement/en/subject.txt",
    "announcement/en/body.txt",
    "announcement/en/body.html",
    "announcement/zh-Hans/subject.txt",
    "announcement/zh-Hans/body.txt",
    "announcement/zh-Hans/body.html",
    "announcement/zh-Hant/subject.txt",
    "announcement/zh-Hant/body.txt",
    "announcement/zh-Hant/body.html",
    "deadline_reminder/en/subject.txt",
    "deadline_reminder/en/body.txt",
    "deadline_reminder/en/body.html",
    "deadline_reminder/zh-Hans/subject.txt",
    "deadline_reminder/zh-Hans/body.txt",
    "deadline_reminder/zh-Hans/body.html",
    "deadline_reminder/zh-Hant/subject.txt",
    "deadline_reminder/zh-Hant/body.txt",
    "deadline_reminder/zh-Hant/body.html",
    "reminder_digest/en/subject.txt",
    "reminder_digest/en/body.txt",
    "reminder_digest/en/body.html",
    "reminder_digest/zh-Hans/subject.txt",
    "reminder_digest/zh-Hans/body.txt",
    "reminder_digest/zh-Hans/body.html",
    "reminder_digest/zh-Hant/subject.txt",
    "reminder_digest/zh-Hant/body.txt",
    "reminder_digest/zh-Hant/body.html",
];

/// Kinds that have templates, for the test that renders them all.
pub const KINDS: &[&str] = &[
    "test_message",
    "invitation",
    "password_reset",
    "password_changed",
    "second_factor_changed",
    "exhibitor_submitted",
    "exhibitor_approved",
    "changes_requested",
    "announcement",
    "deadline_reminder",
    "reminder_digest",
];

fn environment() -> Result<&'static Environment<'static>, CoreError> {
    static ENV: OnceLock<Result<Environment<'static>, String>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        // A misspelt variable is a bug to catch in tests, not an empty string in someone's inbox.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        for (name, source) in TEMPLATES {
            env.add_template(name, source).map_err(|e| format!("template {name}: {e}"))?;
        }
        Ok(env)
    })
    .as_ref()
    .map_err(|e| CoreError::Internal(anyhow::anyhow!("{e}")))
}

/// How a pavilion's mail presents itself; deployment-level mail uses Pavilion's own defaults.
#[derive(Debug, Clone, Serialize)]
pub struct Branding {
    pub pavilion_name: String,
    /// `#RRGGBB`, already validated.
    pub brand_color: String,
    pub logo_url: Option<String>,
    pub footer: Option<String>,
    /// The From display name.
    pub sender_name: String,
    pub reply_to: Option<String>,
}

const DEFAULT_COLOR: &str = "#1F2937";

impl Branding {
    pub fn new(pavilion: Option<&Pavilion>, locale: Locale) -> Self {
        let Some(pavilion) = pavilion else {
            return Self {
                pavilion_name: "Pavilion".into(),
                brand_color: DEFAULT_COLOR.into(),
                logo_url: None,
                footer: None,
                sender_name: "Pavilion".into(),
                reply_to: None,
            };
        };
        let name = pavilion.name.get(locale).unwrap_or(pavilion.slug.as_str()).to_owned();
        Self {
            sender_name: pavilion.sender_name.clone().unwrap_or_else(|| name.clone()),
            pavilion_name: name,
            brand_color: pavilion.brand_color.as_ref().map_or(DEFAULT_COLOR, |c| c.as_str()).to_owned(),
            logo_url: pavilion.logo_url.clone(),
            footer: pavilion.email_footer.get(locale).map(str::to_owned),
            reply_to: pavilion.reply_to.as_ref().map(ToString::to_string),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Serialize)]
struct Context<'a> {
    lang: &'static str,
    subject: &'a str,
    recipient: &'a str,
    recipient_name: Option<&'a str>,
    #[serde(flatten)]
    branding: &'a Branding,
    #[serde(flatten)]
    payload: &'a Payload,
}

/// Renders one message in `locale`.
pub fn render(
    payload: &Payload,
    locale: Locale,
    recipient: &str,
    recipient_name: Option<&str>,
    branding: &Branding,
) -> Result<Rendered, CoreError> {
    let env = environment()?;
    let folder = format!("{}/{}", payload.kind(), locale.as_str());
    let render = |file: &str, subject: &str| -> Result<String, CoreError> {
        let context = Context { lang: locale.as_str(), subject, recipient, recipient_name, branding, payload };
        env.get_template(&format!("{folder}/{file}"))
            .and_then(|template| template.render(&context))
            .map_err(|e| CoreError::Internal(anyhow::anyhow!("rendering {folder}/{file}: {e:#}")))
    };
    // A subject is one header line, whatever the template or the data say.
    let subject = render("subject.txt", "")?.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = render("body.txt", &subject)?;
    let html = render("body.html", &subject)?;
    Ok(Rendered { subject, text, html })
}
