//! `GET /{lang}/`: the market, its active pavilions with their published companies and works.

use crate::pages::kernel::PageError;
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text, public_page, swatch};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::services::directory;

pub struct PavilionCard {
    pub name: Shown,
    pub region: Shown,
    pub href: String,
    pub swatch: String,
    pub companies: String,
    pub works: String,
}

#[derive(Template)]
#[template(path = "public/home.html")]
struct HomePage {
    page: PageMeta,
    t: Text,
    pavilions: Vec<PavilionCard>,
}

pub async fn handle(state: web::Data<AppState>, lang: PageLang) -> Result<HttpResponse, PageError> {
    let market = state.run(|conn, _| directory::market(conn)).await?;
    let t = lang.text();
    let pavilions = market
        .into_iter()
        .map(|entry| PavilionCard {
            name: Shown::of(&entry.pavilion.name, lang),
            region: Shown::of(&entry.pavilion.region, lang),
            href: format!("/{}/pavilions/{}", lang.path(), entry.pavilion.slug),
            swatch: swatch(
                entry
                    .pavilion
                    .brand_color
                    .as_ref()
                    .map_or(crate::pages::kernel::DEFAULT_COLOUR, |colour| colour.as_str()),
            ),
            companies: t.count("count-companies", "count", entry.companies),
            works: t.count("count-works", "count", entry.works),
        })
        .collect();
    let page = PageMeta::new(&state, lang, "/", t.get("home-title"), t.get("site-description"));
    Ok(public_page(StatusCode::OK, &HomePage { page, t, pavilions })?)
}
