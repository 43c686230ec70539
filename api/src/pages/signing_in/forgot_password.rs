//! `/{lang}/forgot-password` (organisers) and `/{lang}/pavilions/{slug}/forgot-password`: ask
//! for a reset link. The answer is the same whether or not the account exists, and requests
//! count against the same limits as the JSON route.

use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::browser::Browser;
use crate::pages::kernel::forms::{Field, FormData};
use crate::pages::kernel::i18n::wait_message;
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::pages::signing_in::PavilionPath;
use crate::state::AppState;
use crate::throttling::{self, AttemptKeys};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::services::accounts::{ClientInfo, SignInAt};
use pavilion_core::services::{directory, password_reset, pavilions};
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "signing_in/forgot_password.html")]
struct ForgotPage {
    page: PageMeta,
    t: Text,
    heading: String,
    heading_lang: Option<&'static str>,
    sent: Option<String>,
    alert: Option<String>,
    action: String,
    form_token: String,
    fields: Vec<Field>,
    sign_in_href: String,
    pavilions: Vec<(String, Shown)>,
}

/// What the page shows after a post: the link is on its way, or a wait.
enum Outcome {
    Form,
    Sent(String),
    Wait { email: String, seconds: i64 },
}

pub async fn organisers_form(
    state: web::Data<AppState>,
    browser: Browser,
    lang: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    render(&state, &browser, lang, SignInAt::Organisers, Outcome::Form).await
}

pub async fn pavilion_form(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<PavilionPath>,
) -> Result<HttpResponse, ApiError> {
    let (lang, slug) = path.into_inner().parts();
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    render(&state, &browser, lang, SignInAt::Pavilion(slug), Outcome::Form).await
}

pub async fn organisers_submit(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    lang: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    submit(&state, &browser, client, lang, SignInAt::Organisers, FormData::new(form.into_inner())).await
}

pub async fn pavilion_submit(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<PavilionPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let (lang, slug) = path.into_inner().parts();
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    submit(&state, &browser, client, lang, SignInAt::Pavilion(slug), FormData::new(form.into_inner())).await
}

fn rest_of(at: &SignInAt) -> String {
    match at {
        SignInAt::Organisers => "/forgot-password".to_owned(),
        SignInAt::Pavilion(slug) => format!("/pavilions/{slug}/forgot-password"),
    }
}

async fn submit(
    state: &AppState,
    browser: &Browser,
    client: ClientInfo,
    lang: PageLang,
    at: SignInAt,
    form: FormData,
) -> Result<HttpResponse, ApiError> {
    if !browser.form_is_genuine(state, form.token()) {
        return crate::pages::kernel::refused_form(state, browser, lang, &rest_of(&at));
    }
    let email = form.get("email").trim().to_owned();
    if let Err(error) = throttling::reserve_reset(state, &AttemptKeys::new(&at, &email, client.ip.as_deref())).await {
        let seconds = error.retry_after_secs().unwrap_or(1);
        return render(state, browser, lang, at, Outcome::Wait { email, seconds }).await;
    }
    let requested = email.clone();
    let place = at.clone();
    state
        .call(None, client, move |ctx| match &place {
            SignInAt::Organisers => password_reset::request_for_organiser(ctx, &requested),
            SignInAt::Pavilion(slug) => password_reset::request_for_pavilion_member(ctx, slug, &requested),
        })
        .await?;
    render(state, browser, lang, at, Outcome::Sent(email)).await
}

async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    at: SignInAt,
    outcome: Outcome,
) -> Result<HttpResponse, ApiError> {
    let t = lang.text();
    let rest = rest_of(&at);
    let (heading, heading_lang, pavilion_links, sign_in) = match &at {
        SignInAt::Organisers => {
            let list = state.run(|conn, _| directory::pavilion_choices(conn)).await?;
            let links = list
                .iter()
                .map(|p| (format!("/{}/pavilions/{}/forgot-password", lang.path(), p.slug), Shown::of(&p.name, lang)))
                .collect();
            (t.get("forgot-title"), None, links, "/sign-in".to_owned())
        }
        SignInAt::Pavilion(slug) => {
            let lookup = slug.clone();
            let name = state
                .run(move |conn, _| match pavilions::get(conn, None, &lookup) {
                    Ok(pavilion) => Ok(Some(pavilion.name)),
                    Err(pavilion_core::CoreError::NotFound(_)) => Ok(None),
                    Err(other) => Err(other),
                })
                .await?
                .map(|name| Shown::of(&name, lang));
            let (name, name_lang) = name.map_or((slug.clone(), None), |shown| (shown.text, shown.lang));
            (
                t.with("forgot-title-pavilion", &[("pavilion", &name)]),
                name_lang,
                Vec::new(),
                format!("/pavilions/{slug}/sign-in"),
            )
        }
    };
    let (status, sent, alert, email, retry_after) = match outcome {
        Outcome::Form => (StatusCode::OK, None, None, String::new(), None),
        Outcome::Sent(email) => (StatusCode::OK, Some(t.with("forgot-sent", &[("email", &email)])), None, email, None),
        Outcome::Wait { email, seconds } => {
            (StatusCode::TOO_MANY_REQUESTS, None, Some(wait_message(&t, seconds)), email, Some(seconds))
        }
    };
    let fields = vec![Field::new("email", t.get("field-email"), "email", "username").value(&email)];
    let page = PageMeta::private(state, lang, &rest, heading.clone());
    let template = ForgotPage {
        heading,
        heading_lang,
        sent,
        alert,
        action: format!("/{}{rest}", lang.path()),
        form_token: browser.form_token(state),
        fields,
        sign_in_href: format!("/{}{sign_in}", lang.path()),
        pavilions: pavilion_links,
        page,
        t,
    };
    let response = private_page(state, browser, status, &template, Referrer::SameOrigin)?;
    Ok(match retry_after {
        Some(seconds) => crate::pages::kernel::retry_after(response, seconds),
        None => response,
    })
}
