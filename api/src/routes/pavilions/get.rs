use super::manages;
use crate::dto::pavilion::PavilionResponse;
use crate::error::ApiError;
use crate::extractors::MaybeAuthenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::pavilions;

/// A pavilion's page. The public sees active pavilions; a draft or archived one is 404 to all but
/// the organiser and its own accounts.
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}", tag = "pavilions",
    params(("slug" = String, Path, description = "the pavilion's slug")), responses(
    (status = 200, body = PavilionResponse),
))]
pub async fn handle(
    state: web::Data<AppState>,
    MaybeAuthenticated(caller): MaybeAuthenticated,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = slug.into_inner();
    let (pavilion, caller) = state
        .run(move |conn, _| pavilions::get(conn, caller.as_ref(), &slug).map(|pavilion| (pavilion, caller)))
        .await?;
    let show_identity = manages(caller.as_ref(), &pavilion);
    Ok(HttpResponse::Ok().json(PavilionResponse::new(pavilion, show_identity)))
}
