use crate::dto::second_factor::SecondFactorOverview;
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::second_factors;

/// Your second factors: whether sign-in asks for an authenticator app's code, and how many
/// recovery codes are left.
#[utoipa::path(get, path = "/api/v1/me/second-factor", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, body = SecondFactorOverview),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let overview = state.run(move |conn, _| second_factors::overview(conn, &caller.user_id)).await?;
    Ok(HttpResponse::Ok().json(SecondFactorOverview::from(overview)))
}
