use super::CompanyPath;
use crate::dto::exhibitor::ExhibitorResponse;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, IfMatch};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::exhibitors;

/// Approves a submitted company (its pavilion's admins, the organiser): the working copy and its
/// works become the published version the public reads, and the company's accounts are told by
/// email. A deadline exception ends with the approval. Send the `ETag` you reviewed in
/// `If-Match`: if the company changed since (edited and submitted again), the answer is 412.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/approve", tag = "exhibitors", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id"),
        ("If-Match" = Option<String>, Header, description = "the ETag of the version reviewed")),
    responses(
    (status = 200, body = ExhibitorResponse, headers(("ETag" = String))),
    (status = 403, body = crate::error::Problem),
    (status = 409, description = "not submitted", body = crate::error::Problem),
    (status = 412, description = "changed since you reviewed it", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    IfMatch(if_match): IfMatch,
    path: web::Path<CompanyPath>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPath { slug, id } = path.into_inner();
    let (draft, released) =
        state.call(Some(caller), client, move |ctx| exhibitors::approve(ctx, &slug, &id, if_match)).await?;
    crate::uploads::discard_all(&state, released).await;
    Ok(super::respond(HttpResponse::Ok(), draft.into()))
}
