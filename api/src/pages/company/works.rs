//! `GET …/companies/{id}/works`: the company's catalogue in the workspace (its working copy),
//! with "add a work", each work's editor, and delete (`POST …/works/{work_id}/delete`, through the
//! same use case as `DELETE …/works/{work_id}`, guarded by the version the list showed). The
//! poster: `GET …/works/{work_id}/poster` (the working copy's) and `POST …/works/{work_id}/poster`
//! (its upload form, as the logo's).

use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::company::work::WorkPagePath;
use crate::pages::company::{self as company_workspace, CompanyPagePath, Reads};
use crate::pages::kernel::Tab;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::upload_form::{self, Chunks, Received};
use crate::pages::kernel::{PageLang, PageMeta, Shown, forms, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::domain::{ExhibitorId, WorkId};
use pavilion_core::policy::Principal;
use pavilion_core::services::context::ClientInfo;
use pavilion_core::services::works;
use serde::Deserialize;
use std::collections::HashMap;

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

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

pub async fn handle(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<CompanyPagePath>,
    done: web::Query<Done>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPagePath { lang, slug, id } = path.into_inner();
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    let notice = done.into_inner().done.filter(|done| done == "deleted").map(|_| lang.text().get("work-done-deleted"));
    render(&state, &browser, lang, &slug, &id, notice, None).await
}

async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    slug: &str,
    id: &str,
    notice: Option<String>,
    refusal: Option<(String, StatusCode)>,
) -> Result<HttpResponse, ApiError> {
    let workspace = match company_workspace::load(state, browser, lang, slug, id, Reads::WITH_WORKS).await? {
        Ok(workspace) => workspace,
        Err(page) => return Ok(page),
    };
    let t = lang.text();
    let base = format!("/{}{}", lang.path(), company_workspace::company_rest(slug, id));
    let locked = (workspace.draft.edits_locked && !workspace.for_pavilion()).then(|| {
        format!("{} {}", t.get("company-locked"), company_workspace::who_unlocks(&t, &workspace.pavilion, lang))
    });
    let works = workspace
        .works
        .iter()
        .map(|work| WorkRow {
            title: Shown::of(&work.details.title, lang),
            summary: crate::pages::public::company::work_summary(&t, &work.details),
            href: format!("{base}/works/{}", work.id),
            delete: format!("{base}/works/{}/delete", work.id),
            version: work.version,
            rights: work.details.rights.len() as i64,
            has_poster: work.details.poster.is_some(),
        })
        .collect();
    let name = workspace.name(lang);
    let rest = format!("{}/works", company_workspace::company_rest(slug, id));
    let mut page = PageMeta::private(state, lang, &rest, t.with("works-title", &[("name", &name.text)]));
    page.account = browser::account_bar(state, browser, lang, &workspace.me.name);
    let (alert, status) = match refusal {
        Some((alert, status)) => (Some(alert), status),
        None if locked.is_some() => (None, StatusCode::LOCKED),
        None => (None, StatusCode::OK),
    };
    let template = WorksPage {
        tabs: crate::pages::kernel::company_tabs(&t, lang, slug, id, crate::pages::kernel::CompanyTab::Works),
        back: company_workspace::back(&t, lang, slug, workspace.for_pavilion()),
        notice,
        alert,
        form_token: browser.form_token(state),
        works,
        new_work: locked.is_none().then(|| format!("{base}/works/new")),
        locked,
        name,
        page,
        t,
    };
    private_page(state, browser, status, &template, Referrer::SameOrigin)
}

pub async fn delete(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<WorkPagePath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let WorkPagePath { lang, slug, id, work_id } = path.into_inner();
    let rest = format!("{}/works", company_workspace::company_rest(&slug, &id));
    let (lang, form) = match forms::posted(&state, &browser, &lang, form.into_inner(), &rest) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let (Ok(company), Ok(work)) = (ExhibitorId::parse(&id), WorkId::parse(&work_id)) else {
        return crate::pages::kernel::not_found(&state, lang, &rest);
    };
    let version = form.get("version").parse::<i64>().ok();
    let pavilion = slug.clone();
    let deleted =
        state.call(Some(caller), client, move |ctx| works::delete(ctx, &pavilion, &company, &work, version)).await;
    let t = lang.text();
    match deleted {
        Ok(released) => {
            crate::uploads::discard_all(&state, released).await;
            Ok(crate::pages::kernel::see_other(&format!("/{}{rest}?done=deleted", lang.path())).finish())
        }
        Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) => {
            crate::pages::kernel::not_found(&state, lang, &rest)
        }
        Err(error) if error.status_code_is(StatusCode::FORBIDDEN) => {
            company_workspace::not_yours(&state, &browser, lang, &rest)
        }
        Err(error) if error.status_code_is(StatusCode::PRECONDITION_FAILED) => {
            let refusal = (t.get("work-delete-stale"), StatusCode::PRECONDITION_FAILED);
            render(&state, &browser, lang, &slug, &id, None, Some(refusal)).await
        }
        Err(error) if error.status_code_is(StatusCode::LOCKED) => {
            render(&state, &browser, lang, &slug, &id, None, Some((t.get("company-locked"), StatusCode::LOCKED))).await
        }
        Err(error) => Err(error),
    }
}

pub async fn poster(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<WorkPagePath>,
) -> Result<HttpResponse, ApiError> {
    let WorkPagePath { slug, id, work_id, .. } = path.into_inner();
    let (Some(caller), Ok(id), Ok(work)) = (browser.signed_in, ExhibitorId::parse(&id), WorkId::parse(&work_id)) else {
        return Err(ApiError::not_found("poster"));
    };
    let key = state.run(move |conn, _| works::poster_key(conn, Some(&caller), &slug, &id, &work)).await?;
    crate::uploads::serve_image(&state, &key).await
}

pub async fn upload_poster(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<WorkPagePath>,
    multipart: Multipart,
) -> Result<HttpResponse, ApiError> {
    let WorkPagePath { lang, slug, id, work_id } = path.into_inner();
    let editor = format!("{}/works/{work_id}", company_workspace::company_rest(&slug, &id));
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    let received = upload_form::receive(&state, &browser, lang, &editor, multipart, "poster", |caller, chunks| {
        store(&state, caller, client, &slug, &id, &work_id, chunks)
    })
    .await?;
    let t = lang.text();
    let kib = (state.settings.max_upload_bytes / 1024).to_string();
    let (alert, status) = match received {
        Received::Answer(page) => return Ok(page),
        Received::NoFile => (t.get("logo-missing"), StatusCode::UNPROCESSABLE_ENTITY),
        Received::Stored(Ok(())) => {
            return Ok(
                crate::pages::kernel::see_other(&format!("/{}{editor}?done=poster#poster", lang.path())).finish()
            );
        }
        Received::Stored(Err(error)) if crate::pages::kernel::is_signed_out(&error) => {
            return Ok(crate::pages::kernel::sign_in_first(lang));
        }
        Received::Stored(Err(error)) if error.status_code_is(StatusCode::NOT_FOUND) => {
            return crate::pages::kernel::not_found(&state, lang, &editor);
        }
        Received::Stored(Err(error)) if error.status_code_is(StatusCode::FORBIDDEN) => {
            return company_workspace::not_yours(&state, &browser, lang, &editor);
        }
        Received::Stored(Err(error)) => crate::pages::company::logo::upload_refusal(&t, &kib, &error).ok_or(error)?,
    };
    crate::pages::company::work::show_refusal(&state, &browser, lang, &slug, &id, &work_id, alert, status).await
}

async fn store(
    state: &AppState,
    caller: Principal,
    client: ClientInfo,
    slug: &str,
    id: &str,
    work_id: &str,
    chunks: Chunks,
) -> Result<(), ApiError> {
    let id = ExhibitorId::parse(id).map_err(|_| ApiError::not_found("exhibitor"))?;
    let work = WorkId::parse(work_id).map_err(|_| ApiError::not_found("work"))?;
    let target = state
        .run({
            let (caller, slug, id, work) = (caller.clone(), slug.to_owned(), id.clone(), work.clone());
            move |conn, state| works::prepare_poster(conn, &caller, state.now(), &slug, &id, &work)
        })
        .await?;
    crate::throttling::reserve_upload(state, &caller.user_id).await?;
    let (image, bytes) = crate::uploads::read_image_from(state, chunks).await?;
    let slug = slug.to_owned();
    crate::uploads::store_read_image(state, image, bytes, target, |key| {
        state.call(Some(caller), client, move |ctx| works::set_poster(ctx, &slug, &id, &work, key))
    })
    .await
    .map(|_| ())
}
