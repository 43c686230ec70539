//! Browser sessions and cross-site protection of the pages (DESIGN.md, "Browser sessions"): the
//! session cookie, the visitor cookie behind forms shown before sign-in, the check every form
//! post passes, and the headers of pages that are not public.

use super::{CONTENT_SECURITY_POLICY, PageLang, PageMeta, i18n::Text};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::dev::Payload;
use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpRequest, HttpResponse, HttpResponseBuilder, web};
use askama::Template;
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
/// from a page of this site.
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
                        Err(error) if error.code() == "unauthenticated" => (None, true),
                        Err(error) => return Err(error),
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
            Ok(Browser { signed_in, visitor, new_visitor, stale_session, cross_site })
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
        .unwrap_or_else(|_| super::base_url(state).to_owned())
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
    fn keep_cookies(&self, state: &AppState, response: &mut HttpResponseBuilder) {
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

/// What a page's address holds: `Referrer` says whether it must not leak to other sites
/// (a link's token).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Referrer {
    SameOrigin,
    None,
}

/// A page for one person (a form, a signed-in page): never stored by any cache, never indexed.
pub fn private_page(
    state: &AppState,
    browser: &Browser,
    status: StatusCode,
    template: &impl Template,
    referrer: Referrer,
) -> Result<HttpResponse, ApiError> {
    let body = template.render().map_err(|error| ApiError::internal(anyhow::anyhow!("page template: {error}")))?;
    let mut response = private_response(status, referrer);
    browser.keep_cookies(state, &mut response);
    Ok(response.body(body))
}

fn private_response(status: StatusCode, referrer: Referrer) -> HttpResponseBuilder {
    let mut response = HttpResponse::build(status);
    response
        .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .insert_header((
            header::REFERRER_POLICY,
            match referrer {
                Referrer::SameOrigin => "same-origin",
                Referrer::None => "no-referrer",
            },
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header(("x-robots-tag", "noindex"));
    response
}

/// `303 See Other` to a page of this site, after a form did its work.
pub fn see_other(location: &str) -> HttpResponseBuilder {
    let mut response = HttpResponse::SeeOther();
    response.insert_header((header::LOCATION, location.to_owned())).insert_header((header::CACHE_CONTROL, "no-store"));
    response
}

/// The browser is now signed in: its session cookie, for as long as the session lives.
pub fn set_session(state: &AppState, response: &mut HttpResponseBuilder, cookie_value: String) {
    let names = cookie_names(state);
    let max_age = time::Duration::seconds(state.settings.session_ttl_secs);
    response.cookie(cookie(names.session, cookie_value, names.secure, Some(max_age)));
    // A fresh visitor cookie: one planted before the sign-in (login CSRF) serves nothing after.
    response.cookie(cookie(names.visitor, FormTokens::visitor_cookie(), names.secure, None));
}

/// A sign-in finished: the browser holds its new session and goes where it was headed (`next`),
/// else to the workspace.
pub fn signed_in(state: &AppState, lang: PageLang, next: Option<String>, cookie_value: String) -> HttpResponse {
    let to = next.unwrap_or_else(|| format!("/{}/workspace", lang.path()));
    let mut response = see_other(&to);
    set_session(state, &mut response, cookie_value);
    response.finish()
}

/// Says when to try again (a refused attempt's page, 429).
pub fn retry_after(mut response: HttpResponse, seconds: i64) -> HttpResponse {
    if let Ok(value) = header::HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// The browser is signed out: its session cookie goes.
pub fn clear_session(state: &AppState, response: &mut HttpResponseBuilder) {
    let names = cookie_names(state);
    response.cookie(removal(names.session, names.secure));
}

/// A page that says one thing and where to go next: a refused form, a used link.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub page: PageMeta,
    pub t: Text,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub links: Vec<(String, String)>,
}

/// The answer to a form that did not come from this site's page, or whose page is too old: 403,
/// nothing changed.
pub fn refused_form(state: &AppState, browser: &Browser, lang: PageLang, rest: &str) -> Result<HttpResponse, ApiError> {
    let t = lang.text();
    let page = PageMeta::private(state, lang, rest, t.get("form-refused-title"));
    let template = MessagePage {
        heading: t.get("form-refused-title"),
        paragraphs: vec![t.get("form-refused-text")],
        links: vec![(format!("/{}{rest}", lang.path()), t.get("form-refused-again"))],
        page,
        t,
    };
    private_page(state, browser, StatusCode::FORBIDDEN, &template, Referrer::SameOrigin)
}

/// A signed-in page asked for without a session: to the sign-in page.
pub fn sign_in_first(lang: PageLang) -> HttpResponse {
    see_other(&format!("/{}/sign-in", lang.path())).finish()
}

/// A page for signed-in people, asked for without a session, when its pavilion is known (the
/// link in an email): that pavilion's sign-in page, which comes back to `next` once signed in.
pub fn sign_in_then(lang: PageLang, pavilion: &str, next: &str) -> HttpResponse {
    let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
    see_other(&format!("/{}/pavilions/{pavilion}/sign-in?next={next}", lang.path())).finish()
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

/// Whether a use case refused because the session ended meanwhile: the page then asks to sign
/// in again rather than showing an error.
pub fn is_signed_out(error: &ApiError) -> bool {
    error.code() == "unauthenticated"
}

/// What a private page read, or the answer that stands in for the page: "sign in first" when
/// the session ended, the not-found page for another pavilion's page or one the caller may not
/// manage (as if it did not exist), else the error.
pub fn read_or_answer<T>(
    state: &AppState,
    lang: PageLang,
    rest: &str,
    read: Result<T, ApiError>,
) -> Result<T, Box<Result<HttpResponse, ApiError>>> {
    match read {
        Ok(read) => Ok(read),
        Err(error) if is_signed_out(&error) => Err(Box::new(Ok(sign_in_first(lang)))),
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) || error.status_code_is(StatusCode::FORBIDDEN) => {
            Err(Box::new(super::not_found(state, lang, rest)))
        }
        Err(error) => Err(Box::new(Err(error))),
    }
}

/// The header of a signed-in page for the person signed in.
pub fn account_bar(state: &AppState, browser: &Browser, lang: PageLang, name: &str) -> Option<super::AccountBar> {
    browser.signed_in.as_ref().map(|_| super::AccountBar {
        name: name.to_owned(),
        workspace: format!("/{}/workspace", lang.path()),
        sign_out: format!("/{}/sign-out", lang.path()),
        form_token: browser.form_token(state),
    })
}
