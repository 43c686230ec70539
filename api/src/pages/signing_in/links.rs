//! What the invitation and reset pages share. An email's link (`/invite/{token}`,
//! `/reset/{token}`) puts its token in a short-lived cookie and answers 303 to the page in the
//! visitor's language, so the token leaves the address bar (and the history, and any Referer)
//! at once; the page's form then carries it. A link that no longer works gets a page that says
//! why and what to do next.

use crate::pages::kernel::browser::Browser;
use crate::pages::kernel::{MessagePage, PageError, PageLang, PageMeta, Referrer, private_page};
use crate::state::AppState;
use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};
use pavilion_core::CoreError;

/// Which email link: an invitation or a password reset.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Invitation,
    Reset,
    /// The link that confirms a buyer's address.
    Confirmation,
}

impl Link {
    /// The page after the language: `/invite`, `/reset`.
    pub fn rest(self) -> &'static str {
        match self {
            Self::Invitation => "/invite",
            Self::Reset => "/reset",
            Self::Confirmation => "/verify-email",
        }
    }

    fn cookie_name(self, state: &AppState) -> &'static str {
        let https = state.settings.public_url.starts_with("https://");
        match (self, https) {
            (Self::Invitation, true) => "__Host-pavilion-invite",
            (Self::Invitation, false) => "pavilion-invite",
            (Self::Reset, true) => "__Host-pavilion-reset",
            (Self::Reset, false) => "pavilion-reset",
            (Self::Confirmation, true) => "__Host-pavilion-confirm",
            (Self::Confirmation, false) => "pavilion-confirm",
        }
    }

    /// The link's token, as the redirect left it for the page.
    pub fn token(self, state: &AppState, req: &HttpRequest) -> Option<String> {
        req.cookie(self.cookie_name(state)).map(|c| c.value().to_owned()).filter(|token| !token.is_empty())
    }

    fn cookie(self, state: &AppState, value: String, max_age: time::Duration) -> Cookie<'static> {
        Cookie::build(self.cookie_name(state), value)
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(state.settings.public_url.starts_with("https://"))
            .max_age(max_age)
            .finish()
    }

    /// The link's cookie is no longer needed (the form did its work).
    pub fn forget(self, state: &AppState, response: &mut actix_web::HttpResponseBuilder) {
        response.cookie(self.removal(state));
    }

    /// As [`Self::forget`], on a response already built (a page shown rather than a redirect).
    pub fn forget_on(self, state: &AppState, response: &mut HttpResponse) {
        if let Err(error) = response.add_cookie(&self.removal(state)) {
            tracing::warn!(%error, "could not remove a link's cookie");
        }
    }

    fn removal(self, state: &AppState) -> Cookie<'static> {
        let mut gone = self.cookie(state, String::new(), time::Duration::ZERO);
        gone.make_removal();
        gone
    }
}

/// How long the token waits in its cookie for the page's form: long enough to choose a password.
const LINK_COOKIE_MINUTES: i64 = 60;

/// `GET /invite/{token}` and `GET /reset/{token}`: the token into a cookie, then the page.
pub fn follow(state: &AppState, req: &HttpRequest, link: Link, token: String) -> HttpResponse {
    let lang = crate::pages::kernel::lang::negotiate(req);
    let mut response = HttpResponse::SeeOther();
    response
        .insert_header((header::LOCATION, format!("/{}{}", lang.path(), link.rest())))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(link.cookie(state, token, time::Duration::minutes(LINK_COOKIE_MINUTES)));
    response.finish()
}

/// A link that does not work (any more): what happened, and what to do next, by what the use
/// case refused it with; any other refusal is not the link's, and answered as such.
pub fn not_working(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    link: Link,
    why: CoreError,
) -> Result<HttpResponse, PageError> {
    let code = match &why {
        CoreError::Gone { code, .. } => *code,
        CoreError::Conflict(_) if link == Link::Invitation => "conflict",
        CoreError::NotFound(_) => "not_found",
        _ => return Err(why.into()),
    };
    let t = lang.text();
    let path = lang.path();
    let sign_in = (format!("/{path}/sign-in"), t.get("link-sign-in"));
    let forgot = (format!("/{path}/forgot-password"), t.get("link-ask-again"));
    let (key, status, links) = match (link, code) {
        (Link::Invitation, "invitation_used") => ("link-invitation-used", StatusCode::GONE, vec![sign_in]),
        (Link::Invitation, "invitation_revoked") => ("link-invitation-revoked", StatusCode::GONE, vec![]),
        (Link::Invitation, "invitation_expired") => ("link-invitation-expired", StatusCode::GONE, vec![]),
        (Link::Invitation, "conflict") => ("link-invitation-has-account", StatusCode::CONFLICT, vec![sign_in]),
        (Link::Invitation, _) => ("link-invitation-unknown", StatusCode::NOT_FOUND, vec![]),
        (Link::Reset, "reset_link_used") => ("link-reset-used", StatusCode::GONE, vec![forgot, sign_in]),
        (Link::Reset, "reset_link_replaced") => ("link-reset-replaced", StatusCode::GONE, vec![forgot]),
        (Link::Reset, "reset_link_expired") => ("link-reset-expired", StatusCode::GONE, vec![forgot]),
        (Link::Reset, _) => ("link-reset-unknown", StatusCode::NOT_FOUND, vec![forgot]),
        (Link::Confirmation, "confirmation_used") => (
            "link-confirmation-used",
            StatusCode::GONE,
            vec![(format!("/{path}/buyers/sign-in"), t.get("link-sign-in"))],
        ),
        (Link::Confirmation, "confirmation_expired") => ("link-confirmation-expired", StatusCode::GONE, vec![]),
        (Link::Confirmation, _) => ("link-confirmation-unknown", StatusCode::NOT_FOUND, vec![]),
    };
    let heading = t.get(&format!("{key}-title"));
    let page = PageMeta::private(state, lang, link.rest(), heading.clone());
    let template = MessagePage { heading, paragraphs: vec![t.get(&format!("{key}-text"))], links, page, t };
    let mut response = private_page(state, browser, status, &template, Referrer::None)?;
    // The token is of no more use: nothing keeps it.
    let mut gone = link.cookie(state, String::new(), time::Duration::ZERO);
    gone.make_removal();
    response.add_cookie(&gone).map_err(|error| CoreError::Internal(anyhow::anyhow!("removing a cookie: {error}")))?;
    Ok(response)
}
