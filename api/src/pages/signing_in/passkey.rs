//! `/{lang}/sign-in/passkey`: signing in with a passkey alone, offered on both sign-in pages to
//! browsers that do passkeys. Its `POST` (from a sign-in page) starts a ceremony and shows the
//! button that asks the browser; `POST …/finish` checks the answer as
//! `POST /api/v1/auth/passkey/finish` does, with the same limits, and opens the browser session.

use super::{posted_place, rest_of};
use crate::credentials;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::i18n::wait_message;
use crate::pages::kernel::{PageError, PageLang, PageMeta, Posted, Referrer, i18n::Text, private_page};
use crate::state::AppState;
use crate::throttling;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::services::accounts::{ForBrowser, SignInAt};
use pavilion_core::services::passkeys;
use serde::Deserialize;

const REST: &str = "/sign-in/passkey";

#[derive(Template)]
#[template(path = "signing_in/passkey_sign_in.html")]
struct PasskeySignInPage {
    page: PageMeta,
    t: Text,
    alert: Option<String>,
    action: String,
    form_token: String,
    ceremony: String,
    /// The options for `navigator.credentials.get`, as JSON.
    options: String,
    /// Where the sign-in began: a pavilion's slug, or empty for the organisers.
    at: String,
    next: Option<String>,
    /// The password sign-in page this one came from.
    back: String,
}

/// What the passkey forms post: where the sign-in began, and (to finish) the browser's answer.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasskeyForm {
    at: String,
    next: String,
    ceremony: String,
    credential: String,
}

pub async fn start(
    state: web::Data<AppState>,
    lang: PageLang,
    browser: Browser,
    Client(client): Client,
    Posted(form): Posted<PasskeyForm>,
) -> Result<HttpResponse, PageError> {
    let (at, next) = (posted_place(&form.at), browser::safe_next(&form.next));
    throttling::reserve_passkey_ceremony(&state, client.ip.as_deref()).await?;
    render(&state, &browser, lang, at, next, None, StatusCode::OK).await
}

/// The page with a new ceremony (each answers once), and an alert when one was refused.
async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    at: SignInAt,
    next: Option<String>,
    alert: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let place = at.clone();
    let started =
        state.run(move |conn, state| passkeys::start_sign_in(conn, &state.auth.passkeys, state.now(), &place)).await;
    let ceremony = match started {
        Ok(ceremony) => ceremony,
        // Passkeys are not available here: the password sign-in page.
        Err(CoreError::Conflict(_)) => {
            return Ok(crate::pages::kernel::see_other(&format!("/{}{}", lang.path(), rest_of(&at))).finish());
        }
        Err(error) => return Err(error.into()),
    };
    let t = lang.text();
    let page = PageMeta::private(state, lang, REST, t.get("sign-in-passkey-title"));
    let template = PasskeySignInPage {
        alert,
        action: format!("/{}{REST}/finish", lang.path()),
        form_token: browser.form_token(state),
        ceremony: ceremony.token,
        options: ceremony.options.to_string(),
        at: super::posted_at(&at),
        next,
        back: format!("/{}{}", lang.path(), rest_of(&at)),
        page,
        t,
    };
    Ok(private_page(state, browser, status, &template, Referrer::SameOrigin)?)
}

pub async fn finish(
    state: web::Data<AppState>,
    lang: PageLang,
    browser: Browser,
    Client(client): Client,
    Posted(form): Posted<PasskeyForm>,
) -> Result<HttpResponse, PageError> {
    let (at, next) = (posted_place(&form.at), browser::safe_next(&form.next));
    let (ceremony, credential) = (form.ceremony, form.credential);
    let auth = state.auth.clone();
    let outcome = credentials::finish_passkey_sign_in(&state, client, move |ctx| {
        passkeys::finish_sign_in(ctx, &ForBrowser(&auth), &ceremony, &credential)
    })
    .await;
    let t = lang.text();
    match outcome {
        Ok(session) => Ok(super::finish(&state, lang, next, session.cookie)),
        Err(CoreError::Gone { code: "ceremony_expired", .. }) => {
            let alert = Some(t.get("passkey-expired"));
            render(&state, &browser, lang, at, next, alert, StatusCode::GONE).await
        }
        Err(CoreError::Unauthenticated) => {
            let alert = Some(t.get("sign-in-passkey-wrong"));
            render(&state, &browser, lang, at, next, alert, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(CoreError::RateLimited { retry_after_secs }) => {
            let wait = retry_after_secs.max(1);
            let alert = Some(wait_message(&t, wait));
            let response = render(&state, &browser, lang, at, next, alert, StatusCode::TOO_MANY_REQUESTS).await?;
            Ok(crate::pages::kernel::retry_after(response, wait))
        }
        Err(error) => Err(error.into()),
    }
}
