use super::login::no_store;
use crate::dto::second_factor::{PasskeyCeremonyResponse, PasskeySignInStart};
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use crate::throttling;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts::SignInAt;
use pavilion_core::services::passkeys;

/// Starts signing in with a passkey instead of an email, password and code: hand `options` to
/// `navigator.credentials.get`; the browser offers the passkeys it holds for this site. Send the
/// answer to `/api/v1/auth/passkey/finish`. `pavilion` names where the account signs in (absent:
/// the organisers).
/// Each start counts against its address (120 in ten minutes, then growing delays: 429).
#[utoipa::path(post, path = "/api/v1/auth/passkey", tag = "auth", request_body = PasskeySignInStart, responses(
    (status = 200, body = PasskeyCeremonyResponse),
    (status = 404, description = "`pavilion` is not a pavilion's slug", body = crate::error::Problem),
    (status = 409, description = "passkeys are not available on this deployment", body = crate::error::Problem),
    (status = 429, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    body: JsonBody<PasskeySignInStart>,
) -> Result<HttpResponse, ApiError> {
    throttling::reserve_passkey_ceremony(&state, client.ip.as_deref()).await?;
    let at = match body.into_inner().pavilion {
        Some(slug) => SignInAt::Pavilion(slug),
        None => SignInAt::Organisers,
    };
    let ceremony =
        state.run(move |conn, state| passkeys::start_sign_in(conn, &state.auth.passkeys, state.now(), &at)).await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(PasskeyCeremonyResponse::from(ceremony)))
}
