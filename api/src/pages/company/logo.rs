//! The logo on a company's workspace: `GET …/companies/{id}/logo` shows the working copy's logo
//! to the company's editors (the public page shows the published one); `POST …/logo` uploads a
//! new one from a `multipart/form-data` form through the same checks and use case as
//! `PUT …/exhibitors/{id}/logo`; `POST …/logo/remove` removes it as `PATCH {"logo": null}` does.

use super::CompanyAddress;
use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::browser::Browser;
use crate::pages::kernel::forms::FormData;
use crate::pages::kernel::i18n::Text;
use crate::pages::kernel::upload_form::{self, Chunks, Received};
use crate::pages::kernel::{CompanyTab, PageError, Posted, see_other};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use pavilion_core::domain::{ExhibitorId, ExhibitorProfile};
use pavilion_core::services::context::ClientInfo;
use pavilion_core::services::exhibitors;

/// The address of a company's logo.
#[derive(serde::Deserialize)]
pub struct LogoPath {
    slug: String,
    id: String,
}

/// An image, not a page: for a browser nobody is signed in to, there is none (no sign-in page
/// in place of a picture).
pub async fn image(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<LogoPath>,
) -> Result<HttpResponse, PageError> {
    let LogoPath { slug, id } = path.into_inner();
    let id = ExhibitorId::parse(&id).map_err(|_| PageError::NotFound)?;
    let caller = browser.signed_in.ok_or(PageError::NotFound)?;
    let key = state.run(move |conn, _| exhibitors::logo_key(conn, Some(&caller), &slug, &id)).await?;
    Ok(crate::uploads::serve_image(&state, &key).await?)
}

pub async fn upload(
    state: web::Data<AppState>,
    company: CompanyAddress,
    Client(client): Client,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    let received = upload_form::receive(&state, &company.browser, multipart, "logo", |chunks| {
        store(&state, &company, client, chunks)
    })
    .await?;
    match received {
        Received::NoFile => {
            let alert = company.lang.text().get("logo-missing");
            super::profile::show_refusal(&state, &company, alert, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Received::Stored(stored) => answer(&state, &company, stored, "logo").await,
    }
}

/// Checks that the caller may replace the logo, then reads, cleans and stores the image.
async fn store(state: &AppState, company: &CompanyAddress, client: ClientInfo, chunks: Chunks) -> Result<(), ApiError> {
    let id = ExhibitorId::parse(&company.id).map_err(|_| ApiError::not_found("exhibitor"))?;
    let caller = company.person.clone();
    let target = state
        .run({
            let (caller, slug, id) = (caller.clone(), company.slug.clone(), id.clone());
            move |conn, state| exhibitors::prepare_logo(conn, &caller, state.now(), &slug, &id)
        })
        .await?;
    crate::throttling::reserve_upload(state, &caller.user_id).await?;
    let (image, bytes) = crate::uploads::read_image_from(state, chunks).await?;
    let slug = company.slug.clone();
    crate::uploads::store_read_image(state, image, bytes, target, |key| {
        state.call(Some(caller), client, move |ctx| exhibitors::set_logo(ctx, &slug, &id, key))
    })
    .await
    .map(|_| ())
}

pub async fn remove(
    state: web::Data<AppState>,
    company: CompanyAddress,
    Client(client): Client,
    _: Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let id = ExhibitorId::parse(&company.id).map_err(|_| PageError::NotFound)?;
    let pavilion = company.slug.clone();
    let removed = state
        .call(Some(company.person.clone()), client, move |ctx| {
            exhibitors::update(ctx, &pavilion, &id, None, |stored: &ExhibitorProfile| {
                Ok(ExhibitorProfile { logo: None, ..stored.clone() })
            })
        })
        .await;
    let removed = match removed {
        Ok((_, released)) => {
            crate::uploads::discard_all(&state, released).await;
            Ok(())
        }
        Err(error) => Err(ApiError::from(error)),
    };
    answer(&state, &company, removed, "logo-removed").await
}

/// Back to the profile with a confirmation, or the profile with the refusal in words.
async fn answer(
    state: &AppState,
    company: &CompanyAddress,
    outcome: Result<(), ApiError>,
    done: &str,
) -> Result<HttpResponse, PageError> {
    let t = company.lang.text();
    let kib = (state.settings.max_upload_bytes / 1024).to_string();
    let error = match outcome {
        Ok(()) => return Ok(see_other(&format!("{}?done={done}#logo", company.href(CompanyTab::Profile))).finish()),
        Err(error) => error,
    };
    let Some((alert, status)) = upload_refusal(&t, &kib, &error) else { return Err(not_yours_or(error)) };
    super::profile::show_refusal(state, company, alert, status).await
}

/// An error that is no refusal of the upload, as a page says it: a company of one's pavilion
/// that is not one's own is "not yours", as on its other pages.
pub fn not_yours_or(error: ApiError) -> PageError {
    match PageError::from(error) {
        PageError::Forbidden => super::not_yours(),
        other => other,
    }
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
