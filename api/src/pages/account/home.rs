//! `GET /{lang}/workspace/account`: your name and language, your password, and every live
//! session (browser and API) with "sign out this session". `POST …/account/profile` saves the
//! name and language; the password and session forms have files of their own.

use crate::extractors::Client;
use crate::pages::kernel::Done;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::{Field, FieldErrors};
use crate::pages::kernel::{PageError, PageLang, PageMeta, Posted, Referrer, SignedIn, i18n::Text, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use pavilion_core::CoreError;
use pavilion_core::domain::{Locale, SessionId, SessionKind};
use pavilion_core::services::{accounts, second_factors};
use serde::Deserialize;

pub struct SessionRow {
    pub device: String,
    pub kind: String,
    pub address: String,
    pub started: String,
    pub started_iso: String,
    pub last_used: String,
    pub last_used_iso: String,
    pub current: bool,
    pub end_action: String,
}

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage {
    page: PageMeta,
    t: Text,
    notice: Option<String>,
    form_token: String,
    email: String,
    profile_fields: Vec<Field>,
    locales: Vec<(&'static str, String, bool)>,
    locale_error: Option<String>,
    password_alert: Option<String>,
    password_fields: Vec<Field>,
    /// Whether sign-in asks for an authenticator app's code, and the recovery codes left.
    second_factor: second_factors::Overview,
    passkeys: Vec<PasskeyRow>,
    /// Whether this deployment can use passkeys (its public URL names a domain).
    passkeys_available: bool,
    sessions: Vec<SessionRow>,
}

/// One of the account's passkeys, with its rename and remove forms.
pub struct PasskeyRow {
    pub id: String,
    pub name: String,
    pub added: String,
    pub last_used: String,
    pub rename_action: String,
    pub remove_action: String,
    pub error: Option<String>,
}

/// A refused form of this page, shown again: which form, what was typed, and why.
#[derive(Default)]
pub struct Refused {
    pub profile_input: Option<(String, String)>,
    pub errors: FieldErrors,
    pub password_alert: Option<String>,
    /// A passkey's new name refused: the passkey, what was typed, and why.
    pub passkey_name: Option<(String, String, String)>,
    pub status: Option<StatusCode>,
}

pub async fn handle(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { browser, .. }: SignedIn,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let t = lang.text();
    let notice = match done.into_inner().done.as_deref() {
        Some("profile") => Some(t.get("account-saved")),
        Some("password") => Some(t.get("account-password-changed")),
        Some("session") => Some(t.get("account-session-ended")),
        Some("authenticator-removed") => Some(t.get("account-authenticator-removed")),
        Some("second-factor-required") => Some(t.get("account-second-factor-required")),
        Some("passkey-added") => Some(t.get("account-passkey-added")),
        Some("passkey-renamed") => Some(t.get("account-passkey-renamed")),
        Some("passkey-removed") => Some(t.get("account-passkey-removed")),
        _ => None,
    };
    render(&state, &browser, lang, notice, Refused::default()).await
}

/// What the profile form posts.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ProfileForm {
    name: String,
    locale: String,
}

pub async fn save_profile(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { person, browser }: SignedIn,
    Client(client): Client,
    Posted(ProfileForm { name, locale }): Posted<ProfileForm>,
) -> Result<HttpResponse, PageError> {
    let (typed_name, typed_locale) = (name.clone(), locale.clone());
    let saved =
        state.call(Some(person), client, move |ctx| accounts::update_profile(ctx, Some(&name), Some(&locale))).await;
    match saved {
        // The page follows the language just chosen.
        Ok((user, _)) => Ok(super::back_to_account(PageLang(user.locale), Some("profile"), "")),
        Err(error @ CoreError::Validation(_)) => {
            let refused = Refused {
                profile_input: Some((typed_name, typed_locale)),
                errors: FieldErrors::from_error(&lang.text(), &error),
                ..Refused::default()
            };
            render(&state, &browser, lang, None, refused).await
        }
        Err(error) => Err(error.into()),
    }
}

/// The account page, with a refused form's input and errors when there is one.
pub async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    notice: Option<String>,
    refused: Refused,
) -> Result<HttpResponse, PageError> {
    let caller = browser.signed_in.clone().ok_or(PageError::SignIn)?;
    let current = caller.session_id.clone();
    let (user, sessions, second_factor) = state
        .run(move |conn, state| {
            let (user, _) = accounts::me(conn, &caller)?;
            let sessions = accounts::list_sessions(conn, &caller, state.now())?;
            Ok((user, sessions, second_factors::overview(conn, &caller.user_id)?))
        })
        .await?;
    let t = lang.text();
    let errors = &refused.errors;
    let (name, locale) =
        refused.profile_input.clone().unwrap_or_else(|| (user.name.clone(), user.locale.as_str().to_owned()));
    let profile_fields = vec![Field::new("name", t.get("field-name"), "text", "name").value(&name).error_from(errors)];
    let locales = Locale::ALL
        .into_iter()
        .map(|option| (option.as_str(), t.get(&format!("lang-{}", PageLang(option).path())), option.as_str() == locale))
        .collect();
    let password_fields = vec![
        Field::new("current_password", t.get("field-current-password"), "password", "current-password")
            .error_from(errors),
        Field::new("new_password", t.get("field-new-password"), "password", "new-password")
            .hint(
                t.with("field-new-password-hint", &[("min", &pavilion_core::domain::password::MIN_CHARS.to_string())]),
            )
            .error_from(errors),
    ];
    let sessions = session_rows(&t, lang, sessions, &current);
    let passkeys = passkey_rows(&t, lang, &second_factor.passkeys, refused.passkey_name.as_ref());
    let title = t.get("account-title");
    let mut page = PageMeta::private(state, lang, "/workspace/account", title);
    page.account = browser::account_bar(state, browser, lang, &user.name);
    let status =
        refused.status.unwrap_or(if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY });
    let template = AccountPage {
        notice,
        form_token: browser.form_token(state),
        email: user.email.as_str().to_owned(),
        profile_fields,
        locales,
        locale_error: errors.get("locale").cloned(),
        password_alert: refused.password_alert,
        password_fields,
        second_factor,
        passkeys,
        passkeys_available: state.auth.passkeys.available(),
        sessions,
        page,
        t,
    };
    Ok(private_page(state, browser, status, &template, Referrer::SameOrigin)?)
}

/// Every live session, this browser's marked, each with "sign out this session".
fn session_rows(
    t: &Text,
    lang: PageLang,
    sessions: Vec<accounts::SessionInfo>,
    current: &SessionId,
) -> Vec<SessionRow> {
    sessions
        .into_iter()
        .map(|session| SessionRow {
            device: device(t, session.user_agent.as_deref()),
            kind: t.get(match session.kind {
                SessionKind::Browser => "session-kind-browser",
                SessionKind::Api => "session-kind-api",
            }),
            address: session.ip.unwrap_or_default(),
            started: when(session.created_at),
            started_iso: session.created_at.to_rfc3339(),
            last_used: when(session.last_used_at),
            last_used_iso: session.last_used_at.to_rfc3339(),
            current: &session.id == current,
            end_action: format!("/{}/workspace/account/sessions/{}/end", lang.path(), session.id),
        })
        .collect()
}

/// The account's passkeys, each with its rename and remove forms; a refused new name shown
/// again on its passkey, as (passkey, typed, why).
fn passkey_rows(
    t: &Text,
    lang: PageLang,
    passkeys: &[second_factors::PasskeySummary],
    refused: Option<&(String, String, String)>,
) -> Vec<PasskeyRow> {
    passkeys
        .iter()
        .map(|passkey| {
            let refused = refused.filter(|(id, _, _)| *id == passkey.id);
            PasskeyRow {
                id: passkey.id.clone(),
                name: refused.map_or_else(|| passkey.name.clone(), |(_, typed, _)| typed.clone()),
                added: t.with("passkey-added-on", &[("date", &when(passkey.created_at))]),
                last_used: match passkey.last_used_at {
                    Some(at) => t.with("passkey-last-used", &[("date", &when(at))]),
                    None => t.get("passkey-never-used"),
                },
                rename_action: format!("/{}/workspace/account/passkeys/{}/rename", lang.path(), passkey.id),
                remove_action: format!("/{}/workspace/account/passkeys/{}/remove", lang.path(), passkey.id),
                error: refused.map(|(_, _, error)| error.clone()),
            }
        })
        .collect()
}

fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// A user agent in a few words ("Firefox on Windows"); the raw string is long and unreadable.
fn device(t: &Text, user_agent: Option<&str>) -> String {
    let Some(agent) = user_agent.filter(|agent| !agent.is_empty()) else { return t.get("session-unknown-device") };
    const BROWSERS: [(&str, &str); 8] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
        ("reqwest", "reqwest"),
        ("python", "Python"),
    ];
    const SYSTEMS: [(&str, &str); 6] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS.iter().find(|(mark, _)| agent.contains(mark)).map(|(_, name)| *name);
    let system = SYSTEMS.iter().find(|(mark, _)| agent.contains(mark)).map(|(_, name)| *name);
    match (browser, system) {
        (Some(browser), Some(system)) => t.with("session-device", &[("browser", browser), ("system", system)]),
        (Some(name), None) | (None, Some(name)) => name.to_owned(),
        (None, None) => agent.chars().take(40).collect(),
    }
}
