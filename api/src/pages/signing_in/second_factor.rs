//! `/{lang}/sign-in/second-factor`: the second step of signing in, for an account with a passkey
//! or an authenticator app. The first step (a sign-in page, or a completed reset) shows this page
//! with the challenge in it: a passkey button (the browser's dialog answers, through `app.js`)
//! and the code form, as the account has them. Its post finishes the sign-in as
//! `POST /api/v1/auth/second-factor` does, with the same limits and audit.

use super::posted_place;
use crate::credentials;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::i18n::wait_message;
use crate::pages::kernel::{PageError, PageLang, Posted};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use pavilion_core::CoreError;
use pavilion_core::auth::second_factor::looks_like_recovery_code;
use pavilion_core::services::accounts::{ForBrowser, SignInAt};
use pavilion_core::services::sign_in::{self, Offer, Proof};
use serde::Deserialize;

/// What the second step's forms post: the challenge, and a code typed or a passkey's answer.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SecondStepForm {
    at: String,
    next: String,
    challenge: String,
    code: String,
    passkey: String,
}

pub async fn submit(
    state: web::Data<AppState>,
    lang: PageLang,
    browser: Browser,
    Client(client): Client,
    Posted(form): Posted<SecondStepForm>,
) -> Result<HttpResponse, PageError> {
    let at = posted_place(&form.at);
    let next = browser::safe_next(&form.next);
    let (challenge, typed) = (form.challenge, form.code.trim().to_owned());
    let proof = match form.passkey.as_str() {
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
        Ok(session) => Ok(super::finish(&state, lang, next, session.cookie)),
        Err(CoreError::Gone { code: "challenge_expired", .. }) => {
            super::password::start_again(&state, &browser, lang, at, next).await
        }
        Err(error) => {
            let presented = challenge.clone();
            let view = state.run(move |conn, state| sign_in::challenge_view(conn, state.now(), &presented)).await?;
            let Some(offer) = view else {
                return super::password::start_again(&state, &browser, lang, at, next).await;
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
    error: CoreError,
    passkey_used: bool,
) -> Result<HttpResponse, PageError> {
    let t = lang.text();
    let (alert, status, wait) = match error {
        CoreError::RateLimited { retry_after_secs } => {
            let wait = retry_after_secs.max(1);
            (wait_message(&t, wait), StatusCode::TOO_MANY_REQUESTS, Some(wait))
        }
        CoreError::Unauthenticated => {
            let wrong = if passkey_used { "second-factor-passkey-wrong" } else { "second-factor-wrong" };
            (t.get(wrong), StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        other => return Err(other.into()),
    };
    let response = super::second_step_page(state, browser, lang, at, challenge, offer, next, Some(alert), status)?;
    Ok(match wait {
        Some(wait) => crate::pages::kernel::retry_after(response, wait),
        None => response,
    })
}
