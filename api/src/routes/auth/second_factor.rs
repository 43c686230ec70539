use super::login::no_store;
use crate::credentials;
use crate::dto::auth::TokenPairResponse;
use crate::dto::second_factor::SecondFactorRequest;
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts::ForApi;
use pavilion_core::services::sign_in;

/// Finishes a login that answered with a `second_factor` challenge: the challenge and a code from
/// the account's authenticator app (each code is accepted once), one of its recovery codes (each
/// works once), or a passkey's answer to the challenge's `passkey` options. A wrong one is 401 and the challenge stays usable until it expires; wrong
/// ones meet the same growing delays as wrong passwords (429 with `Retry-After`).
#[utoipa::path(post, path = "/api/v1/auth/second-factor", tag = "auth", request_body = SecondFactorRequest, responses(
    (status = 200, body = TokenPairResponse),
    (status = 401, description = "wrong or already used code", body = crate::error::Problem),
    (status = 410, description = "the challenge expired or was used: log in again (`challenge_expired`)", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
    (status = 429, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    body: JsonBody<SecondFactorRequest>,
) -> Result<HttpResponse, ApiError> {
    let SecondFactorRequest { challenge, code, recovery_code, passkey } = body.into_inner();
    let proof = credentials::proof(code, recovery_code, passkey.map(|answer| answer.to_string()))?;
    let auth = state.auth.clone();
    let presented = challenge.clone();
    let pair = credentials::finish_sign_in(&state, client, &challenge, move |ctx| {
        sign_in::finish_sign_in(ctx, &ForApi(&auth), &auth.second_factors, &presented, &proof)
    })
    .await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(TokenPairResponse::from(pair)))
}
