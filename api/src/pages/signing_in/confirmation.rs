//! The link in a buyer's confirmation email. `GET /verify-email/{token}` hands over to
//! `GET /{lang}/verify-email`, which asks to confirm with one button (a link scanner that
//! follows the link confirms nothing); `POST /{lang}/verify-email` confirms the address on the
//! same road as `POST /api/v1/buyers/verify-email`, and says what comes next.

use super::invitation::LinkFormPage;
use super::links::{self, Link};
use crate::extractors::Client;
use crate::pages::kernel::browser::Browser;
use crate::pages::kernel::{MessagePage, PageError, PageLang, PageMeta, Posted, Referrer, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use pavilion_core::CoreError;
use pavilion_core::services::buyers;
use serde::Deserialize;

pub async fn follow(state: web::Data<AppState>, req: HttpRequest, token: web::Path<String>) -> HttpResponse {
    links::follow(&state, &req, Link::Confirmation, token.into_inner())
}

pub async fn form(
    state: web::Data<AppState>,
    lang: PageLang,
    browser: Browser,
    req: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let Some(token) = Link::Confirmation.token(&state, &req) else {
        return links::not_working(
            &state,
            &browser,
            lang,
            Link::Confirmation,
            CoreError::NotFound("confirmation link"),
        );
    };
    let t = lang.text();
    let heading = t.get("confirm-title");
    let page = PageMeta::private(&state, lang, Link::Confirmation.rest(), heading.clone());
    let template = LinkFormPage {
        heading,
        intro: vec![t.get("confirm-intro")],
        facts: Vec::new(),
        alert: None,
        action: format!("/{}{}", lang.path(), Link::Confirmation.rest()),
        form_token: browser.form_token(&state),
        token,
        email: String::new(),
        fields: Vec::new(),
        submit: t.get("confirm-submit"),
        page,
        t,
    };
    Ok(private_page(&state, &browser, StatusCode::OK, &template, Referrer::None)?)
}

/// What the confirmation form posts: the link's token.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ConfirmForm {
    token: String,
}

pub async fn confirm(
    state: web::Data<AppState>,
    lang: PageLang,
    browser: Browser,
    Client(client): Client,
    Posted(ConfirmForm { token }): Posted<ConfirmForm>,
) -> Result<HttpResponse, PageError> {
    if let Err(error) = state.call(None, client, move |ctx| buyers::confirm_email(ctx, &token)).await {
        return links::not_working(&state, &browser, lang, Link::Confirmation, error);
    }
    let t = lang.text();
    let heading = t.get("confirmed-title");
    let page = PageMeta::private(&state, lang, Link::Confirmation.rest(), heading.clone());
    let template = MessagePage {
        heading,
        paragraphs: vec![t.get("confirmed-text")],
        links: vec![(format!("/{}/buyers/sign-in", lang.path()), t.get("link-sign-in"))],
        page,
        t,
    };
    let mut response = private_page(&state, &browser, StatusCode::OK, &template, Referrer::None)?;
    Link::Confirmation.forget_on(&state, &mut response);
    Ok(response)
}
