use super::WorkPath;
use crate::dto::work::WorkResponse;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::works;

/// Uploads a work's poster: the raw image as the body, PNG, JPEG or WebP (recognised by its
/// content), at most `PAVILION_MAX_UPLOAD_BYTES`; decoded and encoded again, so only its pixels are
/// kept (no camera metadata). Like any edit, it reaches the public with the
/// next approval. `PATCH {"poster": null}` removes it.
#[utoipa::path(put, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}/poster", tag = "works", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id"),
        ("work_id" = String, Path, description = "the work's id")),
    request_body(content = Vec<u8>, content_type = "image/png"), responses(
    (status = 200, body = WorkResponse, headers(("ETag" = String))),
    (status = 403, body = crate::error::Problem),
    (status = 413, body = crate::error::Problem),
    (status = 409, description = "the company's storage is full (`storage_quota_exceeded`)", body = crate::error::Problem),
    (status = 415, description = "not a PNG, JPEG or WebP image", body = crate::error::Problem),
    (status = 422, description = "does not decode as the image it claims to be, or is larger than 8192 pixels a side", body = crate::error::Problem),
    (status = 423, description = "edits locked by the deadline", body = crate::error::Problem),
    (status = 429, description = "too many uploads from this account", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<WorkPath>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let WorkPath { slug, id, work_id } = path.into_inner();
    let link_slug = slug.clone();
    // Permission first, so nobody can fill the storage with files for works not theirs.
    let target = state
        .run({
            let (caller, slug, id, work_id) = (caller.clone(), slug.clone(), id.clone(), work_id.clone());
            move |conn, state| works::prepare_poster(conn, &caller, state.now(), &slug, &id, &work_id)
        })
        .await?;
    let uploader = caller.user_id.clone();
    let work = crate::uploads::store_image(&state, &uploader, payload, target, |key| {
        state.call(Some(caller), client, move |ctx| works::set_poster(ctx, &slug, &id, &work_id, key))
    })
    .await?;
    Ok(super::respond(HttpResponse::Ok(), work.into(), &link_slug))
}
