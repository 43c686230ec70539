use crate::dto::work::{WorkBody, WorkResponse, parse_work};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::routes::exhibitors::CompanyPath;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::works;

/// Adds a work to the company's working catalogue (the company's accounts, its pavilion's admins,
/// the organiser). It becomes public with the company's next approval.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/works", tag = "works", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id")),
    request_body = WorkBody, responses(
    (status = 201, body = WorkResponse, headers(("ETag" = String))),
    (status = 403, body = crate::error::Problem),
    (status = 409, description = "the catalogue is full", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
    (status = 423, description = "edits locked by the deadline", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<CompanyPath>,
    body: JsonBody<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    let details = parse_work(body.into_inner())?;
    let CompanyPath { slug, id } = path.into_inner();
    let link_slug = slug.clone();
    let work = state.call(Some(caller), client, move |ctx| works::create(ctx, &slug, &id, details)).await?;
    Ok(super::respond(HttpResponse::Created(), work.into(), &link_slug))
}
