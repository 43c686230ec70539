//! Server-rendered pages in English, Simplified and Traditional Chinese. A page calls the same
//! `core` use cases as the JSON routes (never the JSON API), and joins the route table like any
//! route. Public pages read as the public does: only published copies of active pavilions.

pub mod account;
pub mod account_authenticator;
pub mod account_passkeys;
pub mod account_password;
pub mod account_session;
pub mod accounts;
pub mod announcements;
pub mod assets;
pub mod audit_log;
pub mod browser;
pub mod charts;
pub mod companies;
pub mod company;
pub mod company_home;
pub mod company_logo;
pub mod company_preview;
pub mod company_profile;
pub mod company_work;
pub mod company_works;
pub mod company_workspace;
pub mod deliveries;
pub mod directory;
pub mod editor;
pub mod exports;
pub mod forgot_password;
pub mod forms;
pub mod home;
pub mod i18n;
pub mod import;
pub mod invitation;
pub mod invitations;
pub mod language;
pub mod links;
pub mod market;
pub mod passkey_sign_in;
pub mod pavilion;
pub mod pavilion_home;
pub mod pavilion_settings;
pub mod pavilions;
pub mod reset;
pub mod second_factor;
pub mod sign_in;
pub mod sign_out;
pub mod sitemap;
pub mod upload_form;
pub mod work;
pub mod workspace;

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;
use i18n::Text;
use pavilion_core::domain::{Locale, LocalizedText};

/// The language of a page, as its address names it: `/en/…`, `/zh-hans/…`, `/zh-hant/…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLang(pub Locale);

impl PageLang {
    pub const ALL: [PageLang; 3] = [PageLang(Locale::En), PageLang(Locale::ZhHans), PageLang(Locale::ZhHant)];

    /// The language an address segment names.
    pub fn from_path(segment: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|lang| lang.path() == segment)
    }

    /// The segment in addresses.
    pub fn path(&self) -> &'static str {
        match self.0 {
            Locale::En => "en",
            Locale::ZhHans => "zh-hans",
            Locale::ZhHant => "zh-hant",
        }
    }

    /// The BCP 47 tag of `<html lang>` and `hreflang`.
    pub fn html(&self) -> &'static str {
        self.0.as_str()
    }

    pub fn og_locale(&self) -> &'static str {
        match self.0 {
            Locale::En => "en_GB",
            Locale::ZhHans => "zh_CN",
            Locale::ZhHant => "zh_TW",
        }
    }

    pub fn text(&self) -> Text {
        Text(self.0)
    }
}

/// A text in the page's language, or in the nearest filled one, then marked with its own
/// language (`lang` is `Some`) so that screen readers and fonts treat it right.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    pub text: String,
    pub lang: Option<&'static str>,
}

impl Shown {
    pub fn of(text: &LocalizedText, lang: PageLang) -> Self {
        text.pick(lang.0)
            .map(|(locale, text)| Shown { text: text.to_owned(), lang: (locale != lang.0).then_some(locale.as_str()) })
            .unwrap_or_default()
    }

    /// `None` for a text filled in no language.
    pub fn optional(text: &LocalizedText, lang: PageLang) -> Option<Self> {
        (!text.is_empty()).then(|| Self::of(text, lang))
    }
}

/// A link to the same page in another language.
pub struct Alternate {
    pub hreflang: &'static str,
    pub href: String,
}

/// An entry of the language switcher.
pub struct Switch {
    pub hreflang: &'static str,
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// What every page's `<head>` and header need.
pub struct PageMeta {
    pub lang: PageLang,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub alternates: Vec<Alternate>,
    pub switcher: Vec<Switch>,
    pub og_type: &'static str,
    pub image: Option<String>,
    pub json_ld: Option<String>,
    pub stylesheet: &'static str,
    pub script: &'static str,
    /// The address after the language segment, `/directory`.
    canonical_rest: String,
    /// Pages for one person are kept out of search engines.
    pub noindex: bool,
    /// Who is signed in, on the pages that know it (never on public, cacheable pages).
    pub account: Option<AccountBar>,
}

/// The header of a signed-in page: who is signed in, their workspace, and signing out.
pub struct AccountBar {
    pub name: String,
    pub workspace: String,
    pub sign_out: String,
    pub form_token: String,
}

impl PageMeta {
    /// The page at `/{lang}{rest}` (`rest` starts with `/`): canonical and alternate addresses,
    /// the switcher that keeps the page.
    pub fn new(state: &AppState, lang: PageLang, rest: &str, title: String, description: String) -> Self {
        let base = base_url(state);
        let mut alternates: Vec<Alternate> = PageLang::ALL
            .into_iter()
            .map(|other| Alternate { hreflang: other.html(), href: format!("{base}/{}{rest}", other.path()) })
            .collect();
        alternates.push(Alternate { hreflang: "x-default", href: format!("{base}{rest}") });
        let switcher = PageLang::ALL
            .into_iter()
            .map(|other| Switch {
                hreflang: other.html(),
                href: language::switch_href(other, rest),
                label: lang.text().get(&format!("lang-{}", other.path())),
                current: other == lang,
            })
            .collect();
        Self {
            lang,
            title,
            description,
            canonical: format!("{base}/{}{rest}", lang.path()),
            alternates,
            switcher,
            og_type: "website",
            image: None,
            json_ld: None,
            stylesheet: assets::stylesheet_path(),
            script: assets::script_path(),
            canonical_rest: rest.to_owned(),
            noindex: false,
            account: None,
        }
    }

    /// A page for one person (a form, a workspace): no description, kept out of search engines.
    pub fn private(state: &AppState, lang: PageLang, rest: &str, title: String) -> Self {
        Self { noindex: true, ..Self::new(state, lang, rest, title, String::new()) }
    }

    /// Makes the language switcher keep a query string (a search), which the canonical address
    /// leaves out.
    pub fn keep_query(&mut self, query: Option<&str>) {
        let Some(query) = query.filter(|query| !query.is_empty()) else { return };
        let rest = self.canonical_rest.clone();
        for switch in &mut self.switcher {
            if let Some(lang) = PageLang::ALL.into_iter().find(|lang| lang.html() == switch.hreflang) {
                switch.href = language::switch_href(lang, &format!("{rest}?{query}"));
            }
        }
    }

    /// An absolute address for a path of this site (for Open Graph and JSON-LD).
    pub fn absolute(state: &AppState, path: &str) -> String {
        format!("{}{path}", base_url(state))
    }
}

/// The site's public address, without a trailing slash.
pub fn base_url(state: &AppState) -> &str {
    state.settings.public_url.trim_end_matches('/')
}

/// The policy every HTML page is sent with: nothing inline, nothing from elsewhere.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// A rendered public page: cacheable for a minute by anyone.
pub fn public_page(status: StatusCode, template: &impl Template) -> Result<HttpResponse, ApiError> {
    let body = template.render().map_err(|error| ApiError::internal(anyhow::anyhow!("page template: {error}")))?;
    Ok(HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .insert_header((header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .insert_header((header::CACHE_CONTROL, if status.is_success() { "public, max-age=60" } else { "no-store" }))
        .body(body))
}

#[derive(Template)]
#[template(path = "not_found.html")]
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
    req.path().split('/').nth(1).and_then(PageLang::from_path).unwrap_or_else(|| language::negotiate(req))
}

/// An address no route has, asked for by a browser: the not-found page in its language.
pub fn unknown_address(req: &actix_web::HttpRequest) -> HttpResponse {
    let Some(state) = req.app_data::<actix_web::web::Data<AppState>>() else {
        return HttpResponse::NotFound().finish();
    };
    let lang = error_lang(req);
    not_found(state, lang, "/").unwrap_or_else(|error| error.error_response())
}

#[derive(Template)]
#[template(path = "message.html")]
struct ErrorPage {
    page: PageMeta,
    t: Text,
    heading: String,
    paragraphs: Vec<String>,
    links: Vec<(String, String)>,
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
    let template = ErrorPage { heading, paragraphs: vec![text], links: vec![home], page, t };
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

/// The page's language from its address, or the not-found page in English.
pub fn lang_or_not_found(state: &AppState, segment: &str) -> Result<PageLang, Box<HttpResponse>> {
    PageLang::from_path(segment).ok_or_else(|| {
        // The address has no language to keep: the not-found page's own links go to the home page.
        Box::new(not_found(state, PageLang(Locale::En), "/").unwrap_or_else(|_| HttpResponse::NotFound().finish()))
    })
}

/// A use case's answer for a page: "not found" becomes the not-found page, anything else an
/// error as the API reports it.
pub fn or_not_found<T>(
    state: &AppState,
    lang: PageLang,
    rest: &str,
    result: Result<T, ApiError>,
) -> Result<Result<T, Box<HttpResponse>>, ApiError> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(error) if error.status_code() == StatusCode::NOT_FOUND => Ok(Err(Box::new(not_found(state, lang, rest)?))),
        Err(error) => Err(error),
    }
}

/// The colour of a pavilion that has not chosen one: the site's accent.
pub const DEFAULT_COLOUR: &str = "#8a1c2b";

/// A swatch of a pavilion's colour that stretches to any box, as an image (inline styles are not allowed by
/// the content security policy).
pub fn swatch(colour: &str) -> String {
    let fill = colour.replace('#', "%23");
    format!(
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1' preserveAspectRatio='none'%3E%3Crect width='1' height='1' fill='{fill}'/%3E%3C/svg%3E"
    )
}

/// JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the
/// script element.
pub fn json_ld(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c")
}
