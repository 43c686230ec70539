use super::WorkPath;
use crate::dto::work::{WorkBody, WorkResponse, patch_work};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, IfMatch, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::works;

/// Changes a work with a JSON merge patch (RFC 7396). With a stale `If-Match` the answer is 412
/// and nothing changes; after the deadline the company's own accounts get 423.
#[utoipa::path(patch, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}", tag = "works", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id"),
        ("work_id" = String, Path, description = "the work's id"),
        ("If-Match" = Option<String>, Header, description = "the ETag last read")),
    request_body(content = WorkBody, content_type = "application/merge-patch+json"), responses(
    (status = 200, body = WorkResponse, headers(("ETag" = String))),
    (status = 403, body = crate::error::Problem),
    (status = 412, description = "changed since you read it", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
    (status = 423, description = "edits locked by the deadline", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    IfMatch(if_match): IfMatch,
    path: web::Path<WorkPath>,
    body: JsonBody<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    let WorkPath { slug, id, work_id } = path.into_inner();
    let link_slug = slug.clone();
    let patch = body.into_inner();
    let edit = move |current: &_| patch_work(current, &patch);
    let (work, released) =
        state.call(Some(caller), client, move |ctx| works::update(ctx, &slug, &id, &work_id, if_match, edit)).await?;
    crate::uploads::discard_all(&state, released).await;
    Ok(super::respond(HttpResponse::Ok(), work.into(), &link_slug))
}
