//! `GET /{lang}/pavilions/{slug}/exhibitors/{id}/works/{work_id}`: one published work, its
//! credits, poster and trailer, and its rights by territory and media in words.

use crate::pages::kernel::PageError;
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text, public_page};
use crate::pages::public::company::work_summary;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::domain::{ExhibitorId, Territory, Vocabulary, WorkDetails, WorkId, WorkKind};
use pavilion_core::services::exhibitors::{self, CompanyView};
use pavilion_core::services::pavilions;
use pavilion_core::services::works::{self, WorkView};
use serde::Deserialize;
use serde_json::json;

pub struct RightsRow {
    pub territory: String,
    /// Country names come in English only: marked so in a Chinese page.
    pub territory_lang: Option<&'static str>,
    pub media: String,
}

pub struct WorkDetailsView {
    pub title: Shown,
    pub original_title: Option<String>,
    pub summary: String,
    pub status: String,
    pub genres: String,
    pub directors: String,
    pub cast: String,
    pub languages: String,
    pub synopsis: Option<Shown>,
    pub festivals: Vec<String>,
    pub trailer: Option<String>,
    pub poster: Option<String>,
    pub poster_alt: String,
    pub rights: Vec<RightsRow>,
}

#[derive(Template)]
#[template(path = "public/work.html")]
struct WorkPage {
    page: PageMeta,
    t: Text,
    pavilion_name: Shown,
    pavilion_href: String,
    company_name: Shown,
    company_href: String,
    work: WorkDetailsView,
}

#[derive(Deserialize)]
pub struct WorkPath {
    slug: String,
    id: String,
    work_id: String,
}

/// A territory in words: a named region from the catalog, a country by its English name.
fn territory(t: &Text, lang: PageLang, territory: Territory) -> (String, Option<&'static str>) {
    match territory {
        Territory::Region(region) => (t.get(&format!("region-{}", region.as_str())), None),
        Territory::Country(_) => {
            let english = (lang.html() != "en").then_some("en");
            (territory.english_name().to_owned(), english)
        }
    }
}

/// What the page shows of the work, in the page's language.
fn details_view(
    t: &Text,
    lang: PageLang,
    details: &WorkDetails,
    title: Shown,
    poster: Option<String>,
) -> WorkDetailsView {
    let words = |prefix: &str, names: Vec<&str>| -> String {
        names.into_iter().map(|name| t.get(&format!("{prefix}-{name}"))).collect::<Vec<_>>().join(", ")
    };
    let rights = details
        .rights
        .iter()
        .map(|rights| {
            let (territory, territory_lang) = territory(t, lang, rights.territory);
            RightsRow {
                territory,
                territory_lang,
                media: words("medium", rights.media.iter().map(|m| m.as_str()).collect()),
            }
        })
        .collect();
    WorkDetailsView {
        poster_alt: t.with("work-poster", &[("title", &title.text)]),
        title,
        original_title: details.original_title.clone(),
        summary: work_summary(t, details),
        status: t.get(&format!("status-{}", details.production_status.as_str())),
        genres: words("genre", details.genres.iter().map(|g| g.as_str()).collect()),
        directors: details.directors.join(", "),
        cast: details.cast.join(", "),
        languages: t.languages(&details.languages),
        synopsis: Shown::optional(&details.synopsis, lang),
        festivals: details.festivals.clone(),
        trailer: details.trailer_url.clone(),
        poster,
        rights,
    }
}

/// The work for search engines: schema.org's `Movie` or `TVSeries`.
fn creative_work(
    details: &WorkDetails,
    view: &WorkDetailsView,
    company_name: &Shown,
    description: &str,
    page: &PageMeta,
) -> serde_json::Value {
    let kind = if matches!(details.kind, WorkKind::Series | WorkKind::Format) { "TVSeries" } else { "Movie" };
    let mut creative_work = json!({
        "@context": "https://schema.org",
        "@type": kind,
        "name": view.title.text,
        "url": page.canonical,
        "description": description,
        "genre": view.genres,
        "productionCompany": {"@type": "Organization", "name": company_name.text},
        "director": details.directors.iter().map(|name| json!({"@type": "Person", "name": name})).collect::<Vec<_>>(),
        "actor": details.cast.iter().map(|name| json!({"@type": "Person", "name": name})).collect::<Vec<_>>(),
    });
    if let Some(year) = details.year {
        creative_work["dateCreated"] = json!(year.to_string());
    }
    if let Some(image) = &page.image {
        creative_work["image"] = json!(image);
    }
    if let Some(trailer) = &details.trailer_url {
        creative_work["trailer"] = json!({"@type": "VideoObject", "name": view.title.text, "embedUrl": trailer});
    }
    creative_work
}

pub async fn handle(
    state: web::Data<AppState>,
    lang: PageLang,
    path: web::Path<WorkPath>,
) -> Result<HttpResponse, PageError> {
    let WorkPath { slug, id, work_id } = path.into_inner();
    let rest = format!("/pavilions/{slug}/exhibitors/{id}/works/{work_id}");
    let (Ok(id), Ok(work_id)) = (ExhibitorId::parse(&id), WorkId::parse(&work_id)) else {
        return Err(PageError::NotFound);
    };
    let (pavilion, company, work) = state
        .run(move |conn, state| {
            let pavilion = pavilions::get(conn, None, &slug)?;
            let company = exhibitors::get(conn, None, state.now(), &slug, &id)?;
            let work = works::get(conn, None, &slug, &id, &work_id)?;
            Ok((pavilion, company, work))
        })
        .await?;
    let (CompanyView::Published(company), WorkView::Published(work)) = (company, work) else {
        return Err(PageError::NotFound);
    };
    let t = lang.text();
    let slug = pavilion.slug.to_string();
    let details = &work.details;
    let title = Shown::of(&details.title, lang);
    let poster = details
        .poster
        .as_ref()
        .map(|_| format!("/api/v1/pavilions/{slug}/exhibitors/{}/works/{}/poster", company.id, work.id));
    let view = details_view(&t, lang, details, title.clone(), poster.clone());
    let company_name = Shown::of(&company.profile.name, lang);
    let description = view
        .synopsis
        .as_ref()
        .map_or_else(|| format!("{} · {}", view.summary, company_name.text), |s| s.text.chars().take(200).collect());
    let mut page =
        PageMeta::new(&state, lang, &rest, format!("{} · {}", title.text, company_name.text), description.clone());
    page.og_type = if details.kind == WorkKind::Series { "video.tv_show" } else { "video.movie" };
    page.image = poster.as_deref().map(|poster| PageMeta::absolute(&state, poster));
    let creative_work = creative_work(details, &view, &company_name, &description, &page);
    page.json_ld = Some(crate::pages::kernel::json_ld(&creative_work));
    let page = WorkPage {
        page,
        t,
        pavilion_name: Shown::of(&pavilion.name, lang),
        pavilion_href: format!("/{}/pavilions/{slug}", lang.path()),
        company_href: format!("/{}/pavilions/{slug}/exhibitors/{}", lang.path(), company.id),
        company_name,
        work: view,
    };
    Ok(public_page(StatusCode::OK, &page)?)
}
