//! The language of a page: the segment of its address (`/en/…`, `/zh-hans/…`, `/zh-hant/…`),
//! taken by a handler as an argument (its extractor is beside [`PageError`](super::PageError):
//! a segment that names no language is the not-found page in English); and the visitor's
//! language, for an address that names none.

use crate::pages::kernel::i18n::Text;
use actix_web::HttpRequest;
use actix_web::http::header;
use pavilion_core::domain::Locale;

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

/// The cookie the language switcher sets.
pub const COOKIE: &str = "lang";

/// A language tag of `Accept-Language`, as Pavilion's languages: Hong Kong, Taiwan, Macau and
/// any traditional script read Traditional Chinese; other Chinese reads Simplified.
fn from_tag(tag: &str) -> Option<PageLang> {
    let tag = tag.trim().to_ascii_lowercase();
    let mut parts = tag.split(['-', '_']);
    match parts.next()? {
        "en" => Some(PageLang(Locale::En)),
        "zh" => {
            let rest: Vec<&str> = parts.collect();
            let traditional = rest.iter().any(|part| matches!(*part, "hant" | "hk" | "tw" | "mo"));
            Some(PageLang(if traditional { Locale::ZhHant } else { Locale::ZhHans }))
        }
        _ => None,
    }
}

/// The visitor's language: the cookie, then the first of their languages Pavilion has (by
/// quality), then English.
pub fn negotiate(req: &HttpRequest) -> PageLang {
    if let Some(lang) = req.cookie(COOKIE).and_then(|cookie| PageLang::from_path(cookie.value())) {
        return lang;
    }
    let accepted = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()).unwrap_or("");
    let mut ranked: Vec<(f32, usize, PageLang)> = accepted
        .split(',')
        .enumerate()
        .filter_map(|(position, item)| {
            let mut parts = item.split(';');
            let lang = from_tag(parts.next()?)?;
            let quality = parts
                .find_map(|param| param.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (quality > 0.0).then_some((quality, position, lang))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.first().map_or(PageLang(Locale::En), |(_, _, lang)| *lang)
}

/// The switcher's link to the page at `rest` in `lang`.
pub fn switch_href(lang: PageLang, rest: &str) -> String {
    let next = format!("/{}{rest}", lang.path());
    format!("/language/{}?next={}", lang.path(), url_encode(&next))
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
