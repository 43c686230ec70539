use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts;

/// Ends the caller's session: its access and refresh tokens stop working at once.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])), responses(
    (status = 204, description = "logged out"),
    (status = 401, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
) -> Result<HttpResponse, ApiError> {
    state.transaction(move |conn, state| accounts::logout(conn, state.now(), &caller)).await?;
    Ok(HttpResponse::NoContent().finish())
}
