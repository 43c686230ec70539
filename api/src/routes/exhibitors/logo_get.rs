use super::CompanyPath;
use crate::error::ApiError;
use crate::extractors::MaybeAuthenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::exhibitors;

/// The company's logo: the published one for the public, the working copy's for the company and
/// its pavilion.
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/logo", tag = "exhibitors",
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id")),
    responses(
    (status = 200, description = "the image", content_type = "image/*", body = Vec<u8>),
))]
pub async fn handle(
    state: web::Data<AppState>,
    MaybeAuthenticated(caller): MaybeAuthenticated,
    path: web::Path<CompanyPath>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPath { slug, id } = path.into_inner();
    let key = state.run(move |conn, _| exhibitors::logo_key(conn, caller.as_ref(), &slug, &id)).await?;
    crate::uploads::serve_image(&state, &key).await
}
