use super::CompanyPath;
use crate::dto::exhibitor::ExhibitorResponse;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::exhibitors;

/// Lets one company edit again after the pavilion's deadline, until its next approval (its
/// pavilion's admins, the organiser).
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/unlock", tag = "exhibitors", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id")),
    responses(
    (status = 200, body = ExhibitorResponse, headers(("ETag" = String))),
    (status = 403, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<CompanyPath>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPath { slug, id } = path.into_inner();
    let draft = state.call(Some(caller), client, move |ctx| exhibitors::unlock(ctx, &slug, &id)).await?;
    Ok(super::respond(HttpResponse::Ok(), draft.into()))
}
