//! Browser sessions and cross-site protection of the pages (README, "Signing in on the pages"): the
//! session cookie, the visitor cookie behind forms shown before sign-in, the check every form
//! post passes, and the headers of pages that are not public.

use crate::error::ApiError;
use crate::pages::kernel::lang::PageLang;
use crate::pages::kernel::layout::AccountBar;
use crate::state::AppState;
use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponseBuilder, web};
use pavilion_core::auth::FormTokens;
use pavilion_core::policy::Principal;
use pavilion_core::services::accounts;
use std::future::Future;
use std::pin::Pin;

/// The hidden field that carries a form's token.
pub const FORM_TOKEN_FIELD: &str = "csrf_token";

/// The cookies' names: with the `__Host-` prefix when the site is served over https, so that the
/// browser accepts them only from this host, for every path, and only over https.
struct CookieNames {
    session: &'static str,
    visitor: &'static str,
    secure: bool,
}

fn cookie_names(state: &AppState) -> CookieNames {
    if state.settings.public_url.starts_with("https://") {
        CookieNames { session: "__Host-pavilion-session", visitor: "__Host-pavilion-form", secure: true }
    } else {
        CookieNames { session: "pavilion-session", visitor: "pavilion-form", secure: false }
    }
}

fn cookie(name: &'static str, value: String, secure: bool, max_age: Option<time::Duration>) -> Cookie<'static> {
    let mut cookie = Cookie::build(name, value).path("/").http_only(true).same_site(SameSite::Lax).secure(secure);
    if let Some(max_age) = max_age {
        cookie = cookie.max_age(max_age);
    }
    cookie.finish()
}

/// Who is asking for a page: a signed-in browser or a visitor, and whether the request came
/// from a page of this site. Read once per request (the extractors that need it share it).
#[derive(Clone)]
pub struct Browser {
    pub signed_in: Option<Principal>,
    /// The visitor cookie the request carried.
    visitor: Option<String>,
    /// A visitor cookie made for this response, for the forms on its page.
    new_visitor: Option<String>,
    /// A session cookie that no longer opens a session: removed with the response.
    stale_session: bool,
    /// `Sec-Fetch-Site` or `Origin` say another site sent the request.
    cross_site: bool,
}

impl FromRequest for Browser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if let Some(known) = req.extensions().get::<Browser>() {
            let known = known.clone();
            return Box::pin(async move { Ok(known) });
        }
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let req = req.clone();
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?;
            let names = cookie_names(&state);
            let visitor = req.cookie(names.visitor).map(|c| c.value().to_owned()).filter(|v| !v.is_empty());
            let cross_site = is_cross_site(&req, &state);
            let (signed_in, stale_session) = match req.cookie(names.session).map(|c| c.value().to_owned()) {
                None => (None, false),
                Some(cookie) => {
                    match state
                        .run(move |conn, state| accounts::authenticate_browser(conn, &state.auth, state.now(), &cookie))
                        .await
                    {
                        Ok(principal) => (Some(principal), false),
                        Err(pavilion_core::CoreError::Unauthenticated) => (None, true),
                        Err(error) => return Err(error.into()),
                    }
                }
            };
            if let Some(principal) = &signed_in
                && principal.second_factor_missing
                && let Some(lang) = closed_before_second_factor(&req)
            {
                // Signed in only to the account page, where the second factor is added.
                return Err(ApiError::see_other(
                    format!("/{}/workspace/account?done=second-factor-required", lang.path()),
                    "second_factor_required",
                    "This account must add a second factor first.",
                ));
            }
            let new_visitor = visitor.is_none().then(FormTokens::visitor_cookie);
            let browser = Browser { signed_in, visitor, new_visitor, stale_session, cross_site };
            req.extensions_mut().insert(browser.clone());
            Ok(browser)
        })
    }
}

/// The language of a workspace page that an account which must add a second factor may not see
/// yet: any but its account page (where the factor is added). Public pages stay open.
fn closed_before_second_factor(req: &HttpRequest) -> Option<PageLang> {
    let route = req.match_pattern()?;
    let closed = route.starts_with("/{lang}/workspace") && !route.starts_with("/{lang}/workspace/account");
    closed.then(|| req.match_info().get("lang").and_then(PageLang::from_path)).flatten()
}

/// Whether the browser says another site made this request. `Sec-Fetch-Site` is sent by every
/// current browser; `Origin` covers older ones. A request with neither (not a browser, or a very
/// old one) still needs the form's token.
fn is_cross_site(req: &HttpRequest, state: &AppState) -> bool {
    if let Some(site) = req.headers().get("sec-fetch-site") {
        // `none` is a person's own act (a bookmark, the address bar), never a form post.
        return !matches!(site.to_str(), Ok("same-origin") | Ok("none"));
    }
    match req.headers().get(header::ORIGIN).map(|origin| origin.to_str()) {
        None => false,
        Some(Ok(origin)) => origin != site_origin(state),
        Some(Err(_)) => true,
    }
}

/// `scheme://host[:port]` of the public address, as browsers write `Origin`.
fn site_origin(state: &AppState) -> String {
    url::Url::parse(&state.settings.public_url)
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_else(|_| crate::pages::kernel::base_url(state).to_owned())
}

impl Browser {
    /// The token the forms of this page carry.
    pub fn form_token(&self, state: &AppState) -> String {
        let forms = &state.auth.forms;
        match (&self.signed_in, self.visitor.as_ref().or(self.new_visitor.as_ref())) {
            (Some(principal), _) => forms.for_session(&principal.session_id),
            (None, Some(visitor)) => forms.for_visitor(visitor),
            (None, None) => String::new(),
        }
    }

    /// Whether a posted form may change anything: sent from this site, with the token of this
    /// session or of this visitor's cookie.
    pub fn form_is_genuine(&self, state: &AppState, token: &str) -> bool {
        if self.cross_site || token.is_empty() {
            return false;
        }
        let forms = &state.auth.forms;
        match (&self.signed_in, &self.visitor) {
            // Once signed in, only the session's own token: a visitor pair is valid for anyone
            // who fetched a page, so one planted in this browser must not act for its person.
            (Some(principal), _) => forms.check_session(&principal.session_id, token),
            (None, Some(visitor)) => forms.check_visitor(visitor, token),
            (None, None) => false,
        }
    }

    /// Adds to a response the cookies this request calls for.
    pub(crate) fn keep_cookies(&self, state: &AppState, response: &mut HttpResponseBuilder) {
        let names = cookie_names(state);
        if let Some(visitor) = &self.new_visitor {
            response.cookie(cookie(names.visitor, visitor.clone(), names.secure, None));
        }
        if self.stale_session {
            response.cookie(removal(names.session, names.secure));
        }
    }
}

fn removal(name: &'static str, secure: bool) -> Cookie<'static> {
    let mut gone = cookie(name, String::new(), secure, Some(time::Duration::ZERO));
    gone.make_removal();
    gone
}

/// The browser is now signed in: its session cookie, for as long as the session lives.
pub fn set_session(state: &AppState, response: &mut HttpResponseBuilder, cookie_value: String) {
    let names = cookie_names(state);
    let max_age = time::Duration::seconds(state.settings.session_ttl_secs);
    response.cookie(cookie(names.session, cookie_value, names.secure, Some(max_age)));
    // A fresh visitor cookie: one planted before the sign-in (login CSRF) serves nothing after.
    response.cookie(cookie(names.visitor, FormTokens::visitor_cookie(), names.secure, None));
}

/// The browser is signed out: its session cookie goes.
pub fn clear_session(state: &AppState, response: &mut HttpResponseBuilder) {
    let names = cookie_names(state);
    response.cookie(removal(names.session, names.secure));
}

/// Where a sign-in may send the browser afterwards: a workspace page of this site, in any of
/// its languages (never another site, never a page that is not for signed-in people).
pub fn safe_next(raw: &str) -> Option<String> {
    let plain =
        raw.starts_with('/') && raw.chars().all(|c| c.is_ascii_graphic()) && !raw.contains("//") && !raw.contains('\\');
    if !plain {
        return None;
    }
    // Checked as the browser will read it: `.` and `..` segments (also written `%2e`) resolved,
    // so `/en/workspace/../../evil` is `/evil`, which is no workspace page.
    let base = url::Url::parse("http://site.invalid/").ok()?;
    let resolved = base.join(raw).ok().filter(|url| url.origin() == base.origin())?;
    let path = resolved.path();
    let next = match resolved.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    let workspace = PageLang::ALL.into_iter().any(|lang| {
        let prefix = format!("/{}/workspace", lang.path());
        path == prefix || path.starts_with(&format!("{prefix}/"))
    });
    workspace.then_some(next)
}

/// The header of a signed-in page for the person signed in.
pub fn account_bar(state: &AppState, browser: &Browser, lang: PageLang, name: &str) -> Option<AccountBar> {
    browser.signed_in.as_ref().map(|_| AccountBar {
        name: name.to_owned(),
        workspace: format!("/{}/workspace", lang.path()),
        sign_out: format!("/{}/sign-out", lang.path()),
        form_token: browser.form_token(state),
    })
}
