//! Which language a visitor gets. An address without one (`/`, `/pavilions/hangzhou`, the company
//! link in a review email) answers 303 to the visitor's language: the `lang` cookie the switcher
//! sets, else `Accept-Language`, else English. The switcher sets the cookie and goes to the same
//! page in the chosen language.

use crate::pages::kernel::PageLang;
use crate::pages::kernel::lang::{COOKIE, negotiate};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

/// 303 to `/{visitor's language}{path}`, keeping the query.
pub fn redirect(req: &HttpRequest, path: &str) -> HttpResponse {
    let lang = negotiate(req);
    let query = req.query_string();
    let location =
        if query.is_empty() { format!("/{}{path}", lang.path()) } else { format!("/{}{path}?{query}", lang.path()) };
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::VARY, "Cookie, Accept-Language"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// `GET /`
pub async fn root(req: HttpRequest) -> HttpResponse {
    redirect(&req, "/")
}

/// `GET /pavilions/{slug}` and below: the addresses emails and old links use.
pub async fn unprefixed(req: HttpRequest) -> HttpResponse {
    let path = req.path().to_owned();
    redirect(&req, &path)
}

#[derive(Deserialize)]
pub struct SwitchQuery {
    next: Option<String>,
}

/// `GET /language/{lang}?next=/zh-hant/…`: remembers the choice for a year and goes to `next`
/// when it is a page of this site in that language (never elsewhere: no open redirect).
pub async fn switch(lang: web::Path<String>, query: web::Query<SwitchQuery>) -> HttpResponse {
    let Some(lang) = PageLang::from_path(&lang.into_inner()) else {
        return HttpResponse::NotFound().finish();
    };
    let home = format!("/{}/", lang.path());
    let next = query
        .into_inner()
        .next
        .filter(|next| next.starts_with(&home) && !next.contains("//") && !next.contains('\\'))
        .unwrap_or(home);
    let cookie = Cookie::build(COOKIE, lang.path())
        .path("/")
        .max_age(actix_web::cookie::time::Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .finish();
    HttpResponse::SeeOther()
        .cookie(cookie)
        .insert_header((header::LOCATION, next))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn negotiated(accept: &str) -> &'static str {
        negotiate(&TestRequest::default().insert_header((header::ACCEPT_LANGUAGE, accept)).to_http_request()).path()
    }

    #[test]
    fn chinese_variants_and_qualities_choose_the_script() {
        assert_eq!(negotiated("zh-HK,zh;q=0.9,en;q=0.8"), "zh-hant");
        assert_eq!(negotiated("zh-TW"), "zh-hant");
        assert_eq!(negotiated("zh-Hant-HK"), "zh-hant");
        assert_eq!(negotiated("zh-CN,zh;q=0.9"), "zh-hans");
        assert_eq!(negotiated("zh-SG"), "zh-hans");
        assert_eq!(negotiated("zh"), "zh-hans");
        assert_eq!(negotiated("fr-FR,en;q=0.5,zh;q=0.7"), "zh-hans");
        assert_eq!(negotiated("fr, de"), "en");
        assert_eq!(negotiated(""), "en");
        assert_eq!(negotiated("zh;q=0, en"), "en");
    }

    #[test]
    fn the_cookie_wins() {
        let req = TestRequest::default()
            .cookie(Cookie::new(COOKIE, "zh-hant"))
            .insert_header((header::ACCEPT_LANGUAGE, "en"))
            .to_http_request();
        assert_eq!(negotiate(&req).path(), "zh-hant");
    }
}
