//! Passkeys from the account page, on the same use cases as `/api/v1/me/second-factor/passkeys`:
//! `GET …/passkeys/new` starts a ceremony and shows the form that names the passkey (the
//! browser's own dialog makes it, through `app.js`); its `POST` adds it; `POST …/{id}/rename`
//! and `…/{id}/remove` act on one of the account's passkeys.

use crate::extractors::Client;
use crate::pages::account::home::{self as account, Refused};
use crate::pages::kernel::browser;
use crate::pages::kernel::forms::{Field, FieldErrors, FormData};
use crate::pages::kernel::{PageError, PageLang, PageMeta, Posted, Referrer, SignedIn, i18n::Text, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::services::{accounts, passkeys};
use serde::Deserialize;

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
    lang: PageLang,
    signed_in: SignedIn,
    Client(client): Client,
) -> Result<HttpResponse, PageError> {
    render(&state, &signed_in, client, lang, Typed::default()).await
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
    SignedIn { person, browser }: &SignedIn,
    client: accounts::ClientInfo,
    lang: PageLang,
    typed: Typed,
) -> Result<HttpResponse, PageError> {
    let (auth, caller, reading) = (state.auth.clone(), person.clone(), person.clone());
    let (user, _) = state.run(move |conn, _| accounts::me(conn, &reading)).await?;
    let started = state.call(Some(caller), client, move |ctx| passkeys::start_registration(ctx, &auth.passkeys)).await;
    let ceremony = match started {
        Ok(ceremony) => ceremony,
        // Passkeys are not available here: the account page says so.
        Err(CoreError::Conflict(_)) => return Ok(to_passkeys(lang, None)),
        Err(error) => return Err(error.into()),
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
    Ok(private_page(state, browser, status, &template, Referrer::SameOrigin)?)
}

/// What the new-passkey form posts: its ceremony, the browser's answer, and a name.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewPasskeyForm {
    ceremony: String,
    name: String,
    credential: String,
}

pub async fn create(
    state: web::Data<AppState>,
    lang: PageLang,
    signed_in: SignedIn,
    Client(client): Client,
    Posted(NewPasskeyForm { ceremony, name, credential }): Posted<NewPasskeyForm>,
) -> Result<HttpResponse, PageError> {
    let typed_name = name.clone();
    let auth = state.auth.clone();
    let added = state
        .call(Some(signed_in.person.clone()), client.clone(), move |ctx| {
            passkeys::finish_registration(ctx, &auth.passkeys, &auth.second_factors, &ceremony, &name, &credential)
        })
        .await;
    let t = lang.text();
    let typed = match added {
        Ok(added) => {
            return match added.recovery_codes {
                Some(codes) => {
                    let intro = t.get("recovery-codes-intro-passkey");
                    super::authenticator::show_codes(&state, &signed_in.browser, lang, intro, codes).await
                }
                None => Ok(to_passkeys(lang, Some("passkey-added"))),
            };
        }
        Err(error @ CoreError::Validation(_)) => {
            let errors = FieldErrors::from_error(&t, &error);
            // The answer, not a field the person typed: said above the form.
            let alert = errors.get("credential").map(|_| t.get("passkey-refused"));
            Typed { name: typed_name, errors, alert }
        }
        Err(CoreError::Gone { code: "ceremony_expired", .. }) => {
            Typed { name: typed_name, alert: Some(t.get("passkey-expired")), ..Typed::default() }
        }
        Err(CoreError::Conflict(_)) => {
            Typed { name: typed_name, alert: Some(t.get("passkey-already-added")), ..Typed::default() }
        }
        Err(error) => return Err(error.into()),
    };
    render(&state, &signed_in, client, lang, typed).await
}

#[derive(Deserialize)]
pub struct PasskeyPath {
    id: String,
}

/// What the rename form posts.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RenameForm {
    name: String,
}

pub async fn rename(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { person, browser }: SignedIn,
    Client(client): Client,
    path: web::Path<PasskeyPath>,
    Posted(RenameForm { name }): Posted<RenameForm>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner().id;
    let (typed, passkey) = (name.clone(), id.clone());
    match state.call(Some(person), client, move |ctx| passkeys::rename(ctx, &id, &name)).await {
        Ok(()) => Ok(to_passkeys(lang, Some("passkey-renamed"))),
        Err(error @ CoreError::Validation(_)) => {
            let errors = FieldErrors::from_error(&lang.text(), &error);
            let message = errors.get("name").cloned().unwrap_or_default();
            let refused = Refused {
                passkey_name: Some((passkey, typed, message)),
                status: Some(StatusCode::UNPROCESSABLE_ENTITY),
                ..Refused::default()
            };
            account::render(&state, &browser, lang, None, refused).await
        }
        // Removed meanwhile (another tab), or never the caller's: the account page shows what is.
        Err(CoreError::NotFound(_)) => Ok(to_passkeys(lang, None)),
        Err(error) => Err(error.into()),
    }
}

pub async fn remove(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { person, .. }: SignedIn,
    Client(client): Client,
    path: web::Path<PasskeyPath>,
    _: Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner().id;
    match state.call(Some(person), client, move |ctx| passkeys::remove(ctx, &id)).await {
        Ok(()) => Ok(to_passkeys(lang, Some("passkey-removed"))),
        Err(CoreError::NotFound(_)) => Ok(to_passkeys(lang, None)),
        Err(error) => Err(error.into()),
    }
}

/// To the account page's passkeys, with a notice (`?done=`) when there is one.
fn to_passkeys(lang: PageLang, done: Option<&str>) -> HttpResponse {
    super::back_to_account(lang, done, "#passkeys")
}
