use crate::dto::market::MarketOverviewResponse;
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::market;

/// Every pavilion at a glance (the organiser): companies by review state, completeness (median,
/// how many complete, the spread), works (all, published), reviews waiting and the oldest wait,
/// email (pending, failed in the last 7 days), the last activity; and the market's totals.
/// Counted by the database, never by loading companies.
#[utoipa::path(get, path = "/api/v1/market/overview", tag = "market", security(("bearer" = [])), responses(
    (status = 200, body = MarketOverviewResponse),
    (status = 403, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let overview = state.run(move |conn, state| market::overview(conn, &caller, state.now())).await?;
    Ok(HttpResponse::Ok().json(MarketOverviewResponse::from(overview)))
}
