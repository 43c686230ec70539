//! `/{lang}/sign-in/second-factor`: the second step of signing in, for an account with a passkey
//! or an authenticator app. The first step (a sign-in page, or a completed reset) shows this page
//! with the challenge in it: a passkey button (the browser's dialog answers, through `app.js`)
//! and the code form, as the account has them. Its post finishes the sign-in as
//! `POST /api/v1/auth/second-factor` does, with the same limits and audit.

use super::rest_of;
use crate::credentials;
use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::PageLang;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::FormData;
use crate::pages::kernel::i18n::wait_message;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use pavilion_core::auth::second_factor::looks_like_recovery_code;
use pavilion_core::services::accounts::{ForBrowser, SignInAt};
use pavilion_core::services::sign_in::{self, Offer, Proof};
use std::collections::HashMap;

pub async fn submit(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    lang: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    let form = FormData::new(form.into_inner());
    let at = match form.get("at") {
        "" => SignInAt::Organisers,
        slug => SignInAt::Pavilion(slug.to_owned()),
    };
    if !browser.form_is_genuine(&state, form.token()) {
        return crate::pages::kernel::refused_form(&state, &browser, lang, &rest_of(&at));
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
        Ok(session) => Ok(crate::pages::signing_in::finish(&state, lang, next, session.cookie)),
        Err(error) if error.code() == "challenge_expired" => {
            crate::pages::signing_in::password::start_again(&state, &browser, lang, at, next).await
        }
        Err(error) => {
            let presented = challenge.clone();
            let view = state.run(move |conn, state| sign_in::challenge_view(conn, state.now(), &presented)).await?;
            let Some(offer) = view else {
                return crate::pages::signing_in::password::start_again(&state, &browser, lang, at, next).await;
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
            let response = super::second_step_page(
                state,
                browser,
                lang,
                at,
                challenge,
                offer,
                next,
                alert,
                StatusCode::TOO_MANY_REQUESTS,
            )?;
            Ok(crate::pages::kernel::retry_after(response, wait))
        }
        "unauthenticated" => {
            let alert = Some(t.get(if passkey_used { "second-factor-passkey-wrong" } else { "second-factor-wrong" }));
            super::second_step_page(
                state,
                browser,
                lang,
                at,
                challenge,
                offer,
                next,
                alert,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        _ => Err(error),
    }
}
