use super::CompanyPath;
use crate::dto::exhibitor::ExhibitorResponse;
use crate::error::ApiError;
use crate::extractors::MaybeAuthenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::exhibitors;

/// One company. The public reads the last approved version (404 before the first approval); the
/// company's accounts, its pavilion's admins and the organiser read the working copy, whose
/// `ETag` a `PATCH` sends back in `If-Match`.
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/exhibitors/{id}", tag = "exhibitors",
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id")),
    responses(
    (status = 200, body = ExhibitorResponse, headers(("ETag" = String))),
))]
pub async fn handle(
    state: web::Data<AppState>,
    MaybeAuthenticated(caller): MaybeAuthenticated,
    path: web::Path<CompanyPath>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPath { slug, id } = path.into_inner();
    let view = state.run(move |conn, state| exhibitors::get(conn, caller.as_ref(), state.now(), &slug, &id)).await?;
    Ok(super::respond(HttpResponse::Ok(), view.into()))
}
