use crate::dto::second_factor::RecoveryCodesResponse;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::routes::auth::login::no_store;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::second_factors;

/// New recovery codes, shown this once; the old ones stop working.
#[utoipa::path(post, path = "/api/v1/me/second-factor/recovery-codes", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, body = RecoveryCodesResponse),
    (status = 409, description = "no authenticator app: recovery codes come with one", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
) -> Result<HttpResponse, ApiError> {
    let auth = state.auth.clone();
    let recovery_codes = state
        .call(Some(caller), client, move |ctx| second_factors::renew_recovery_codes(ctx, &auth.second_factors))
        .await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(RecoveryCodesResponse { recovery_codes }))
}
