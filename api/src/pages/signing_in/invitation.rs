//! The link in an invitation email. `GET /invite/{token}` hands over to `GET /{lang}/invite`,
//! which shows the pavilion, the role and the address invited, and a form for a name and a
//! password; `POST /{lang}/invite` creates the account on the same road as the JSON route and
//! signs the browser in.

use crate::credentials;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::{Field, FieldErrors};
use crate::pages::kernel::i18n::role_name;
use crate::pages::kernel::{Href, PageError, PageLang, PageMeta, Posted, Referrer, Shown, i18n::Text, private_page};
use crate::pages::signing_in::links::{self, Link};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::services::accounts::ForBrowser;
use pavilion_core::services::invitations;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "components/link_form.html")]
pub struct LinkFormPage {
    pub page: PageMeta,
    pub t: Text,
    pub heading: String,
    pub intro: Vec<String>,
    pub facts: Vec<(String, String, Option<&'static str>)>,
    pub alert: Option<String>,
    pub action: String,
    pub form_token: String,
    pub token: String,
    pub email: String,
    pub fields: Vec<Field>,
    pub submit: String,
}

pub async fn follow(state: web::Data<AppState>, req: HttpRequest, token: web::Path<String>) -> HttpResponse {
    links::follow(&state, &req, Link::Invitation, token.into_inner())
}

pub async fn form(
    state: web::Data<AppState>,
    lang: PageLang,
    browser: Browser,
    req: HttpRequest,
) -> Result<HttpResponse, PageError> {
    let token = Link::Invitation.token(&state, &req).unwrap_or_default();
    render(&state, &browser, lang, token, None, FieldErrors::default()).await
}

/// What the invitation form posts: the link's token, a name and a password.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AcceptForm {
    token: String,
    name: String,
    password: String,
}

pub async fn accept(
    state: web::Data<AppState>,
    lang: PageLang,
    browser: Browser,
    Client(client): Client,
    Posted(form): Posted<AcceptForm>,
) -> Result<HttpResponse, PageError> {
    let AcceptForm { token, name, password } = form;
    let t = lang.text();
    let prepared = credentials::prepare_acceptance(&state, token.clone(), name.clone(), password).await;
    let (name, password) = match prepared {
        Ok(prepared) => prepared,
        Err(error @ CoreError::Validation(_)) => {
            return render(&state, &browser, lang, token, Some(name), FieldErrors::from_error(&t, &error)).await;
        }
        Err(error) => return links::not_working(&state, &browser, lang, Link::Invitation, error),
    };
    let auth = state.auth.clone();
    let accepted = state
        .call(None, client, move |ctx| invitations::accept(ctx, &ForBrowser(&auth), &token, name, &password))
        .await;
    match accepted {
        Ok((session, _user)) => {
            let mut response = crate::pages::kernel::see_other(&Href::workspace(lang));
            browser::set_session(&state, &mut response, session.cookie);
            Link::Invitation.forget(&state, &mut response);
            Ok(response.finish())
        }
        Err(error) => links::not_working(&state, &browser, lang, Link::Invitation, error),
    }
}

async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    token: String,
    name: Option<String>,
    errors: FieldErrors,
) -> Result<HttpResponse, PageError> {
    if token.is_empty() {
        return links::not_working(state, browser, lang, Link::Invitation, CoreError::NotFound("invitation"));
    }
    let lookup = token.clone();
    let preview = match state.run(move |conn, state| invitations::preview(conn, state.now(), &lookup)).await {
        Ok(preview) => preview,
        Err(error) => return links::not_working(state, browser, lang, Link::Invitation, error),
    };
    let t = lang.text();
    let pavilion = Shown::of(&preview.pavilion.name, lang);
    let heading = t.with("invite-title", &[("pavilion", &pavilion.text)]);
    let email = preview.email.as_str().to_owned();
    let facts = vec![
        (t.get("workspace-pavilion"), pavilion.text.clone(), pavilion.lang),
        (t.get("workspace-role"), role_name(&t, preview.role), None),
        (t.get("workspace-email"), email.clone(), None),
    ];
    let fields = vec![
        Field::new("name", t.get("field-name"), "text", "name")
            .value(name.as_deref().unwrap_or_default())
            .error_from(&errors),
        Field::new("password", t.get("field-new-password"), "password", "new-password")
            .hint(
                t.with("field-new-password-hint", &[("min", &pavilion_core::domain::password::MIN_CHARS.to_string())]),
            )
            .error_from(&errors),
    ];
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = PageMeta::private(state, lang, Link::Invitation.rest(), heading.clone());
    let template = LinkFormPage {
        heading,
        intro: vec![t.get("invite-intro")],
        facts,
        alert: None,
        action: format!("/{}/invite", lang.path()),
        form_token: browser.form_token(state),
        token,
        email,
        fields,
        submit: t.get("invite-submit"),
        page,
        t,
    };
    Ok(private_page(state, browser, status, &template, Referrer::None)?)
}
