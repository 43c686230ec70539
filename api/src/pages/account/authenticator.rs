//! `/{lang}/workspace/account/authenticator`: adding an authenticator app from the account page,
//! on the same use cases as `POST /api/v1/me/second-factor/totp[/confirm]`. `POST` starts (a new
//! secret), `GET` shows the secret as a QR code and as text with the form for the app's first
//! code, `POST …/confirm` confirms it and shows the recovery codes once, `POST …/remove` takes the
//! app away.

use super::back_to_account;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::{Field, FieldErrors, FormData};
use crate::pages::kernel::{
    Href, MessagePage, PageError, PageLang, PageMeta, Posted, Referrer, SignedIn, i18n::Text, private_page, see_other,
};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::services::{accounts, second_factors};
use serde::Deserialize;

const REST: &str = "/workspace/account/authenticator";

#[derive(Template)]
#[template(path = "account/authenticator.html")]
struct AuthenticatorPage {
    page: PageMeta,
    t: Text,
    form_token: String,
    /// The QR code as inline SVG (drawn here, from our own data: no markup of anyone's).
    qr_svg: String,
    /// The secret in groups of four, for typing.
    secret: String,
    fields: Vec<Field>,
}

#[derive(Template)]
#[template(path = "account/recovery_codes.html")]
pub struct RecoveryCodesPage {
    pub page: PageMeta,
    pub t: Text,
    pub intro: String,
    pub codes: Vec<String>,
}

/// The code form as posted.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeForm {
    code: String,
}

pub async fn start(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { person, .. }: SignedIn,
    Client(client): Client,
    _: Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let auth = state.auth.clone();
    match state.call(Some(person), client, move |ctx| second_factors::start_totp(ctx, &auth.second_factors)).await {
        Ok(_) => Ok(see_other(&format!("/{}{REST}", lang.path())).finish()),
        // Already on (another tab): the account page says so.
        Err(CoreError::Conflict(_)) => Ok(back_to_account(lang, None, "")),
        Err(error) => Err(error.into()),
    }
}

pub async fn show(state: web::Data<AppState>, lang: PageLang, signed_in: SignedIn) -> Result<HttpResponse, PageError> {
    render(&state, &signed_in, lang, FieldErrors::default()).await
}

async fn render(
    state: &AppState,
    SignedIn { person, browser }: &SignedIn,
    lang: PageLang,
    errors: FieldErrors,
) -> Result<HttpResponse, PageError> {
    let (auth, caller) = (state.auth.clone(), person.clone());
    let (user, pending) = state
        .run(move |conn, _| {
            let (user, _) = accounts::me(conn, &caller)?;
            Ok((user, second_factors::pending_totp(conn, &auth.second_factors, &caller.user_id)?))
        })
        .await?;
    // Nothing being added (confirmed meanwhile, or never started): the account page.
    let Some(pending) = pending else { return Ok(back_to_account(lang, None, "")) };
    let t = lang.text();
    let field = Field::new("code", t.get("authenticator-code"), "text", "one-time-code")
        .hint(t.get("authenticator-code-hint"))
        .error_from(&errors);
    let mut page = PageMeta::private(state, lang, REST, t.get("authenticator-title"));
    page.account = browser::account_bar(state, browser, lang, &user.name);
    let template = AuthenticatorPage {
        form_token: browser.form_token(state),
        qr_svg: qr_svg(&pending.otpauth_uri, &t.get("authenticator-qr-label"))?,
        secret: grouped(&pending.secret),
        fields: vec![field],
        page,
        t,
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok(private_page(state, browser, status, &template, Referrer::SameOrigin)?)
}

pub async fn confirm(
    state: web::Data<AppState>,
    lang: PageLang,
    signed_in: SignedIn,
    Client(client): Client,
    Posted(CodeForm { code }): Posted<CodeForm>,
) -> Result<HttpResponse, PageError> {
    let auth = state.auth.clone();
    let confirmed = state
        .call(Some(signed_in.person.clone()), client, move |ctx| {
            second_factors::confirm_totp(ctx, &auth.second_factors, &code)
        })
        .await;
    match confirmed {
        Ok(codes) => {
            let intro = lang.text().get("recovery-codes-intro-new");
            show_codes(&state, &signed_in.browser, lang, intro, codes).await
        }
        Err(error @ CoreError::Validation(_)) => {
            render(&state, &signed_in, lang, FieldErrors::from_error(&lang.text(), &error)).await
        }
        Err(CoreError::Conflict(_)) => Ok(back_to_account(lang, None, "")),
        Err(error) => Err(error.into()),
    }
}

pub async fn remove(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { person, .. }: SignedIn,
    Client(client): Client,
    _: Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    match state.call(Some(person), client, second_factors::remove_totp).await {
        // Gone already (another tab): the same end.
        Ok(()) | Err(CoreError::NotFound(_)) => Ok(back_to_account(lang, Some("authenticator-removed"), "")),
        Err(error) => Err(error.into()),
    }
}

/// New recovery codes from the account page (`POST /{lang}/workspace/account/recovery-codes`).
pub async fn renew_codes(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { person, browser }: SignedIn,
    Client(client): Client,
    _: Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let auth = state.auth.clone();
    let renewed = state
        .call(Some(person), client, move |ctx| second_factors::renew_recovery_codes(ctx, &auth.second_factors))
        .await;
    match renewed {
        Ok(codes) => show_codes(&state, &browser, lang, lang.text().get("recovery-codes-intro-renewed"), codes).await,
        Err(CoreError::Conflict(_)) => Ok(back_to_account(lang, None, "")),
        Err(error) => Err(error.into()),
    }
}

/// The recovery codes, this once: the page is never stored, and nothing shows them again. The
/// header names who is signed in; if that name cannot be read now, the codes are shown anyway.
pub(crate) async fn show_codes(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    intro: String,
    codes: Vec<String>,
) -> Result<HttpResponse, PageError> {
    let t = lang.text();
    let mut page = PageMeta::private(state, lang, "/workspace/account/recovery-codes", t.get("recovery-codes-title"));
    if let Some(caller) = browser.signed_in.clone() {
        let me = state.run(move |conn, _| accounts::me(conn, &caller)).await;
        if let Ok((user, _)) = me {
            page.account = browser::account_bar(state, browser, lang, &user.name);
        }
    }
    let template = RecoveryCodesPage { page, t, intro, codes };
    Ok(private_page(state, browser, StatusCode::OK, &template, Referrer::SameOrigin)?)
}

/// `ABCD EFGH …`: easier to read out and type than 32 letters in a row.
fn grouped(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|chunk| String::from_utf8_lossy(chunk).into_owned()).collect::<Vec<_>>().join(" ")
}

/// The `otpauth://` address as an SVG QR code, labelled for screen readers.
fn qr_svg(uri: &str, label: &str) -> Result<String, CoreError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::new(uri.as_bytes()).map_err(|error| anyhow::anyhow!("QR code: {error}"))?;
    let drawn = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // Inline in the page: no XML declaration, and a name for assistive technology.
    let start = drawn.find("<svg").unwrap_or(0);
    let escaped = label.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
    Ok(drawn[start..].replacen("<svg", &format!(r#"<svg role="img" aria-label="{escaped}""#), 1))
}

/// `GET /{lang}/workspace/account/recovery-codes`: where the codes page's own links (the
/// language switcher) lead. The codes were shown once and are not kept: the page says so and
/// leads back to the account, where new ones are made.
pub async fn codes_gone(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { browser, .. }: SignedIn,
) -> Result<HttpResponse, PageError> {
    let t = lang.text();
    let page = PageMeta::private(&state, lang, "/workspace/account/recovery-codes", t.get("recovery-codes-title"));
    let template = MessagePage {
        heading: t.get("recovery-codes-title"),
        paragraphs: vec![t.get("recovery-codes-gone-text")],
        links: vec![(Href::account(lang), t.get("recovery-codes-gone-back"))],
        page,
        t,
    };
    Ok(private_page(&state, &browser, StatusCode::OK, &template, Referrer::SameOrigin)?)
}
