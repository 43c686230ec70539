//! `/{lang}/sign-in/second-factor`: the second step of signing in, for an account with a passkey
//! or an authenticator app. The first step (a sign-in page, or a completed reset) shows this page
//! with the challenge in it: a passkey button (the browser's dialog answers, through `app.js`)
//! and the code form, as the account has them. Its post finishes the sign-in as
//! `POST /api/v1/auth/second-factor` does, with the same limits and audit.

use super::browser::{self, Browser, Referrer, private_page};
use super::forms::{Field, FormData};
use super::sign_in::{rest_of, wait_message};
use super::{PageLang, PageMeta, i18n::Text};
use crate::credentials;
use crate::error::ApiError;
use crate::extractors::Client;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::auth::second_factor::looks_like_recovery_code;
use pavilion_core::services::accounts::{ForBrowser, SignInAt};
use pavilion_core::services::second_factors::Method;
use pavilion_core::services::sign_in::{self, Challenge, Offer, Proof};
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "second_factor.html")]
struct SecondFactorPage {
    page: PageMeta,
    t: Text,
    alert: Option<String>,
    action: String,
    form_token: String,
    challenge: String,
    /// Where the sign-in began (a pavilion's slug, or empty for the organisers' page): where an
    /// expired one starts again.
    at: String,
    fields: Vec<Field>,
    next: Option<String>,
    title: String,
    intro: String,
    /// For an account with passkeys: the options for `navigator.credentials.get`, as JSON.
    passkey_options: Option<String>,
    /// Whether the account has a code to type: its app's, or a recovery code.
    code_form: bool,
    /// Above the code form, under the passkey button: "Or enter a code", "Or use a recovery code".
    or_heading: String,
}

const REST: &str = "/sign-in/second-factor";

/// The form, right after a correct password.
pub fn ask(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    at: &SignInAt,
    challenge: &Challenge,
    next: Option<String>,
) -> Result<HttpResponse, ApiError> {
    render(state, browser, lang, at, challenge.token.clone(), &challenge.offer, next, None, StatusCode::OK)
}

#[allow(clippy::too_many_arguments)]
fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    at: &SignInAt,
    challenge: String,
    offer: &Offer,
    next: Option<String>,
    alert: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, ApiError> {
    let t = lang.text();
    let has_app = offer.methods.contains(&Method::Totp);
    // Recovery codes alone stand in for a passkey that is not at hand.
    let code_form = has_app || offer.methods.contains(&Method::RecoveryCode);
    let title = t.get(if has_app { "second-factor-title" } else { "second-factor-title-passkey" });
    let intro = t.get(match (offer.passkey.is_some(), has_app, code_form) {
        (true, true, _) => "second-factor-intro-either",
        (true, false, true) => "second-factor-intro-passkey-or-recovery",
        (true, false, false) => "second-factor-intro-passkey",
        _ => "second-factor-intro",
    });
    let (label, hint, or_heading) = if has_app {
        ("second-factor-field", "second-factor-hint", "second-factor-or-code")
    } else {
        ("second-factor-recovery-field", "second-factor-recovery-hint", "second-factor-or-recovery")
    };
    let field = Field::new("code", t.get(label), "text", "one-time-code").hint(t.get(hint));
    let page = PageMeta::private(state, lang, REST, title.clone());
    let template = SecondFactorPage {
        alert,
        action: format!("/{}{REST}", lang.path()),
        form_token: browser.form_token(state),
        challenge,
        at: at.slug().unwrap_or_default().to_owned(),
        fields: vec![field],
        next,
        title,
        intro,
        passkey_options: offer.passkey.as_ref().map(|options| options.to_string()),
        code_form,
        or_heading: t.get(or_heading),
        page,
        t,
    };
    private_page(state, browser, status, &template, Referrer::SameOrigin)
}

pub async fn submit(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    lang: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let Some(lang) = PageLang::from_path(&lang) else { return super::not_found_anywhere(&state) };
    let form = FormData::new(form.into_inner());
    let at = match form.get("at") {
        "" => SignInAt::Organisers,
        slug => SignInAt::Pavilion(slug.to_owned()),
    };
    if !browser.form_is_genuine(&state, form.token()) {
        return browser::refused_form(&state, &browser, lang, &rest_of(&at));
    }
    let next = browser::safe_next(form.get("next"));
    let (challenge, typed) = (form.get("challenge").to_owned(), form.get("code").trim().to_owned());
    let proof = match form.get("passkey") {
        "" if looks_like_recovery_code(&typed) => Proof::RecoveryCode(typed),
        "" => Proof::Code(typed),
        answer => Proof::Passkey(answer.to_owned()),
    };
    let passkey_used = matches!(proof, Proof::Passkey(_));
    let auth = state.auth.clone();
    let presented = challenge.clone();
    let outcome = credentials::finish_sign_in(&state, client, &challenge, move |ctx| {
        sign_in::finish_sign_in(ctx, &ForBrowser(&auth), &auth.second_factors, &presented, &proof)
    })
    .await;
    match outcome {
        Ok(session) => Ok(browser::signed_in(&state, lang, next, session.cookie)),
        Err(error) if error.code() == "challenge_expired" => {
            super::sign_in::start_again(&state, &browser, lang, at, next).await
        }
        Err(error) => {
            let presented = challenge.clone();
            let view = state.run(move |conn, state| sign_in::challenge_view(conn, state.now(), &presented)).await?;
            let Some(offer) = view else {
                return super::sign_in::start_again(&state, &browser, lang, at, next).await;
            };
            refused(&state, &browser, lang, &at, challenge, &offer, next, error, passkey_used)
        }
    }
}

/// The page again after a refused answer, saying why.
#[allow(clippy::too_many_arguments)]
fn refused(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    at: &SignInAt,
    challenge: String,
    offer: &Offer,
    next: Option<String>,
    error: ApiError,
    passkey_used: bool,
) -> Result<HttpResponse, ApiError> {
    let t = lang.text();
    match error.code() {
        "rate_limited" => {
            let wait = error.retry_after_secs().unwrap_or(1);
            let alert = Some(wait_message(&t, wait));
            let response =
                render(state, browser, lang, at, challenge, offer, next, alert, StatusCode::TOO_MANY_REQUESTS)?;
            Ok(browser::retry_after(response, wait))
        }
        "unauthenticated" => {
            let alert = Some(t.get(if passkey_used { "second-factor-passkey-wrong" } else { "second-factor-wrong" }));
            render(state, browser, lang, at, challenge, offer, next, alert, StatusCode::UNPROCESSABLE_ENTITY)
        }
        _ => Err(error),
    }
}
