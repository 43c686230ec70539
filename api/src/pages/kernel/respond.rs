//! How a page is sent: public pages cacheable by anyone for a minute, pages for one person never
//! stored and never indexed, and `303 See Other` after a form did its work. Every HTML page
//! carries the same content security policy.

use crate::error::ApiError;
use crate::pages::kernel::browser::Browser;
use crate::pages::kernel::i18n::Text;
use crate::pages::kernel::layout::PageMeta;
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, HttpResponseBuilder};
use askama::Template;

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

/// What a form's `303 See Other` said it did (`?done=saved`), read by the page it leads to,
/// which says so in words.
#[derive(serde::Deserialize)]
pub struct Done {
    pub done: Option<String>,
}

/// `303 See Other` to a page of this site, after a form did its work.
pub fn see_other(location: &str) -> HttpResponseBuilder {
    let mut response = HttpResponse::SeeOther();
    response.insert_header((header::LOCATION, location.to_owned())).insert_header((header::CACHE_CONTROL, "no-store"));
    response
}

/// Says when to try again (a refused attempt's page, 429).
pub fn retry_after(mut response: HttpResponse, seconds: i64) -> HttpResponse {
    if let Ok(value) = header::HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// A page that says one thing and where to go next: a refused form, a used link.
#[derive(Template)]
#[template(path = "layouts/message.html")]
pub struct MessagePage {
    pub page: PageMeta,
    pub t: Text,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub links: Vec<(String, String)>,
}
