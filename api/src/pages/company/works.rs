//! `GET …/companies/{id}/works`: the company's catalogue in the workspace (its working copy),
//! with "add a work", each work's editor, and delete (`POST …/works/{work_id}/delete`, through the
//! same use case as `DELETE …/works/{work_id}`, guarded by the version the list showed). The
//! poster: `GET …/works/{work_id}/poster` (the working copy's) and `POST …/works/{work_id}/poster`
//! (its upload form, as the logo's).

use super::{CompanyAddress, Reads};
use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::Done;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::upload_form::{self, Chunks, Received};
use crate::pages::kernel::{
    CompanyTab, PageError, PageMeta, Posted, Referrer, Shown, Tab, i18n::Text, private_page, see_other,
};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::{ExhibitorId, WorkId};
use pavilion_core::services::context::ClientInfo;
use pavilion_core::services::works;
use serde::Deserialize;

pub struct WorkRow {
    pub title: Shown,
    pub summary: String,
    pub href: String,
    pub delete: String,
    pub version: i64,
    pub rights: i64,
    pub has_poster: bool,
}

#[derive(Template)]
#[template(path = "company/company_works.html")]
struct WorksPage {
    page: PageMeta,
    t: Text,
    name: Shown,
    tabs: Vec<Tab>,
    back: (String, String),
    notice: Option<String>,
    alert: Option<String>,
    form_token: String,
    works: Vec<WorkRow>,
    new_work: Option<String>,
    locked: Option<String>,
}

pub async fn handle(
    state: web::Data<AppState>,
    company: CompanyAddress,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let notice =
        done.into_inner().done.filter(|done| done == "deleted").map(|_| company.lang.text().get("work-done-deleted"));
    render(&state, &company, notice, None).await
}

async fn render(
    state: &AppState,
    company: &CompanyAddress,
    notice: Option<String>,
    refusal: Option<(String, StatusCode)>,
) -> Result<HttpResponse, PageError> {
    let workspace = company.load(state, Reads::WITH_WORKS).await?;
    let lang = company.lang;
    let t = lang.text();
    let list = company.href(CompanyTab::Works);
    let locked = workspace.locked_notice(&t, lang);
    let works = workspace
        .works
        .iter()
        .map(|work| WorkRow {
            title: Shown::of(&work.details.title, lang),
            summary: crate::pages::public::company::work_summary(&t, &work.details),
            href: format!("{list}/{}", work.id),
            delete: format!("{list}/{}/delete", work.id),
            version: work.version,
            rights: work.details.rights.len() as i64,
            has_poster: work.details.poster.is_some(),
        })
        .collect();
    let name = workspace.name(lang);
    let mut page = PageMeta::private(
        state,
        lang,
        &company.rest(CompanyTab::Works),
        t.with("works-title", &[("name", &name.text)]),
    );
    page.account = browser::account_bar(state, &company.browser, lang, &workspace.me.name);
    let (alert, status) = match refusal {
        Some((alert, status)) => (Some(alert), status),
        None if locked.is_some() => (None, StatusCode::LOCKED),
        None => (None, StatusCode::OK),
    };
    let template = WorksPage {
        tabs: company.tabs(CompanyTab::Works),
        back: super::back(&t, lang, &company.slug, workspace.for_pavilion()),
        notice,
        alert,
        form_token: company.browser.form_token(state),
        works,
        new_work: locked.is_none().then(|| format!("{list}/new")),
        locked,
        name,
        page,
        t,
    };
    Ok(private_page(state, &company.browser, status, &template, Referrer::SameOrigin)?)
}

/// The address of one work: `…/works/{work_id}`.
#[derive(Deserialize)]
pub struct WorkPath {
    work_id: String,
}

/// What the delete button posts: the version the list showed.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    version: String,
}

pub async fn delete(
    state: web::Data<AppState>,
    company: CompanyAddress,
    Client(client): Client,
    path: web::Path<WorkPath>,
    Posted(form): Posted<DeleteForm>,
) -> Result<HttpResponse, PageError> {
    let (Ok(id), Ok(work)) = (ExhibitorId::parse(&company.id), WorkId::parse(&path.work_id)) else {
        return Err(PageError::NotFound);
    };
    let version = form.version.parse::<i64>().ok();
    let pavilion = company.slug.clone();
    let deleted = state
        .call(Some(company.person.clone()), client, move |ctx| works::delete(ctx, &pavilion, &id, &work, version))
        .await;
    let t = company.lang.text();
    let refusal = match deleted {
        Ok(released) => {
            crate::uploads::discard_all(&state, released).await;
            return Ok(see_other(&format!("{}?done=deleted", company.href(CompanyTab::Works))).finish());
        }
        Err(CoreError::Forbidden) => return Err(super::not_yours()),
        Err(CoreError::PreconditionFailed(_)) => (t.get("work-delete-stale"), StatusCode::PRECONDITION_FAILED),
        Err(CoreError::Locked(_)) => (t.get("company-locked"), StatusCode::LOCKED),
        Err(error) => return Err(error.into()),
    };
    render(&state, &company, None, Some(refusal)).await
}

/// The address of a work's poster.
#[derive(Deserialize)]
pub struct PosterPath {
    slug: String,
    id: String,
    work_id: String,
}

/// An image, not a page: for a browser nobody is signed in to, there is none.
pub async fn poster(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<PosterPath>,
) -> Result<HttpResponse, PageError> {
    let PosterPath { slug, id, work_id } = path.into_inner();
    let (Ok(id), Ok(work)) = (ExhibitorId::parse(&id), WorkId::parse(&work_id)) else {
        return Err(PageError::NotFound);
    };
    let caller = browser.signed_in.ok_or(PageError::NotFound)?;
    let key = state.run(move |conn, _| works::poster_key(conn, Some(&caller), &slug, &id, &work)).await?;
    Ok(crate::uploads::serve_image(&state, &key).await?)
}

pub async fn upload_poster(
    state: web::Data<AppState>,
    company: CompanyAddress,
    Client(client): Client,
    path: web::Path<WorkPath>,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    let work_id = path.into_inner().work_id;
    let received = upload_form::receive(&state, &company.browser, multipart, "poster", |chunks| {
        store(&state, &company, client, &work_id, chunks)
    })
    .await?;
    let t = company.lang.text();
    let kib = (state.settings.max_upload_bytes / 1024).to_string();
    let (alert, status) = match received {
        Received::NoFile => (t.get("logo-missing"), StatusCode::UNPROCESSABLE_ENTITY),
        Received::Stored(Ok(())) => {
            let editor = format!("{}/{work_id}", company.href(CompanyTab::Works));
            return Ok(see_other(&format!("{editor}?done=poster#poster")).finish());
        }
        Received::Stored(Err(error)) => match super::logo::upload_refusal(&t, &kib, &error) {
            Some(refusal) => refusal,
            None => return Err(super::logo::not_yours_or(error)),
        },
    };
    super::work::show_refusal(&state, &company, &work_id, alert, status).await
}

async fn store(
    state: &AppState,
    company: &CompanyAddress,
    client: ClientInfo,
    work_id: &str,
    chunks: Chunks,
) -> Result<(), ApiError> {
    let id = ExhibitorId::parse(&company.id).map_err(|_| ApiError::not_found("exhibitor"))?;
    let work = WorkId::parse(work_id).map_err(|_| ApiError::not_found("work"))?;
    let caller = company.person.clone();
    let target = state
        .run({
            let (caller, slug, id, work) = (caller.clone(), company.slug.clone(), id.clone(), work.clone());
            move |conn, state| works::prepare_poster(conn, &caller, state.now(), &slug, &id, &work)
        })
        .await?;
    crate::throttling::reserve_upload(state, &caller.user_id).await?;
    let (image, bytes) = crate::uploads::read_image_from(state, chunks).await?;
    let slug = company.slug.clone();
    crate::uploads::store_read_image(state, image, bytes, target, |key| {
        state.call(Some(caller), client, move |ctx| works::set_poster(ctx, &slug, &id, &work, key))
    })
    .await
    .map(|_| ())
}
