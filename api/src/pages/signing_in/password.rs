//! `/{lang}/sign-in` (organisers) and `/{lang}/pavilions/{slug}/sign-in` (a pavilion's admins and
//! exhibitors): the sign-in form, and its post. The same limits, checks and audit as the JSON
//! login (`crate::credentials`); one message for every failure.

use super::{Place, rest_of};
use crate::credentials;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::Field;
use crate::pages::kernel::i18n::wait_message;
use crate::pages::kernel::{PageError, PageLang, PageMeta, Posted, Referrer, Shown, i18n::Text, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::services::accounts::{ForBrowser, SignInAt};
use pavilion_core::services::sign_in::{self, SignInStep};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "signing_in/sign_in.html")]
struct SignInPage {
    page: PageMeta,
    t: Text,
    heading: String,
    heading_lang: Option<&'static str>,
    /// On the organisers' page, which also lists the pavilions: the form's own heading.
    form_heading: Option<String>,
    intro: String,
    alert: Option<String>,
    action: String,
    form_token: String,
    fields: Vec<Field>,
    forgot_href: String,
    /// On the organisers' page: where each pavilion's people sign in.
    pavilions: Vec<(String, Shown)>,
    /// The workspace page to go to once signed in, when the person came from one.
    next: Option<String>,
    /// Whether to offer signing in with a passkey (this deployment can).
    passkeys: bool,
    /// Where the sign-in is: a pavilion's slug, or empty for the organisers.
    at: String,
}

/// `?next=`: where to go once signed in (see [`browser::safe_next`]).
#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

impl NextQuery {
    fn safe(self) -> Option<String> {
        self.next.as_deref().and_then(browser::safe_next)
    }
}

/// What a refused sign-in shows again: the email typed, and why.
struct Refusal {
    email: String,
    alert: String,
    status: StatusCode,
    retry_after: Option<i64>,
}

/// What the sign-in form posts.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignInForm {
    email: String,
    password: String,
    next: String,
}

pub async fn form(
    state: web::Data<AppState>,
    lang: PageLang,
    Place(at): Place,
    browser: Browser,
    next: web::Query<NextQuery>,
) -> Result<HttpResponse, PageError> {
    render(&state, &browser, lang, at, next.into_inner().safe(), None).await
}

pub async fn submit(
    state: web::Data<AppState>,
    lang: PageLang,
    Place(at): Place,
    browser: Browser,
    Client(client): Client,
    Posted(form): Posted<SignInForm>,
) -> Result<HttpResponse, PageError> {
    let t = lang.text();
    let next = browser::safe_next(&form.next);
    let (email, password) = (form.email.trim().to_owned(), form.password);
    let attempt = match credentials::begin(&state, &at, &email, &client).await {
        Ok(attempt) => attempt,
        Err(error) => return render(&state, &browser, lang, at, next, Some(refusal(&t, email, &error))).await,
    };
    let outcome = credentials::check_credentials(&state, client.clone(), at.clone(), email.clone(), password).await;
    attempt.settle(&outcome, |error| matches!(error, CoreError::Unauthenticated)).await;
    let user = match outcome {
        Ok(user) => user,
        Err(error @ (CoreError::Unauthenticated | CoreError::Busy { .. })) => {
            return render(&state, &browser, lang, at, next, Some(refusal(&t, email, &error))).await;
        }
        Err(error) => return Err(error.into()),
    };
    let auth = state.auth.clone();
    let step = state.call(None, client, move |ctx| sign_in::complete_login(ctx, &ForBrowser(&auth), &user)).await?;
    let session = match step {
        SignInStep::Done(session) => session,
        SignInStep::SecondFactor(challenge) => {
            return super::ask(&state, &browser, lang, &at, &challenge, next);
        }
    };
    Ok(super::finish(&state, lang, next, session.cookie))
}

/// The sign-in page again, saying why: its second step took too long.
pub async fn start_again(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    at: SignInAt,
    next: Option<String>,
) -> Result<HttpResponse, PageError> {
    let alert = lang.text().get("second-factor-expired");
    let refusal = Refusal { email: String::new(), alert, status: StatusCode::GONE, retry_after: None };
    render(state, browser, lang, at, next, Some(refusal)).await
}

fn refusal(t: &Text, email: String, error: &CoreError) -> Refusal {
    let (alert, status, retry_after) = match *error {
        CoreError::RateLimited { retry_after_secs } => {
            let wait = retry_after_secs.max(1);
            (wait_message(t, wait), StatusCode::TOO_MANY_REQUESTS, Some(wait))
        }
        CoreError::Busy { retry_after_secs } => {
            (t.get("sign-in-busy"), StatusCode::SERVICE_UNAVAILABLE, Some(retry_after_secs.max(1)))
        }
        _ => (t.get("sign-in-wrong"), StatusCode::UNPROCESSABLE_ENTITY, None),
    };
    Refusal { email, alert, status, retry_after }
}

async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    at: SignInAt,
    next: Option<String>,
    refusal: Option<Refusal>,
) -> Result<HttpResponse, PageError> {
    let t = lang.text();
    let rest = rest_of(&at);
    let (heading, heading_lang, form_heading, intro, pavilions, forgot) = match &at {
        SignInAt::Organisers => {
            let links = super::pavilion_links(state, lang, "sign-in").await?;
            (
                t.get("sign-in-title"),
                None,
                Some(t.get("sign-in-organisers")),
                t.get("sign-in-organisers-intro"),
                links,
                "/forgot-password".to_owned(),
            )
        }
        SignInAt::Buyers => (
            t.get("sign-in-buyers-title"),
            None,
            None,
            t.get("sign-in-buyers-intro"),
            Vec::new(),
            "/buyers/forgot-password".to_owned(),
        ),
        SignInAt::Pavilion(slug) => {
            let (name, name_lang) = super::pavilion_name(state, lang, slug).await?;
            (
                t.with("sign-in-pavilion", &[("pavilion", &name)]),
                name_lang,
                None,
                t.get("sign-in-pavilion-intro"),
                Vec::new(),
                format!("/pavilions/{slug}/forgot-password"),
            )
        }
    };
    let (status, alert, email, retry_after) = match refusal {
        Some(Refusal { email, alert, status, retry_after }) => (status, Some(alert), email, retry_after),
        None => (StatusCode::OK, None, String::new(), None),
    };
    let fields = vec![
        Field::new("email", t.get("field-email"), "email", "username").value(&email),
        Field::new("password", t.get("field-password"), "password", "current-password"),
    ];
    let page = PageMeta::private(state, lang, &rest, heading.clone());
    let template = SignInPage {
        heading,
        heading_lang,
        form_heading,
        intro,
        alert,
        action: format!("/{}{rest}", lang.path()),
        form_token: browser.form_token(state),
        fields,
        forgot_href: format!("/{}{forgot}", lang.path()),
        pavilions,
        next,
        passkeys: state.auth.passkeys.available(),
        at: super::posted_at(&at),
        page,
        t,
    };
    let response = private_page(state, browser, status, &template, Referrer::SameOrigin)?;
    Ok(match retry_after {
        Some(wait) => crate::pages::kernel::retry_after(response, wait),
        None => response,
    })
}
