use super::CompanyPath;
use crate::dto::exhibitor::ExhibitorResponse;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::exhibitors;

/// Sends the company's profile and works for review (the company's accounts; its admins may do
/// it for them). The pavilion's admins are told by email.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/submit", tag = "exhibitors", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id")),
    responses(
    (status = 200, body = ExhibitorResponse, headers(("ETag" = String))),
    (status = 403, body = crate::error::Problem),
    (status = 409, description = "already submitted, or nothing changed since approval", body = crate::error::Problem),
    (status = 423, description = "edits locked by the deadline", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<CompanyPath>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPath { slug, id } = path.into_inner();
    let draft = state.call(Some(caller), client, move |ctx| exhibitors::submit(ctx, &slug, &id)).await?;
    Ok(super::respond(HttpResponse::Ok(), draft.into()))
}
