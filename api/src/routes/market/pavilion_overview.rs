use crate::dto::market::PavilionOverview;
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::market;

/// One pavilion at a glance (its admins, the organiser): the figures of the market overview.
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/overview", tag = "market", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug")), responses(
    (status = 200, body = PavilionOverview),
    (status = 403, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = slug.into_inner();
    let figures = state.run(move |conn, state| market::pavilion_figures(conn, &caller, &slug, state.now())).await?;
    Ok(HttpResponse::Ok().json(PavilionOverview::from(figures)))
}
