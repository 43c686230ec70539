//! The link in a password-reset email. `GET /reset/{token}` hands over to `GET /{lang}/reset`,
//! a form for the new password; `POST /{lang}/reset` sets it on the same road as the JSON route
//! (every session of the account ends, a notice is emailed) and signs this browser in.

use crate::credentials;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::{Field, FieldErrors};
use crate::pages::kernel::{Href, PageError, PageLang, PageMeta, Posted, Referrer, private_page};
use crate::pages::signing_in::invitation::LinkFormPage;
use crate::pages::signing_in::links::{self, Link};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use pavilion_core::CoreError;
use pavilion_core::services::accounts::{self, ForBrowser};
use pavilion_core::services::password_reset;
use pavilion_core::services::sign_in::{self, SignInStep};
use serde::Deserialize;

pub async fn follow(state: web::Data<AppState>, req: HttpRequest, token: web::Path<String>) -> HttpResponse {
    links::follow(&state, &req, Link::Reset, token.into_inner())
}

pub async fn form(
    state: web::Data<AppState>,
    lang: PageLang,
    browser: Browser,
    req: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let token = Link::Reset.token(&state, &req).unwrap_or_default();
    render(&state, &browser, lang, token, FieldErrors::default()).await
}

/// What the reset form posts: the link's token and the new password.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    token: String,
    password: String,
}

pub async fn confirm(
    state: web::Data<AppState>,
    lang: PageLang,
    browser: Browser,
    Client(client): Client,
    Posted(ResetForm { token, password }): Posted<ResetForm>,
) -> Result<HttpResponse, PageError> {
    let new_password = match credentials::prepare_reset(&state, token.clone(), password).await {
        Ok(hashed) => hashed,
        Err(error @ CoreError::Validation(_)) => {
            let errors = FieldErrors::from_error(&lang.text(), &error);
            return render(&state, &browser, lang, token, errors).await;
        }
        Err(error) => return links::not_working(&state, &browser, lang, Link::Reset, error),
    };
    let auth = state.auth.clone();
    let signed_in = state
        .call(None, client, move |ctx| {
            let user = password_reset::confirm(ctx, &token, &new_password)?;
            sign_in::complete_login(ctx, &ForBrowser(&auth), &user).map(|step| (user, step))
        })
        .await;
    match signed_in {
        Ok((_, SignInStep::Done(session))) => {
            let mut response = crate::pages::kernel::see_other(&Href::workspace(lang));
            browser::set_session(&state, &mut response, session.cookie);
            Link::Reset.forget(&state, &mut response);
            Ok(response.finish())
        }
        // A reset link proves the mailbox, not the second factor: the sign-in finishes with it.
        Ok((user, SignInStep::SecondFactor(challenge))) => {
            let at = state.run(move |conn, _| accounts::sign_in_place(conn, &user)).await?;
            let mut response = super::ask(&state, &browser, lang, &at, &challenge, None)?;
            Link::Reset.forget_on(&state, &mut response);
            Ok(response)
        }
        Err(error) => links::not_working(&state, &browser, lang, Link::Reset, error),
    }
}

async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    token: String,
    errors: FieldErrors,
) -> Result<HttpResponse, PageError> {
    if token.is_empty() {
        return links::not_working(state, browser, lang, Link::Reset, CoreError::NotFound("reset link"));
    }
    let lookup = token.clone();
    let email = match state.run(move |conn, state| password_reset::check_link(conn, state.now(), &lookup)).await {
        Ok(email) => email.as_str().to_owned(),
        Err(error) => return links::not_working(state, browser, lang, Link::Reset, error),
    };
    let t = lang.text();
    let heading = t.get("reset-title");
    let fields = vec![
        Field::new("password", t.get("field-new-password"), "password", "new-password")
            .hint(
                t.with("field-new-password-hint", &[("min", &pavilion_core::domain::password::MIN_CHARS.to_string())]),
            )
            .error_from(&errors),
    ];
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = PageMeta::private(state, lang, Link::Reset.rest(), heading.clone());
    let template = LinkFormPage {
        heading,
        intro: vec![t.get("reset-intro")],
        facts: vec![(t.get("workspace-email"), email.clone(), None)],
        alert: None,
        action: format!("/{}/reset", lang.path()),
        form_token: browser.form_token(state),
        token,
        email,
        fields,
        submit: t.get("reset-submit"),
        page,
        t,
    };
    Ok(private_page(state, browser, status, &template, Referrer::None)?)
}
