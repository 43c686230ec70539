use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::second_factors;

/// Removes your authenticator app and recovery codes: sign-in asks for the password alone again.
#[utoipa::path(delete, path = "/api/v1/me/second-factor/totp", tag = "auth", security(("bearer" = [])), responses(
    (status = 204, description = "removed"),
    (status = 404, description = "no authenticator app", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
) -> Result<HttpResponse, ApiError> {
    state.call(Some(caller), client, second_factors::remove_totp).await?;
    Ok(HttpResponse::NoContent().finish())
}
