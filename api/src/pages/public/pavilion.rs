//! `GET /{lang}/pavilions/{slug}`: a pavilion's identity and its published companies.

use crate::pages::kernel::PageError;
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text, public_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::domain::{ExhibitorFilter, Vocabulary};
use pavilion_core::services::exhibitors::{self, CompanyView};
use pavilion_core::services::pavilions;
use serde::Deserialize;

/// Companies per page of a pavilion (a pavilion hosts 20 to 30).
const PAGE_SIZE: i64 = 60;

pub struct PavilionView {
    pub name: Shown,
    pub region: Shown,
    pub description: Option<Shown>,
    pub host: Option<Shown>,
    pub location: Option<String>,
    pub contact: Option<String>,
    pub logo: Option<String>,
    /// The pavilion's colour, as a band across the top of its page.
    pub band: String,
}

pub struct CompanyCard {
    pub name: Shown,
    pub href: String,
    pub logo: Option<String>,
    pub kind: Option<String>,
    pub booth: Option<String>,
}

#[derive(Template)]
#[template(path = "public/pavilion.html")]
struct PavilionPage {
    page: PageMeta,
    t: Text,
    pavilion: PavilionView,
    companies: Vec<CompanyCard>,
    next_page: Option<String>,
    slug: String,
}

#[derive(Deserialize)]
pub struct PavilionPath {
    slug: String,
}

#[derive(Deserialize)]
pub struct PageQuery {
    cursor: Option<String>,
}

pub async fn handle(
    state: web::Data<AppState>,
    lang: PageLang,
    path: web::Path<PavilionPath>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, PageError> {
    let PavilionPath { slug } = path.into_inner();
    let rest = format!("/pavilions/{slug}");
    let cursor = query.into_inner().cursor;
    let loaded = state
        .run(move |conn, state| {
            // The public's view: whoever is signed in, a public page shows what is published.
            let pavilion = pavilions::get(conn, None, &slug)?;
            let filter = ExhibitorFilter::default();
            let companies = exhibitors::list(conn, None, state.now(), &slug, &filter, cursor.as_deref(), PAGE_SIZE)?;
            Ok((pavilion, companies))
        })
        .await;
    let (pavilion, companies) = loaded?;
    let t = lang.text();
    let slug = pavilion.slug.to_string();
    let cards = companies
        .items
        .into_iter()
        .filter_map(|view| match view {
            CompanyView::Published(company) => Some(company),
            CompanyView::Draft(_) => None,
        })
        .map(|company| CompanyCard {
            name: Shown::of(&company.profile.name, lang),
            href: format!("/{}/pavilions/{slug}/exhibitors/{}", lang.path(), company.id),
            logo: company
                .profile
                .logo
                .as_ref()
                .map(|_| format!("/api/v1/pavilions/{slug}/exhibitors/{}/logo", company.id)),
            kind: company.profile.company_type.map(|kind| t.get(&format!("company-type-{}", kind.as_str()))),
            booth: company.profile.booth.clone(),
        })
        .collect();
    let next_page = companies.next_cursor.map(|cursor| format!("/{}{rest}?cursor={cursor}", lang.path()));
    let view = PavilionView {
        name: Shown::of(&pavilion.name, lang),
        region: Shown::of(&pavilion.region, lang),
        description: Shown::optional(&pavilion.description, lang),
        host: Shown::optional(&pavilion.host_association, lang),
        location: pavilion.location.clone(),
        contact: pavilion.contact_email.as_ref().map(ToString::to_string),
        // A pavilion's logo is an address elsewhere, which the pages' security policy does not load.
        logo: None,
        band: crate::pages::kernel::swatch(
            pavilion.brand_color.as_ref().map_or(crate::pages::kernel::DEFAULT_COLOUR, |colour| colour.as_str()),
        ),
    };
    let description = Shown::optional(&pavilion.description, lang)
        .map_or_else(|| format!("{} · {}", view.name.text, view.region.text), |d| d.text.chars().take(200).collect());
    let title = format!("{} · {}", view.name.text, t.get("site-name"));
    let page = PageMeta::new(&state, lang, &rest, title, description);
    Ok(public_page(StatusCode::OK, &PavilionPage { page, t, pavilion: view, companies: cards, next_page, slug })?)
}
