//! The answers a page gives instead of itself, mapped once: [`PageError`] is what a handler
//! returns with `?` (sign in first, not found, not allowed, a refused form, unavailable), and
//! [`render`] turns it into the page in the address's language, with the request at hand. The
//! pages for an unknown address and for a fault on our side live here too.

use crate::error::ApiError;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::i18n::Text;
use crate::pages::kernel::lang::{PageLang, negotiate};
use crate::pages::kernel::layout::PageMeta;
use crate::pages::kernel::respond::{
    CONTENT_SECURITY_POLICY, MessagePage, Referrer, private_page, public_page, see_other,
};
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{FromRequest, HttpResponse, ResponseError};
use askama::Template;
use pavilion_core::domain::Locale;

#[derive(Template)]
#[template(path = "layouts/not_found.html")]
struct NotFoundPage {
    page: PageMeta,
    t: Text,
}

/// The page for an address that names nothing published.
pub fn not_found(state: &AppState, lang: PageLang, rest: &str) -> Result<HttpResponse, ApiError> {
    let t = lang.text();
    let page = PageMeta::new(state, lang, rest, t.get("not-found-title"), t.get("not-found-text"));
    public_page(StatusCode::NOT_FOUND, &NotFoundPage { page, t })
}

/// The not-found page for an address whose language segment names no language: in English, its
/// links to the home page.
pub fn not_found_anywhere(state: &AppState) -> Result<HttpResponse, ApiError> {
    not_found(state, PageLang(Locale::En), "/")
}

/// Whether a request is a person's browser asking for a page (not the JSON API, not a probe):
/// such requests get HTML errors.
pub fn is_page_request(req: &actix_web::HttpRequest) -> bool {
    is_page_address(req.path()) && matches!(*req.method(), actix_web::http::Method::GET | actix_web::http::Method::HEAD)
}

/// Whether an address is the pages' (not the JSON API's, not a probe's).
pub fn is_page_address(path: &str) -> bool {
    !(path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/readyz")
}

/// The language of an error page: the address's, else the visitor's.
pub(crate) fn error_lang(req: &actix_web::HttpRequest) -> PageLang {
    req.path().split('/').nth(1).and_then(PageLang::from_path).unwrap_or_else(|| negotiate(req))
}

/// An address no route has, asked for by a browser: the not-found page in its language.
pub fn unknown_address(req: &actix_web::HttpRequest) -> HttpResponse {
    let Some(state) = req.app_data::<actix_web::web::Data<AppState>>() else {
        return HttpResponse::NotFound().finish();
    };
    let lang = error_lang(req);
    not_found(state, lang, "/").unwrap_or_else(|error| error.error_response())
}

/// A page that failed on our side (500) or could not reach the database (503): the problem in
/// words instead of the API's JSON. The cause is already in the log with the request id.
pub fn server_error<B>(
    res: actix_web::dev::ServiceResponse<B>,
) -> actix_web::Result<actix_web::middleware::ErrorHandlerResponse<B>> {
    use actix_web::middleware::ErrorHandlerResponse;
    if !is_page_request(res.request()) {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let (req, response) = res.into_parts();
    let Some(state) = req.app_data::<actix_web::web::Data<AppState>>().cloned() else {
        return Ok(ErrorHandlerResponse::Response(
            actix_web::dev::ServiceResponse::new(req, response).map_into_left_body(),
        ));
    };
    let lang = error_lang(&req);
    let t = lang.text();
    let status = response.status();
    let (heading, text) = if status == StatusCode::SERVICE_UNAVAILABLE {
        (t.get("unavailable-title"), t.get("unavailable-text"))
    } else {
        (t.get("server-error-title"), t.get("server-error-text"))
    };
    let page = PageMeta::private(&state, lang, "/", heading.clone());
    let home = (format!("/{}/", lang.path()), t.get("not-found-home"));
    let template = MessagePage { heading, paragraphs: vec![text], links: vec![home], page, t };
    let mut html = match template.render() {
        Ok(body) => HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
            .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(body),
        Err(_) => {
            return Ok(ErrorHandlerResponse::Response(
                actix_web::dev::ServiceResponse::new(req, response).map_into_left_body(),
            ));
        }
    };
    if let Some(retry) = response.headers().get(header::RETRY_AFTER) {
        html.headers_mut().insert(header::RETRY_AFTER, retry.clone());
    }
    Ok(ErrorHandlerResponse::Response(actix_web::dev::ServiceResponse::new(req, html).map_into_right_body()))
}

/// The answer to a form that did not come from this site's page, or whose page is too old: 403,
/// nothing changed.
fn refused_form(state: &AppState, browser: &Browser, lang: PageLang, rest: &str) -> Result<HttpResponse, ApiError> {
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

/// Why a page answers with something other than itself. Handlers return it with `?`: from a
/// use case's [`CoreError`](pavilion_core::CoreError), from an extractor (no such language, not
/// signed in, a form from elsewhere), or by naming it. [`render`] makes the page.
#[derive(Debug)]
pub enum PageError {
    /// The address's language segment names no language: the not-found page in English.
    NoSuchLanguage,
    /// Nobody is signed in, or the session ended: to the sign-in page, and back here after.
    SignIn,
    /// Nothing here for this person (also another pavilion's object): the not-found page.
    NotFound,
    /// Signed in, but not allowed: the 403 page.
    Forbidden,
    /// A form that did not come from this site's own page, or whose page is too old: 403,
    /// nothing changed.
    FormRefused,
    /// A form larger than the body limit (`PAVILION_MAX_BODY_BYTES`): 413, nothing saved; the
    /// browser still holds what was typed.
    FormTooLarge { limit: usize },
    /// Too busy now (the database, the image decoder, the sign-in checks): 503 with
    /// `Retry-After`.
    Unavailable { retry_after_secs: i64 },
    /// An area's own refusal, in words of the catalogs: a page with this heading and text.
    Message { status: StatusCode, title: &'static str, text: &'static str },
    /// Anything else, answered as the JSON API would (a fault is logged with its cause there,
    /// and its page made by [`server_error`]).
    Api(ApiError),
}

impl PageError {
    /// For the pages of a workspace that another pavilion's or another role's person may not
    /// see at all: "not allowed" is said as "not found", as for another tenant's object.
    pub fn hiding_forbidden(self) -> Self {
        match self {
            Self::Forbidden => Self::NotFound,
            other => other,
        }
    }
}

impl From<pavilion_core::CoreError> for PageError {
    fn from(error: pavilion_core::CoreError) -> Self {
        use pavilion_core::CoreError;
        match error {
            CoreError::Unauthenticated => Self::SignIn,
            CoreError::NotFound(_) => Self::NotFound,
            CoreError::Forbidden => Self::Forbidden,
            CoreError::Busy { retry_after_secs } => Self::Unavailable { retry_after_secs },
            other => Self::Api(ApiError::from(other)),
        }
    }
}

impl From<ApiError> for PageError {
    /// The errors of the steps shared with the JSON routes (`crate::credentials`), read back
    /// by their codes.
    fn from(error: ApiError) -> Self {
        match error.code() {
            "unauthenticated" => Self::SignIn,
            "not_found" => Self::NotFound,
            "forbidden" => Self::Forbidden,
            "busy" => Self::Unavailable { retry_after_secs: error.retry_after_secs().unwrap_or(2) },
            _ => Self::Api(error),
        }
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Api(error) => write!(f, "{error}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NoSuchLanguage | Self::NotFound => StatusCode::NOT_FOUND,
            Self::SignIn => StatusCode::SEE_OTHER,
            Self::Forbidden | Self::FormRefused => StatusCode::FORBIDDEN,
            Self::FormTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Message { status, .. } => *status,
            Self::Api(error) => error.status_code(),
        }
    }

    /// Only the status (and for the JSON API's errors their whole answer): [`render`], which
    /// has the request, makes the page.
    fn error_response(&self) -> HttpResponse {
        match self {
            Self::Api(error) => error.error_response(),
            Self::Unavailable { retry_after_secs } => {
                let mut response = HttpResponse::ServiceUnavailable();
                response.insert_header((header::RETRY_AFTER, retry_after_secs.max(&1).to_string()));
                response.finish()
            }
            other => HttpResponse::build(other.status_code()).finish(),
        }
    }
}

/// Makes the page for a [`PageError`] a handler or an extractor returned: in the address's
/// language, for the person the request came from.
pub async fn render(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    let response = next.call(req).await?;
    let Some(error) = response.response().error().and_then(|error| error.as_error::<PageError>()) else {
        return Ok(response.map_into_boxed_body());
    };
    let page = page_for(error, response.request()).await;
    let (req, _) = response.into_parts();
    Ok(actix_web::dev::ServiceResponse::new(req, page).map_into_boxed_body())
}

async fn page_for(error: &PageError, req: &actix_web::HttpRequest) -> HttpResponse {
    let Some(state) = req.app_data::<actix_web::web::Data<AppState>>() else {
        return error.error_response();
    };
    let lang = req.match_info().get("lang").and_then(PageLang::from_path);
    let made = match (error, lang) {
        (PageError::Api(api), _) => return api.error_response(),
        (PageError::Unavailable { .. }, _) => return error.error_response(),
        (PageError::NoSuchLanguage, _) | (_, None) => not_found_anywhere(state),
        (PageError::SignIn, Some(lang)) => Ok(sign_in_page(req, lang)),
        (PageError::NotFound, Some(lang)) => not_found(state, lang, rest_of(req, lang)),
        (PageError::Forbidden, Some(lang)) => forbidden(state, req, lang).await,
        (PageError::Message { status, title, text }, Some(lang)) => {
            message(state, req, lang, *status, title, text).await
        }
        (PageError::FormTooLarge { limit }, Some(lang)) => form_too_large(state, req, lang, *limit).await,
        (PageError::FormRefused, Some(lang)) => match Browser::extract(req).await {
            Ok(browser) => refused_form(state, &browser, lang, &back_of(req, lang)),
            Err(error) => Err(error),
        },
    };
    made.unwrap_or_else(|error| error.error_response())
}

/// The address after the language segment: `/directory` of `/en/directory`.
fn rest_of(req: &actix_web::HttpRequest, lang: PageLang) -> &str {
    req.path().strip_prefix(&format!("/{}", lang.path())).filter(|rest| rest.starts_with('/')).unwrap_or("/")
}

/// Where a refused form's page sends the person to start again: the page the form was on
/// (`Referer`, when it is this site's), else the form's own address.
fn back_of(req: &actix_web::HttpRequest, lang: PageLang) -> String {
    let state = req.app_data::<actix_web::web::Data<AppState>>();
    let base = state.map(|state| crate::pages::kernel::layout::base_url(state).to_owned()).unwrap_or_default();
    let prefix = format!("{base}/{}/", lang.path());
    req.headers()
        .get(header::REFERER)
        .and_then(|referer| referer.to_str().ok())
        .and_then(|referer| referer.strip_prefix(&prefix[..prefix.len() - 1]))
        .filter(|rest| rest.starts_with('/') && !rest.starts_with("//"))
        .map_or_else(|| rest_of(req, lang).to_owned(), |rest| rest.split('#').next().unwrap_or(rest).to_owned())
}

/// The sign-in page for this address: a pavilion's own for its workspace's pages (the links in
/// its emails), else the one that lists every pavilion's; coming back here once signed in when
/// the request was a page's (not a form's).
fn sign_in_page(req: &actix_web::HttpRequest, lang: PageLang) -> HttpResponse {
    let pavilion = rest_of(req, lang)
        .strip_prefix("/workspace/pavilions/")
        .and_then(|rest| rest.split('/').next())
        .filter(|slug| !slug.is_empty());
    let sign_in = match pavilion {
        Some(slug) => format!("/{}/pavilions/{slug}/sign-in", lang.path()),
        None => format!("/{}/sign-in", lang.path()),
    };
    let here = match req.query_string() {
        "" => req.path().to_owned(),
        query => format!("{}?{query}", req.path()),
    };
    let back = (req.method() == actix_web::http::Method::GET).then(|| browser::safe_next(&here)).flatten();
    let location = match back {
        Some(next) => {
            format!("{sign_in}?next={}", url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>())
        }
        None => sign_in,
    };
    see_other(&location).finish()
}

/// 403: signed in, but this is not for this account.
async fn forbidden(state: &AppState, req: &actix_web::HttpRequest, lang: PageLang) -> Result<HttpResponse, ApiError> {
    message(state, req, lang, StatusCode::FORBIDDEN, "forbidden-title", "forbidden-text").await
}

/// A page that says why, with the way back to the workspace.
async fn message(
    state: &AppState,
    req: &actix_web::HttpRequest,
    lang: PageLang,
    status: StatusCode,
    title: &str,
    text: &str,
) -> Result<HttpResponse, ApiError> {
    let browser = Browser::extract(req).await?;
    let t = lang.text();
    let page = PageMeta::private(state, lang, rest_of(req, lang), t.get(title));
    let template = MessagePage {
        heading: t.get(title),
        paragraphs: vec![t.get(text)],
        links: vec![(format!("/{}/workspace", lang.path()), t.get("accounts-back"))],
        page,
        t,
    };
    private_page(state, &browser, status, &template, Referrer::SameOrigin)
}

/// 413: the form was larger than this site takes at once.
async fn form_too_large(
    state: &AppState,
    req: &actix_web::HttpRequest,
    lang: PageLang,
    limit: usize,
) -> Result<HttpResponse, ApiError> {
    let browser = Browser::extract(req).await?;
    let t = lang.text();
    let size =
        if limit >= 1024 * 1024 { format!("{} MB", limit / (1024 * 1024)) } else { format!("{} KB", limit / 1024) };
    let page = PageMeta::private(state, lang, rest_of(req, lang), t.get("form-too-large-title"));
    let template = MessagePage {
        heading: t.get("form-too-large-title"),
        paragraphs: vec![t.with("form-too-large-text", &[("size", &size)])],
        links: vec![(format!("/{}{}", lang.path(), back_of(req, lang)), t.get("form-too-large-back"))],
        page,
        t,
    };
    private_page(state, &browser, StatusCode::PAYLOAD_TOO_LARGE, &template, Referrer::SameOrigin)
}

/// A handler takes the page's language as an argument: the route's `{lang}` segment.
impl FromRequest for PageLang {
    type Error = PageError;
    type Future = std::future::Ready<Result<Self, PageError>>;

    fn from_request(req: &actix_web::HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(req.match_info().get("lang").and_then(PageLang::from_path).ok_or(PageError::NoSuchLanguage))
    }
}
