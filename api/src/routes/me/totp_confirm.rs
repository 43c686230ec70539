use crate::dto::second_factor::{RecoveryCodesResponse, TotpConfirmRequest};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::routes::auth::login::no_store;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::second_factors;

/// Confirms the authenticator app with the code it shows now. From then on, sign-in asks for a
/// code after the password. Answers the account's recovery codes, shown this once.
#[utoipa::path(post, path = "/api/v1/me/second-factor/totp/confirm", tag = "auth", security(("bearer" = [])),
    request_body = TotpConfirmRequest, responses(
    (status = 200, body = RecoveryCodesResponse),
    (status = 409, description = "no app is being added, or it is already confirmed", body = crate::error::Problem),
    (status = 422, description = "not the code the app shows now (`wrong_code`)", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    body: JsonBody<TotpConfirmRequest>,
) -> Result<HttpResponse, ApiError> {
    let TotpConfirmRequest { code } = body.into_inner();
    let auth = state.auth.clone();
    let recovery_codes = state
        .call(Some(caller), client, move |ctx| second_factors::confirm_totp(ctx, &auth.second_factors, &code))
        .await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(RecoveryCodesResponse { recovery_codes }))
}
