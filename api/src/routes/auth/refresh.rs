use super::login::no_store;
use crate::dto::auth::{RefreshRequest, TokenPairResponse};
use crate::error::ApiError;
use crate::extractors::JsonBody;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts;

/// Trades a refresh token for a new pair; the presented refresh token stops working.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest, responses(
    (status = 200, body = TokenPairResponse),
    (status = 401, body = crate::error::Problem),
))]
pub async fn handle(state: web::Data<AppState>, body: JsonBody<RefreshRequest>) -> Result<HttpResponse, ApiError> {
    let presented = body.into_inner().refresh_token;
    // No transaction: revoking a session on token reuse must persist although the call fails.
    let pair = state.run(move |conn, state| accounts::refresh(conn, &state.auth, state.now(), &presented)).await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(TokenPairResponse::from(pair)))
}
