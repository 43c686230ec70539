//! `/{lang}/sign-in/passkey`: signing in with a passkey alone, offered on both sign-in pages to
//! browsers that do passkeys. Its `POST` (from a sign-in page) starts a ceremony and shows the
//! button that asks the browser; `POST …/finish` checks the answer as
//! `POST /api/v1/auth/passkey/finish` does, with the same limits, and opens the browser session.

use crate::credentials;
use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::FormData;
use crate::pages::kernel::i18n::wait_message;
use crate::pages::kernel::{PageLang, PageMeta, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::pages::signing_in::rest_of;
use crate::state::AppState;
use crate::throttling;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::services::accounts::{ForBrowser, SignInAt};
use pavilion_core::services::passkeys;
use std::collections::HashMap;

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

/// Where a posted form says the sign-in is.
fn place(form: &FormData) -> SignInAt {
    match form.get("at") {
        "" => SignInAt::Organisers,
        slug => SignInAt::Pavilion(slug.to_owned()),
    }
}

pub async fn start(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    lang: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    let form = FormData::new(form.into_inner());
    let at = place(&form);
    if !browser.form_is_genuine(&state, form.token()) {
        return crate::pages::kernel::refused_form(&state, &browser, lang, &rest_of(&at));
    }
    let next = browser::safe_next(form.get("next"));
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
) -> Result<HttpResponse, ApiError> {
    let place = at.clone();
    let started =
        state.run(move |conn, state| passkeys::start_sign_in(conn, &state.auth.passkeys, state.now(), &place)).await;
    let ceremony = match started {
        Ok(ceremony) => ceremony,
        // Passkeys are not available here: the password sign-in page.
        Err(error) if error.code() == "conflict" => {
            return Ok(crate::pages::kernel::see_other(&format!("/{}{}", lang.path(), rest_of(&at))).finish());
        }
        Err(error) => return Err(error),
    };
    let t = lang.text();
    let page = PageMeta::private(state, lang, REST, t.get("sign-in-passkey-title"));
    let template = PasskeySignInPage {
        alert,
        action: format!("/{}{REST}/finish", lang.path()),
        form_token: browser.form_token(state),
        ceremony: ceremony.token,
        options: ceremony.options.to_string(),
        at: at.slug().unwrap_or_default().to_owned(),
        next,
        back: format!("/{}{}", lang.path(), rest_of(&at)),
        page,
        t,
    };
    private_page(state, browser, status, &template, Referrer::SameOrigin)
}

pub async fn finish(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    lang: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    let form = FormData::new(form.into_inner());
    let at = place(&form);
    if !browser.form_is_genuine(&state, form.token()) {
        return crate::pages::kernel::refused_form(&state, &browser, lang, &rest_of(&at));
    }
    let next = browser::safe_next(form.get("next"));
    let (ceremony, credential) = (form.get("ceremony").to_owned(), form.get("credential").to_owned());
    let auth = state.auth.clone();
    let outcome = credentials::finish_passkey_sign_in(&state, client, move |ctx| {
        passkeys::finish_sign_in(ctx, &ForBrowser(&auth), &ceremony, &credential)
    })
    .await;
    let t = lang.text();
    match outcome {
        Ok(session) => Ok(crate::pages::signing_in::finish(&state, lang, next, session.cookie)),
        Err(error) if error.code() == "ceremony_expired" => {
            let alert = Some(t.get("passkey-expired"));
            render(&state, &browser, lang, at, next, alert, StatusCode::GONE).await
        }
        Err(error) if error.code() == "unauthenticated" => {
            let alert = Some(t.get("sign-in-passkey-wrong"));
            render(&state, &browser, lang, at, next, alert, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(error) if error.code() == "rate_limited" => {
            let wait = error.retry_after_secs().unwrap_or(1);
            let alert = Some(wait_message(&t, wait));
            let response = render(&state, &browser, lang, at, next, alert, StatusCode::TOO_MANY_REQUESTS).await?;
            Ok(crate::pages::kernel::retry_after(response, wait))
        }
        Err(error) => Err(error),
    }
}
