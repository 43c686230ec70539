use super::WorkPath;
use crate::error::ApiError;
use crate::extractors::MaybeAuthenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::works;

/// A work's poster: the published one for the public, the working copy's for the company and
/// its pavilion.
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}/poster", tag = "works",
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id"),
        ("work_id" = String, Path, description = "the work's id")),
    responses(
    (status = 200, description = "the image", content_type = "image/*", body = Vec<u8>),
))]
pub async fn handle(
    state: web::Data<AppState>,
    MaybeAuthenticated(caller): MaybeAuthenticated,
    path: web::Path<WorkPath>,
) -> Result<HttpResponse, ApiError> {
    let WorkPath { slug, id, work_id } = path.into_inner();
    let key = state.run(move |conn, _| works::poster_key(conn, caller.as_ref(), &slug, &id, &work_id)).await?;
    crate::uploads::serve_image(&state, &key).await
}
