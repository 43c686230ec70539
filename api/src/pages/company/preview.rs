//! `GET /{lang}/workspace/pavilions/{slug}/companies/{id}/preview`: the company's public page as
//! the public will see it once the working copy is approved: the same template and the same
//! public view (private contacts left out), from the working copy and its works.

use crate::pages::company::{self as company_workspace, CompanyAddress, Reads};
use crate::pages::kernel::browser;
use crate::pages::kernel::{CompanyTab, PageError, PageMeta, Shown, company_tabs};
use crate::pages::kernel::{Referrer, private_page};
use crate::pages::public::company::{self, CompanyPage, Preview, WorkCard};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

pub async fn handle(state: web::Data<AppState>, address: CompanyAddress) -> Result<HttpResponse, PageError> {
    let workspace = address.load(&state, Reads::WITH_WORKS).await?;
    let (lang, slug, id) = (address.lang, &address.slug, &address.id);
    let t = lang.text();
    let base = address.href(CompanyTab::Home);
    let profile = workspace.draft.exhibitor.profile.public_view();
    let logo = profile.logo.as_ref().map(|_| format!("{base}/logo"));
    let works = workspace
        .works
        .iter()
        .map(|work| WorkCard {
            title: Shown::of(&work.details.title, lang),
            href: format!("{base}/works/{}", work.id),
            summary: company::work_summary(&t, &work.details),
        })
        .collect();
    let details = company::details(&t, lang, &profile, logo);
    let rest = format!("{}/preview", company_workspace::company_rest(slug, id));
    let mut page = PageMeta::private(&state, lang, &rest, t.with("preview-title", &[("name", &details.name.text)]));
    page.account = browser::account_bar(&state, &address.browser, lang, &workspace.me.name);
    let template = CompanyPage {
        pavilion_name: Shown::of(&workspace.pavilion.name, lang),
        pavilion_href: format!("/{}/pavilions/{slug}", lang.path()),
        company: details,
        works,
        preview: Some(Preview {
            text: t.get("preview-text"),
            tabs: company_tabs(&t, lang, slug, id, CompanyTab::Preview),
        }),
        page,
        t,
    };
    Ok(private_page(&state, &address.browser, StatusCode::OK, &template, Referrer::SameOrigin)?)
}
