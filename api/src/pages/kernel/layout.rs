//! What the layouts show around every page: texts in the page's language (marked where another
//! stands in), the `<head>` (canonical and alternate addresses, the switcher, Open Graph), the
//! account bar of signed-in pages, rows of tabs, and a pavilion's colour.

use crate::pages::kernel::assets;
use crate::pages::kernel::href::{CompanyTab, Href, PavilionTab};
use crate::pages::kernel::i18n::Text;
use crate::pages::kernel::lang::{PageLang, switch_href};
use crate::state::AppState;
use pavilion_core::domain::LocalizedText;

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
                href: switch_href(other, rest),
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
                switch.href = switch_href(lang, &format!("{rest}?{query}"));
            }
        }
    }

    /// An absolute address for a path of this site (for Open Graph and JSON-LD).
    pub fn absolute(state: &AppState, path: &str) -> String {
        format!("{}{path}", base_url(state))
    }
}

/// A tab of a row of tabs (a pavilion's pages, a company's pages).
pub struct Tab {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// The tabs between one pavilion's pages, `current` being the one shown.
pub fn pavilion_tabs(t: &Text, lang: PageLang, slug: &str, current: PavilionTab) -> Vec<Tab> {
    PavilionTab::ALL
        .into_iter()
        .map(|tab| Tab {
            href: Href::pavilion(lang, slug, tab),
            label: t.get(tab.label_key()),
            current: tab == current,
        })
        .collect()
}

/// The tabs between one company's pages, `current` being the one shown.
pub fn company_tabs(t: &Text, lang: PageLang, slug: &str, id: &str, current: CompanyTab) -> Vec<Tab> {
    CompanyTab::ALL
        .into_iter()
        .map(|tab| Tab {
            href: Href::company(lang, slug, id, tab),
            label: t.get(tab.label_key()),
            current: tab == current,
        })
        .collect()
}

/// The site's public address, without a trailing slash.
pub fn base_url(state: &AppState) -> &str {
    state.settings.public_url.trim_end_matches('/')
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
