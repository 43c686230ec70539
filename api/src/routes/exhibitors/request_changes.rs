use super::CompanyPath;
use crate::dto::exhibitor::{ExhibitorResponse, RequestChangesRequest};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::exhibitors;

/// Sends a submitted company back with a comment (its pavilion's admins, the organiser); the
/// company's accounts get the comment by email.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/request-changes", tag = "exhibitors", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id")),
    request_body = RequestChangesRequest, responses(
    (status = 200, body = ExhibitorResponse, headers(("ETag" = String))),
    (status = 403, body = crate::error::Problem),
    (status = 409, description = "not submitted", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<CompanyPath>,
    body: JsonBody<RequestChangesRequest>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPath { slug, id } = path.into_inner();
    let comment = body.into_inner().comment;
    let draft =
        state.call(Some(caller), client, move |ctx| exhibitors::request_changes(ctx, &slug, &id, &comment)).await?;
    Ok(super::respond(HttpResponse::Ok(), draft.into()))
}
