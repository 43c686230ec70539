use crate::dto::me::MeResponse;
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts;

/// The caller's own account.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, body = MeResponse),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    let (user, pavilion) = state.run(move |conn, _| accounts::me(conn, &caller)).await?;
    Ok(HttpResponse::Ok().json(MeResponse::new(user, pavilion)))
}
