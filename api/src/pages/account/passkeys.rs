//! Passkeys from the account page, on the same use cases as `/api/v1/me/second-factor/passkeys`:
//! `GET …/passkeys/new` starts a ceremony and shows the form that names the passkey (the
//! browser's own dialog makes it, through `app.js`); its `POST` adds it; `POST …/{id}/rename`
//! and `…/{id}/remove` act on one of the account's passkeys.

use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::account::home::{self as account, Refused};
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::{self, Field, FieldErrors};
use crate::pages::kernel::{PageLang, PageMeta, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::services::{accounts, passkeys};
use serde::Deserialize;
use std::collections::HashMap;

const REST: &str = "/workspace/account/passkeys/new";

#[derive(Template)]
#[template(path = "account/passkey_new.html")]
struct NewPasskeyPage {
    page: PageMeta,
    t: Text,
    alert: Option<String>,
    action: String,
    form_token: String,
    ceremony: String,
    /// The options for `navigator.credentials.create`, as JSON.
    options: String,
    fields: Vec<Field>,
}

pub async fn new_form(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    lang: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    render(&state, &browser, client, lang, Typed::default()).await
}

/// What a refused form had, to show again.
#[derive(Default)]
struct Typed {
    name: String,
    errors: FieldErrors,
    alert: Option<String>,
}

/// The form, with a new ceremony each time it is shown (one ceremony answers once).
async fn render(
    state: &AppState,
    browser: &Browser,
    client: accounts::ClientInfo,
    lang: PageLang,
    typed: Typed,
) -> Result<HttpResponse, ApiError> {
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let auth = state.auth.clone();
    let reading = caller.clone();
    let started = match state.run(move |conn, _| accounts::me(conn, &reading)).await {
        Ok((user, _)) => state
            .call(Some(caller), client, move |ctx| passkeys::start_registration(ctx, &auth.passkeys))
            .await
            .map(|c| (c, user)),
        Err(error) => Err(error),
    };
    let (ceremony, user) = match started {
        Ok(started) => started,
        // Passkeys are not available here: the account page says so.
        Err(error) if error.code() == "conflict" => return Ok(account_page(lang, None)),
        Err(error) if crate::pages::kernel::is_signed_out(&error) => {
            return Ok(crate::pages::kernel::sign_in_first(lang));
        }
        Err(error) => return Err(error),
    };
    let t = lang.text();
    let field = Field::new("name", t.get("passkey-name"), "text", "off")
        .value(&typed.name)
        .hint(t.get("passkey-name-hint"))
        .error_from(&typed.errors);
    let mut page = PageMeta::private(state, lang, REST, t.get("passkey-new-title"));
    page.account = browser::account_bar(state, browser, lang, &user.name);
    let status = if typed.errors.is_empty() && typed.alert.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let template = NewPasskeyPage {
        alert: typed.alert,
        action: format!("/{}{REST}", lang.path()),
        form_token: browser.form_token(state),
        ceremony: ceremony.token,
        options: ceremony.options.to_string(),
        fields: vec![field],
        page,
        t,
    };
    private_page(state, browser, status, &template, Referrer::SameOrigin)
}

pub async fn create(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    lang: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let (lang, form) = match forms::posted(&state, &browser, &lang, form.into_inner(), REST) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let (ceremony, name, credential) =
        (form.get("ceremony").to_owned(), form.get("name").to_owned(), form.get("credential").to_owned());
    let typed_name = name.clone();
    let auth = state.auth.clone();
    let added = state
        .call(Some(caller), client.clone(), move |ctx| {
            passkeys::finish_registration(ctx, &auth.passkeys, &auth.second_factors, &ceremony, &name, &credential)
        })
        .await;
    let t = lang.text();
    let typed = match added {
        Ok(added) => {
            return match added.recovery_codes {
                Some(codes) => {
                    let intro = t.get("recovery-codes-intro-passkey");
                    crate::pages::account::authenticator::show_codes(&state, &browser, lang, intro, codes).await
                }
                None => Ok(account_page(lang, Some("passkey-added"))),
            };
        }
        Err(error) if error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) => {
            let errors = FieldErrors::from_error(&t, &error);
            // The answer, not a field the person typed: said above the form.
            let alert = errors.get("credential").map(|_| t.get("passkey-refused"));
            Typed { name: typed_name, errors, alert }
        }
        Err(error) if error.code() == "ceremony_expired" => {
            Typed { name: typed_name, alert: Some(t.get("passkey-expired")), ..Typed::default() }
        }
        Err(error) if error.code() == "conflict" => {
            Typed { name: typed_name, alert: Some(t.get("passkey-already-added")), ..Typed::default() }
        }
        Err(error) if crate::pages::kernel::is_signed_out(&error) => {
            return Ok(crate::pages::kernel::sign_in_first(lang));
        }
        Err(error) => return Err(error),
    };
    render(&state, &browser, client, lang, typed).await
}

#[derive(Deserialize)]
pub struct PasskeyPath {
    lang: String,
    id: String,
}

pub async fn rename(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<PasskeyPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let PasskeyPath { lang, id } = path.into_inner();
    let (lang, form) = match forms::posted(&state, &browser, &lang, form.into_inner(), "/workspace/account") {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let name = form.get("name").to_owned();
    let (typed, passkey) = (name.clone(), id.clone());
    match state.call(Some(caller), client, move |ctx| passkeys::rename(ctx, &id, &name)).await {
        Ok(()) => Ok(account_page(lang, Some("passkey-renamed"))),
        Err(error) if error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) => {
            let errors = FieldErrors::from_error(&lang.text(), &error);
            let message = errors.get("name").cloned().unwrap_or_default();
            let refused = Refused { passkey_name: Some((passkey, typed, message)), ..Refused::default() };
            let status = Some(StatusCode::UNPROCESSABLE_ENTITY);
            account::render(&state, &browser, lang, None, Refused { status, ..refused }).await
        }
        // Removed meanwhile (another tab), or never the caller's: the account page shows what is.
        Err(error) if error.code() == "not_found" => Ok(account_page(lang, None)),
        Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
        Err(error) => Err(error),
    }
}

pub async fn remove(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<PasskeyPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let PasskeyPath { lang, id } = path.into_inner();
    let (lang, _) = match forms::posted(&state, &browser, &lang, form.into_inner(), "/workspace/account") {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    match state.call(Some(caller), client, move |ctx| passkeys::remove(ctx, &id)).await {
        Ok(()) => Ok(account_page(lang, Some("passkey-removed"))),
        Err(error) if error.code() == "not_found" => Ok(account_page(lang, None)),
        Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
        Err(error) => Err(error),
    }
}

/// To the account page's passkeys, with a notice (`?done=`) when there is one.
fn account_page(lang: PageLang, done: Option<&str>) -> HttpResponse {
    let query = done.map(|done| format!("?done={done}")).unwrap_or_default();
    crate::pages::kernel::see_other(&format!("/{}/workspace/account{query}#passkeys", lang.path())).finish()
}
