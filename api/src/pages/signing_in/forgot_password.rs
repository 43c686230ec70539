//! `/{lang}/forgot-password` (organisers) and `/{lang}/pavilions/{slug}/forgot-password`: ask
//! for a reset link. The answer is the same whether or not the account exists, and requests
//! count against the same limits as the JSON route.

use super::Place;
use crate::extractors::Client;
use crate::pages::kernel::browser::Browser;
use crate::pages::kernel::forms::Field;
use crate::pages::kernel::i18n::wait_message;
use crate::pages::kernel::{PageError, PageLang, PageMeta, Posted, Referrer, Shown, i18n::Text, private_page};
use crate::state::AppState;
use crate::throttling::{self, AttemptKeys};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::services::accounts::SignInAt;
use pavilion_core::services::password_reset;

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

/// What the form posts.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

pub async fn form(
    state: web::Data<AppState>,
    lang: PageLang,
    Place(at): Place,
    browser: Browser,
) -> Result<HttpResponse, PageError> {
    render(&state, &browser, lang, at, Outcome::Form).await
}

pub async fn submit(
    state: web::Data<AppState>,
    lang: PageLang,
    Place(at): Place,
    browser: Browser,
    Client(client): Client,
    Posted(form): Posted<ForgotForm>,
) -> Result<HttpResponse, PageError> {
    let email = form.email.trim().to_owned();
    if let Err(error) = throttling::reserve_reset(&state, &AttemptKeys::new(&at, &email, client.ip.as_deref())).await {
        let CoreError::RateLimited { retry_after_secs } = error else { return Err(error.into()) };
        return render(&state, &browser, lang, at, Outcome::Wait { email, seconds: retry_after_secs.max(1) }).await;
    }
    let requested = email.clone();
    let place = at.clone();
    state
        .call(None, client, move |ctx| match &place {
            SignInAt::Organisers => password_reset::request_for_organiser(ctx, &requested),
            SignInAt::Pavilion(slug) => password_reset::request_for_pavilion_member(ctx, slug, &requested),
            SignInAt::Buyers => password_reset::request_for_buyer(ctx, &requested),
        })
        .await?;
    render(&state, &browser, lang, at, Outcome::Sent(email)).await
}

fn rest_of(at: &SignInAt) -> String {
    match at {
        SignInAt::Organisers => "/forgot-password".to_owned(),
        SignInAt::Pavilion(slug) => format!("/pavilions/{slug}/forgot-password"),
        SignInAt::Buyers => "/buyers/forgot-password".to_owned(),
    }
}

async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    at: SignInAt,
    outcome: Outcome,
) -> Result<HttpResponse, PageError> {
    let t = lang.text();
    let rest = rest_of(&at);
    let (heading, heading_lang, pavilion_links, sign_in) = match &at {
        SignInAt::Organisers => {
            let links = super::pavilion_links(state, lang, "forgot-password").await?;
            (t.get("forgot-title"), None, links, "/sign-in".to_owned())
        }
        SignInAt::Buyers => (t.get("forgot-title-buyers"), None, Vec::new(), "/buyers/sign-in".to_owned()),
        SignInAt::Pavilion(slug) => {
            let (name, name_lang) = super::pavilion_name(state, lang, slug).await?;
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
