//! `GET /sitemap.xml`, `GET /sitemap-{part}.xml` and `GET /robots.txt`: every public page in
//! every language, for search engines. A market of more than 16,000 pages gets a sitemap index
//! and one file per 16,000 pages (48,000 addresses: the protocol's limit is 50,000).

use crate::error::ApiError;
use crate::pages::kernel::PageLang;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use pavilion_core::services::directory::{self, PublicPage};
use std::fmt::Write;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

fn base(state: &AppState) -> String {
    escape(crate::pages::kernel::base_url(state))
}

fn xml(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/xml; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(body)
}

/// The address of a page after its language: `/pavilions/{slug}/exhibitors/{id}`.
fn rest_of(page: &PublicPage) -> String {
    let mut rest = format!("/pavilions/{}", page.pavilion);
    if let Some(exhibitor) = &page.exhibitor {
        let _ = write!(rest, "/exhibitors/{exhibitor}");
    }
    if let Some(work) = &page.work {
        let _ = write!(rest, "/works/{work}");
    }
    rest
}

/// One `<url>` per language, each naming the others.
fn urls(out: &mut String, base: &str, rest: &str, lastmod: Option<&str>) {
    for lang in PageLang::ALL {
        let _ = write!(out, "<url><loc>{base}/{}{rest}</loc>", lang.path());
        if let Some(lastmod) = lastmod {
            let _ = write!(out, "<lastmod>{lastmod}</lastmod>");
        }
        for other in PageLang::ALL {
            let _ = write!(
                out,
                r#"<xhtml:link rel="alternate" hreflang="{}" href="{base}/{}{rest}"/>"#,
                other.html(),
                other.path()
            );
        }
        let _ = write!(out, r#"<xhtml:link rel="alternate" hreflang="x-default" href="{base}{rest}"/></url>"#);
        out.push('\n');
    }
}

async fn urlset(state: &AppState, part: i64) -> Result<String, ApiError> {
    let pages = state.run(move |conn, _| directory::sitemap_part(conn, part)).await?;
    let base = base(state);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    if part == 0 {
        urls(&mut out, &base, "/", None);
    }
    for page in &pages {
        urls(&mut out, &base, &rest_of(page), Some(&page.changed_at.format("%Y-%m-%d").to_string()));
    }
    out.push_str("</urlset>\n");
    Ok(out)
}

/// `GET /sitemap.xml`: the pages themselves, or an index of the files that hold them.
pub async fn index(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let parts = state.run(|conn, _| directory::sitemap_parts(conn)).await?;
    if parts == 1 {
        return Ok(xml(urlset(&state, 0).await?));
    }
    let base = base(&state);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for part in 0..parts {
        let _ = writeln!(out, "<sitemap><loc>{base}/sitemap-{part}.xml</loc></sitemap>");
    }
    out.push_str("</sitemapindex>\n");
    Ok(xml(out))
}

/// `GET /sitemap-{part}.xml`: one file of a large market's sitemap.
pub async fn part(state: web::Data<AppState>, part: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let parts = state.run(|conn, _| directory::sitemap_parts(conn)).await?;
    match part.into_inner().parse::<i64>() {
        Ok(part) if (0..parts).contains(&part) => Ok(xml(urlset(&state, part).await?)),
        _ => Err(ApiError::not_found("sitemap")),
    }
}

/// `GET /robots.txt`: everything public may be crawled; the sitemap says where it is.
pub async fn robots(state: web::Data<AppState>) -> HttpResponse {
    let base = crate::pages::kernel::base_url(&state);
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/plain; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(format!("User-agent: *\nDisallow: /language/\nDisallow: /api/v1/auth/\n\nSitemap: {base}/sitemap.xml\n"))
}
