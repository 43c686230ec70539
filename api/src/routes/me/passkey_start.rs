use crate::dto::second_factor::PasskeyCeremonyResponse;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::routes::auth::login::no_store;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::passkeys;

/// Starts adding a passkey: hand `options` to `navigator.credentials.create`, then send its
/// answer to `…/passkeys/confirm` with the ceremony and a name. 409 when this deployment's
/// public URL is an IP address (browsers refuse passkeys there).
#[utoipa::path(post, path = "/api/v1/me/second-factor/passkeys", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, body = PasskeyCeremonyResponse),
    (status = 409, description = "passkeys are not available on this deployment", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
) -> Result<HttpResponse, ApiError> {
    let auth = state.auth.clone();
    let ceremony =
        state.call(Some(caller), client, move |ctx| passkeys::start_registration(ctx, &auth.passkeys)).await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(PasskeyCeremonyResponse::from(ceremony)))
}
