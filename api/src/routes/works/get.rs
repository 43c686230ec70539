use super::WorkPath;
use crate::dto::work::WorkResponse;
use crate::error::ApiError;
use crate::extractors::MaybeAuthenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::works;

/// One work, with its `ETag`: published for the public, working copy for the company and its
/// pavilion.
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}", tag = "works",
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id"),
        ("work_id" = String, Path, description = "the work's id")),
    responses(
    (status = 200, body = WorkResponse, headers(("ETag" = String))),
))]
pub async fn handle(
    state: web::Data<AppState>,
    MaybeAuthenticated(caller): MaybeAuthenticated,
    path: web::Path<WorkPath>,
) -> Result<HttpResponse, ApiError> {
    let WorkPath { slug, id, work_id } = path.into_inner();
    let link_slug = slug.clone();
    let view = state.run(move |conn, _| works::get(conn, caller.as_ref(), &slug, &id, &work_id)).await?;
    Ok(super::respond(HttpResponse::Ok(), view.into(), &link_slug))
}
