//! `POST /{lang}/workspace/account/password`: changes your password with the current one, on the
//! same road as the JSON route (`credentials::change_password`): the same limits, and every other
//! session ends; this browser stays signed in.

use crate::credentials;
use crate::extractors::Client;
use crate::pages::account::home::{Refused, render};
use crate::pages::kernel::forms::FieldErrors;
use crate::pages::kernel::i18n::wait_message;
use crate::pages::kernel::{PageError, PageLang, Posted, SignedIn};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use pavilion_core::CoreError;
use serde::Deserialize;

/// The password form as posted.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}

pub async fn handle(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { person: caller, browser }: SignedIn,
    Client(client): Client,
    Posted(form): Posted<PasswordForm>,
) -> Result<HttpResponse, PageError> {
    let PasswordForm { current_password: current, new_password: new } = form;
    let t = lang.text();
    match credentials::change_password(&state, caller, client, current, new).await {
        Ok(()) => Ok(super::back_to_account(lang, Some("password"), "")),
        Err(error @ CoreError::Validation(_)) => {
            let refused = Refused { errors: FieldErrors::from_error(&t, &error), ..Refused::default() };
            render(&state, &browser, lang, None, refused).await
        }
        Err(CoreError::RateLimited { retry_after_secs }) => {
            let refused = Refused {
                password_alert: Some(wait_message(&t, retry_after_secs.max(1))),
                status: Some(StatusCode::TOO_MANY_REQUESTS),
                ..Refused::default()
            };
            render(&state, &browser, lang, None, refused).await
        }
        Err(CoreError::Conflict(_)) => {
            let refused = Refused {
                password_alert: Some(t.get("account-password-conflict")),
                status: Some(StatusCode::CONFLICT),
                ..Refused::default()
            };
            render(&state, &browser, lang, None, refused).await
        }
        Err(error) => Err(error.into()),
    }
}
