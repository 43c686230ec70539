//! The logo on a company's workspace: `GET …/companies/{id}/logo` shows the working copy's logo
//! to the company's editors (the public page shows the published one); `POST …/logo` uploads a
//! new one from a `multipart/form-data` form through the same checks and use case as
//! `PUT …/exhibitors/{id}/logo`; `POST …/logo/remove` removes it as `PATCH {"logo": null}` does.

use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::company::{self as company_workspace, CompanyPagePath};
use crate::pages::kernel::PageLang;
use crate::pages::kernel::browser::Browser;
use crate::pages::kernel::forms;
use crate::pages::kernel::i18n::Text;
use crate::pages::kernel::upload_form::{self, Chunks, Received};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use pavilion_core::domain::{ExhibitorId, ExhibitorProfile};
use pavilion_core::policy::Principal;
use pavilion_core::services::context::ClientInfo;
use pavilion_core::services::exhibitors;
use std::collections::HashMap;

pub async fn image(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<CompanyPagePath>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPagePath { slug, id, .. } = path.into_inner();
    let (Some(caller), Ok(id)) = (browser.signed_in, ExhibitorId::parse(&id)) else {
        return Err(ApiError::not_found("logo"));
    };
    let key = state.run(move |conn, _| exhibitors::logo_key(conn, Some(&caller), &slug, &id)).await?;
    crate::uploads::serve_image(&state, &key).await
}

pub async fn upload(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<CompanyPagePath>,
    multipart: Multipart,
) -> Result<HttpResponse, ApiError> {
    let CompanyPagePath { lang, slug, id } = path.into_inner();
    let profile = format!("{}/profile", company_workspace::company_rest(&slug, &id));
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    let received = upload_form::receive(&state, &browser, lang, &profile, multipart, "logo", |caller, chunks| {
        store(&state, caller, client, &slug, &id, chunks)
    })
    .await?;
    match received {
        Received::Answer(page) => Ok(page),
        Received::NoFile => {
            let alert = lang.text().get("logo-missing");
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            crate::pages::company::profile::show_refusal(&state, &browser, lang, &slug, &id, alert, status).await
        }
        Received::Stored(stored) => answer(&state, &browser, lang, &slug, &id, stored, "logo").await,
    }
}

/// Checks that the caller may replace the logo, then reads, cleans and stores the image.
async fn store(
    state: &AppState,
    caller: Principal,
    client: ClientInfo,
    slug: &str,
    id: &str,
    chunks: Chunks,
) -> Result<(), ApiError> {
    let id = ExhibitorId::parse(id).map_err(|_| ApiError::not_found("exhibitor"))?;
    let target = state
        .run({
            let (caller, slug, id) = (caller.clone(), slug.to_owned(), id.clone());
            move |conn, state| exhibitors::prepare_logo(conn, &caller, state.now(), &slug, &id)
        })
        .await?;
    crate::throttling::reserve_upload(state, &caller.user_id).await?;
    let (image, bytes) = crate::uploads::read_image_from(state, chunks).await?;
    let slug = slug.to_owned();
    crate::uploads::store_read_image(state, image, bytes, target, |key| {
        state.call(Some(caller), client, move |ctx| exhibitors::set_logo(ctx, &slug, &id, key))
    })
    .await
    .map(|_| ())
}

pub async fn remove(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<CompanyPagePath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPagePath { lang, slug, id } = path.into_inner();
    let profile = format!("{}/profile", company_workspace::company_rest(&slug, &id));
    let (lang, _) = match forms::posted(&state, &browser, &lang, form.into_inner(), &profile) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let Ok(company) = ExhibitorId::parse(&id) else { return crate::pages::kernel::not_found(&state, lang, &profile) };
    let pavilion = slug.clone();
    let removed = state
        .call(Some(caller), client, move |ctx| {
            exhibitors::update(ctx, &pavilion, &company, None, |stored: &ExhibitorProfile| {
                Ok(ExhibitorProfile { logo: None, ..stored.clone() })
            })
        })
        .await;
    let removed = match removed {
        Ok((_, released)) => {
            crate::uploads::discard_all(&state, released).await;
            Ok(())
        }
        Err(error) => Err(error),
    };
    answer(&state, &browser, lang, &slug, &id, removed, "logo-removed").await
}

/// Back to the profile with a confirmation, or the profile with the refusal in words.
async fn answer(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    slug: &str,
    id: &str,
    outcome: Result<(), ApiError>,
    done: &str,
) -> Result<HttpResponse, ApiError> {
    let profile = format!("{}/profile", company_workspace::company_rest(slug, id));
    let t = lang.text();
    let kib = (state.settings.max_upload_bytes / 1024).to_string();
    let (alert, status) = match outcome {
        Ok(()) => {
            let to = format!("/{}{profile}?done={done}#logo", lang.path());
            return Ok(crate::pages::kernel::see_other(&to).finish());
        }
        Err(error) if crate::pages::kernel::is_signed_out(&error) => {
            return Ok(crate::pages::kernel::sign_in_first(lang));
        }
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) => {
            return crate::pages::kernel::not_found(state, lang, &profile);
        }
        Err(error) if error.status_code_is(StatusCode::FORBIDDEN) => {
            return company_workspace::not_yours(state, browser, lang, &profile);
        }
        Err(error) => match upload_refusal(&t, &kib, &error) {
            Some(refusal) => refusal,
            None => return Err(error),
        },
    };
    crate::pages::company::profile::show_refusal(state, browser, lang, slug, id, alert, status).await
}

/// Why an image upload was refused, in words, with the status to answer; `None` for an error
/// that is no refusal of the upload.
pub fn upload_refusal(t: &Text, kib: &str, error: &ApiError) -> Option<(String, StatusCode)> {
    let refusals = [
        (StatusCode::PAYLOAD_TOO_LARGE, t.with("upload-too-large", &[("max", kib)])),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, t.get("upload-wrong-type")),
        (StatusCode::UNPROCESSABLE_ENTITY, t.get("upload-unreadable")),
        (StatusCode::CONFLICT, t.get("upload-storage-full")),
        (StatusCode::LOCKED, t.get("company-locked")),
        (StatusCode::BAD_REQUEST, t.get("upload-broken")),
    ];
    if error.status_code_is(StatusCode::TOO_MANY_REQUESTS) {
        let wait = error.retry_after_secs().unwrap_or(60).to_string();
        return Some((t.with("upload-too-many", &[("seconds", &wait)]), StatusCode::TOO_MANY_REQUESTS));
    }
    refusals.into_iter().find(|(status, _)| error.status_code_is(*status)).map(|(status, text)| (text, status))
}
