//! `GET /{lang}/pavilions/{slug}/exhibitors/{id}`: a company's published profile, its public
//! contacts and its published works.

use crate::pages::kernel::PageError;
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text, public_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::domain::{ExhibitorId, ExhibitorProfile, Vocabulary, WorkDetails};
use pavilion_core::services::exhibitors::{self, CompanyView};
use pavilion_core::services::works::{self, WorkView};
use pavilion_core::services::{MAX_PAGE_SIZE, pavilions};
use serde::Deserialize;
use serde_json::json;

pub struct ContactView {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

pub struct CompanyDetails {
    pub name: Shown,
    pub description: Option<Shown>,
    pub logo: Option<String>,
    pub logo_alt: String,
    pub kind: Option<String>,
    pub city: Option<Shown>,
    pub booth: Option<String>,
    pub website: Option<String>,
    pub languages: String,
    pub contacts: Vec<ContactView>,
}

pub struct WorkCard {
    pub title: Shown,
    pub href: String,
    pub summary: String,
}

#[derive(Template)]
#[template(path = "public/company.html")]
pub struct CompanyPage {
    pub page: PageMeta,
    pub t: Text,
    pub pavilion_name: Shown,
    pub pavilion_href: String,
    pub company: CompanyDetails,
    pub works: Vec<WorkCard>,
    /// On the workspace's preview: what it is, and the company's workspace tabs.
    pub preview: Option<Preview>,
}

/// The banner of a preview: the page as the public will see it once approved.
pub struct Preview {
    pub text: String,
    pub tabs: Vec<crate::pages::kernel::Tab>,
}

#[derive(Deserialize)]
pub struct CompanyPath {
    slug: String,
    id: String,
}

/// A line about a work: its kind, year and length, in words.
pub fn work_summary(t: &Text, details: &WorkDetails) -> String {
    let mut parts = vec![t.get(&format!("kind-{}", details.kind.as_str()))];
    if let Some(year) = details.year {
        parts.push(year.to_string());
    }
    match (details.episodes, details.episode_minutes, details.runtime_minutes) {
        (Some(episodes), Some(minutes), _) => parts.push(
            t.with("work-episode-runtime", &[("episodes", &episodes.to_string()), ("minutes", &minutes.to_string())]),
        ),
        (Some(episodes), None, _) => parts.push(t.with("work-episodes", &[("episodes", &episodes.to_string())])),
        (None, _, Some(minutes)) => parts.push(t.with("work-runtime", &[("minutes", &minutes.to_string())])),
        _ => {}
    }
    parts.join(" · ")
}

/// What the page shows of a profile (already the public view: public contacts only).
pub fn details(t: &Text, lang: PageLang, profile: &ExhibitorProfile, logo: Option<String>) -> CompanyDetails {
    let name = Shown::of(&profile.name, lang);
    CompanyDetails {
        logo_alt: t.with("company-logo", &[("name", &name.text)]),
        name,
        description: Shown::optional(&profile.description, lang),
        logo,
        kind: profile.company_type.map(|kind| t.get(&format!("company-type-{}", kind.as_str()))),
        city: Shown::optional(&profile.city, lang),
        booth: profile.booth.clone(),
        website: profile.website.clone(),
        languages: t.languages(&profile.languages),
        contacts: profile
            .contacts
            .iter()
            .map(|contact| ContactView {
                name: contact.name.clone(),
                title: contact.title.clone(),
                email: contact.email.clone(),
                phone: contact.phone.clone(),
            })
            .collect(),
    }
}

pub async fn handle(
    state: web::Data<AppState>,
    lang: PageLang,
    path: web::Path<CompanyPath>,
) -> Result<HttpResponse, PageError> {
    let CompanyPath { slug, id } = path.into_inner();
    let rest = format!("/pavilions/{slug}/exhibitors/{id}");
    let id = ExhibitorId::parse(&id).map_err(|_| PageError::NotFound)?;
    let (pavilion, company, works) = state
        .run(move |conn, state| {
            let pavilion = pavilions::get(conn, None, &slug)?;
            let company = exhibitors::get(conn, None, state.now(), &slug, &id)?;
            let works = works::list(conn, None, &slug, &id, None, MAX_PAGE_SIZE)?;
            Ok((pavilion, company, works))
        })
        .await?;
    let CompanyView::Published(company) = company else {
        return Err(PageError::NotFound);
    };
    let t = lang.text();
    let slug = pavilion.slug.to_string();
    let profile = &company.profile;
    let name = Shown::of(&profile.name, lang);
    let logo = profile.logo.as_ref().map(|_| format!("/api/v1/pavilions/{slug}/exhibitors/{}/logo", company.id));
    let works: Vec<WorkCard> = works
        .items
        .into_iter()
        .filter_map(|view| match view {
            WorkView::Published(work) => Some(work),
            WorkView::Draft(_) => None,
        })
        .map(|work| WorkCard {
            title: Shown::of(&work.details.title, lang),
            href: format!("/{}/pavilions/{slug}/exhibitors/{}/works/{}", lang.path(), company.id, work.id),
            summary: work_summary(&t, &work.details),
        })
        .collect();
    let view = details(&t, lang, profile, logo.clone());
    let description =
        view.description.as_ref().map_or_else(|| name.text.clone(), |d| d.text.chars().take(200).collect());
    let title = format!("{} · {}", name.text, Shown::of(&pavilion.name, lang).text);
    let mut page = PageMeta::new(&state, lang, &rest, title, description.clone());
    page.og_type = "profile";
    page.image = logo.as_deref().map(|logo| PageMeta::absolute(&state, logo));
    let mut organisation = json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": name.text,
        "url": page.canonical,
        "description": description,
    });
    if let Some(image) = &page.image {
        organisation["logo"] = json!(image);
    }
    if let Some(website) = &profile.website {
        organisation["sameAs"] = json!([website]);
    }
    page.json_ld = Some(crate::pages::kernel::json_ld(&organisation));
    let page = CompanyPage {
        page,
        t,
        pavilion_name: Shown::of(&pavilion.name, lang),
        pavilion_href: format!("/{}/pavilions/{slug}", lang.path()),
        company: view,
        works,
        preview: None,
    };
    Ok(public_page(StatusCode::OK, &page)?)
}
