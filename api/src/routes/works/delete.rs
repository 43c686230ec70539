use super::WorkPath;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, IfMatch};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::works;

/// Removes a work from the working catalogue; the public copy keeps it until the next approval.
#[utoipa::path(delete, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}", tag = "works", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id"),
        ("work_id" = String, Path, description = "the work's id"),
        ("If-Match" = Option<String>, Header, description = "the ETag last read")),
    responses(
    (status = 204, description = "removed"),
    (status = 403, body = crate::error::Problem),
    (status = 412, description = "changed since you read it", body = crate::error::Problem),
    (status = 423, description = "edits locked by the deadline", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    IfMatch(if_match): IfMatch,
    path: web::Path<WorkPath>,
) -> Result<HttpResponse, ApiError> {
    let WorkPath { slug, id, work_id } = path.into_inner();
    let released =
        state.call(Some(caller), client, move |ctx| works::delete(ctx, &slug, &id, &work_id, if_match)).await?;
    crate::uploads::discard_all(&state, released).await;
    Ok(HttpResponse::NoContent().finish())
}
