//! `POST /{lang}/workspace/account/password`: changes your password with the current one, on the
//! same road as the JSON route (`credentials::change_password`): the same limits, and every other
//! session ends; this browser stays signed in.

use crate::credentials;
use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::account::home::{Refused, render};
use crate::pages::kernel::browser::Browser;
use crate::pages::kernel::forms::{self, FieldErrors};
use crate::pages::kernel::i18n::wait_message;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use std::collections::HashMap;

pub async fn handle(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    lang: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let (lang, form) = match forms::posted(&state, &browser, &lang, form.into_inner(), "/workspace/account") {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let (current, new) = (form.get("current_password").to_owned(), form.get("new_password").to_owned());
    let t = lang.text();
    match credentials::change_password(&state, caller, client, current, new).await {
        Ok(()) => {
            Ok(crate::pages::kernel::see_other(&format!("/{}/workspace/account?done=password", lang.path())).finish())
        }
        Err(error) if error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) => {
            let refused = Refused { errors: FieldErrors::from_error(&t, &error), ..Refused::default() };
            render(&state, &browser, lang, None, refused).await
        }
        Err(error) if error.code() == "rate_limited" => {
            let refused = Refused {
                password_alert: Some(wait_message(&t, error.retry_after_secs().unwrap_or(1))),
                status: Some(StatusCode::TOO_MANY_REQUESTS),
                ..Refused::default()
            };
            render(&state, &browser, lang, None, refused).await
        }
        Err(error) if error.code() == "conflict" => {
            let refused = Refused {
                password_alert: Some(t.get("account-password-conflict")),
                status: Some(StatusCode::CONFLICT),
                ..Refused::default()
            };
            render(&state, &browser, lang, None, refused).await
        }
        Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
        Err(error) => Err(error),
    }
}
