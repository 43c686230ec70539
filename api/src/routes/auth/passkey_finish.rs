use super::login::no_store;
use crate::credentials;
use crate::dto::auth::TokenPairResponse;
use crate::dto::second_factor::PasskeySignInFinish;
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts::ForApi;
use pavilion_core::services::passkeys;

/// Finishes signing in with a passkey alone: the passkey verified its owner (PIN or biometrics),
/// so no password or code is asked. It must be a passkey of an account that signs in where the
/// ceremony began. Any failure is the same 401; failures meet growing delays per address.
#[utoipa::path(post, path = "/api/v1/auth/passkey/finish", tag = "auth", request_body = PasskeySignInFinish, responses(
    (status = 200, body = TokenPairResponse),
    (status = 401, body = crate::error::Problem),
    (status = 410, description = "the ceremony expired or was used (`ceremony_expired`)", body = crate::error::Problem),
    (status = 429, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    body: JsonBody<PasskeySignInFinish>,
) -> Result<HttpResponse, ApiError> {
    let PasskeySignInFinish { ceremony, credential } = body.into_inner();
    let auth = state.auth.clone();
    let pair = credentials::finish_passkey_sign_in(&state, client, move |ctx| {
        passkeys::finish_sign_in(ctx, &ForApi(&auth), &ceremony, &credential.to_string())
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(TokenPairResponse::from(pair)))
}
