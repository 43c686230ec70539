//! Signing in and what leads to it: the password, the second step, a passkey, a forgotten
//! password, the links in invitation, reset and confirmation emails, and signing out.

pub mod confirmation;
pub mod forgot_password;
pub mod invitation;
pub mod links;
pub mod passkey;
pub mod password;
pub mod reset;
pub mod second_factor;
pub mod sign_out;

use crate::pages::kernel::browser::Browser;
use crate::pages::kernel::forms::Field;
use crate::pages::kernel::{PageError, PageLang, PageMeta, Referrer, Shown, i18n::Text, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::services::accounts::SignInAt;
use pavilion_core::services::second_factors::Method;
use pavilion_core::services::sign_in::{Challenge, Offer};
use pavilion_core::services::{directory, pavilions};

/// Where a sign-in (or a forgotten password) is asked for, as an argument read from its
/// address: a pavilion's own page (`/{lang}/pavilions/{slug}/…`, for its admins and exhibitors),
/// else the organisers'. One handler serves both addresses.
pub struct Place(pub SignInAt);

impl FromRequest for Place {
    type Error = PageError;
    type Future = std::future::Ready<Result<Self, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let at = match req.match_info().get("slug") {
            Some(slug) => SignInAt::Pavilion(slug.to_owned()),
            None if req.path().contains("/buyers/") => SignInAt::Buyers,
            None => SignInAt::Organisers,
        };
        std::future::ready(Ok(Place(at)))
    }
}

/// On the organisers' pages, which also list the pavilions: where each pavilion's own `page`
/// (`sign-in`, `forgot-password`) is, by the pavilion's name.
async fn pavilion_links(state: &AppState, lang: PageLang, page: &str) -> Result<Vec<(String, Shown)>, PageError> {
    let list = state.run(|conn, _| directory::pavilion_choices(conn)).await?;
    Ok(list
        .iter()
        .map(|p| (format!("/{}/pavilions/{}/{page}", lang.path(), p.slug), Shown::of(&p.name, lang)))
        .collect())
}

/// The name of the pavilion at `slug` where the public may see it, with its language; any other
/// slug is shown as itself, so the page tells nothing of pavilions that are not public.
async fn pavilion_name(
    state: &AppState,
    lang: PageLang,
    slug: &str,
) -> Result<(String, Option<&'static str>), PageError> {
    let lookup = slug.to_owned();
    let name = state
        .run(move |conn, _| match pavilions::get(conn, None, &lookup) {
            Ok(pavilion) => Ok(Some(pavilion.name)),
            Err(CoreError::NotFound(_)) => Ok(None),
            Err(other) => Err(other),
        })
        .await?;
    Ok(name.map(|name| Shown::of(&name, lang)).map_or((slug.to_owned(), None), |shown| (shown.text, shown.lang)))
}

/// Where a sign-in began, as its later forms post it (`at`): a pavilion's slug, `@buyers` for the
/// buyers' (no slug starts with `@`), or empty for the organisers'.
fn posted_place(at: &str) -> SignInAt {
    match at {
        "" => SignInAt::Organisers,
        "@buyers" => SignInAt::Buyers,
        slug => SignInAt::Pavilion(slug.to_owned()),
    }
}

/// `at` as the later forms of a sign-in post it (see [`posted_place`]).
fn posted_at(at: &SignInAt) -> String {
    match at {
        SignInAt::Organisers => String::new(),
        SignInAt::Pavilion(slug) => slug.clone(),
        SignInAt::Buyers => "@buyers".to_owned(),
    }
}

/// The address after the language of the sign-in page for `at`.
pub fn rest_of(at: &SignInAt) -> String {
    match at {
        SignInAt::Organisers => "/sign-in".to_owned(),
        SignInAt::Pavilion(slug) => format!("/pavilions/{slug}/sign-in"),
        SignInAt::Buyers => "/buyers/sign-in".to_owned(),
    }
}

/// The second step of a sign-in, shared by every way in: a correct password (`password`), a
/// completed reset (`reset`), and a wrong code (`second_factor`).
#[derive(Template)]
#[template(path = "signing_in/second_factor.html")]
struct SecondFactorPage {
    page: PageMeta,
    t: Text,
    alert: Option<String>,
    action: String,
    form_token: String,
    challenge: String,
    /// Where the sign-in began (a pavilion's slug, or empty for the organisers' page): where an
    /// expired one starts again.
    at: String,
    fields: Vec<Field>,
    next: Option<String>,
    title: String,
    intro: String,
    /// For an account with passkeys: the options for `navigator.credentials.get`, as JSON.
    passkey_options: Option<String>,
    /// Whether the account has a code to type: its app's, or a recovery code.
    code_form: bool,
    /// Above the code form, under the passkey button: "Or enter a code", "Or use a recovery code".
    or_heading: String,
}

const REST: &str = "/sign-in/second-factor";

/// The form, right after a correct password.
pub fn ask(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    at: &SignInAt,
    challenge: &Challenge,
    next: Option<String>,
) -> Result<HttpResponse, PageError> {
    second_step_page(state, browser, lang, at, challenge.token.clone(), &challenge.offer, next, None, StatusCode::OK)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn second_step_page(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    at: &SignInAt,
    challenge: String,
    offer: &Offer,
    next: Option<String>,
    alert: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    let t = lang.text();
    let has_app = offer.methods.contains(&Method::Totp);
    // Recovery codes alone stand in for a passkey that is not at hand.
    let code_form = has_app || offer.methods.contains(&Method::RecoveryCode);
    let title = t.get(if has_app { "second-factor-title" } else { "second-factor-title-passkey" });
    let intro = t.get(match (offer.passkey.is_some(), has_app, code_form) {
        (true, true, _) => "second-factor-intro-either",
        (true, false, true) => "second-factor-intro-passkey-or-recovery",
        (true, false, false) => "second-factor-intro-passkey",
        _ => "second-factor-intro",
    });
    let (label, hint, or_heading) = if has_app {
        ("second-factor-field", "second-factor-hint", "second-factor-or-code")
    } else {
        ("second-factor-recovery-field", "second-factor-recovery-hint", "second-factor-or-recovery")
    };
    let field = Field::new("code", t.get(label), "text", "one-time-code").hint(t.get(hint));
    let page = PageMeta::private(state, lang, REST, title.clone());
    let template = SecondFactorPage {
        alert,
        action: format!("/{}{REST}", lang.path()),
        form_token: browser.form_token(state),
        challenge,
        at: posted_at(at),
        fields: vec![field],
        next,
        title,
        intro,
        passkey_options: offer.passkey.as_ref().map(|options| options.to_string()),
        code_form,
        or_heading: t.get(or_heading),
        page,
        t,
    };
    Ok(private_page(state, browser, status, &template, Referrer::SameOrigin)?)
}

/// A sign-in finished: the browser holds its new session and goes where it was headed (`next`),
/// else to the workspace.
pub fn finish(state: &AppState, lang: PageLang, next: Option<String>, cookie_value: String) -> HttpResponse {
    let to = next.unwrap_or_else(|| crate::pages::kernel::Href::workspace(lang));
    let mut response = crate::pages::kernel::see_other(&to);
    crate::pages::kernel::browser::set_session(state, &mut response, cookie_value);
    response.finish()
}
