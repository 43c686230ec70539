use crate::dto::second_factor::{PasskeyAddedResponse, PasskeyConfirmRequest};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::routes::auth::login::no_store;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::passkeys;

/// Finishes adding a passkey with the browser's answer and the name its owner gives it. From
/// now on sign-in asks for a second factor (this passkey among them), and the account may sign in
/// with the passkey alone. The owner is emailed. An account with no recovery codes left (its first
/// second factor, say) gets ten, answered this once.
#[utoipa::path(post, path = "/api/v1/me/second-factor/passkeys/confirm", tag = "auth", security(("bearer" = [])),
    request_body = PasskeyConfirmRequest, responses(
    (status = 201, body = PasskeyAddedResponse),
    (status = 409, description = "this passkey is already added", body = crate::error::Problem),
    (status = 410, description = "the ceremony expired or was used (`ceremony_expired`): start again", body = crate::error::Problem),
    (status = 422, description = "no name, or the answer does not check out (`passkey_refused`)", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    body: JsonBody<PasskeyConfirmRequest>,
) -> Result<HttpResponse, ApiError> {
    let PasskeyConfirmRequest { ceremony, name, credential } = body.into_inner();
    let auth = state.auth.clone();
    let passkey = state
        .call(Some(caller), client, move |ctx| {
            passkeys::finish_registration(
                ctx,
                &auth.passkeys,
                &auth.second_factors,
                &ceremony,
                &name,
                &credential.to_string(),
            )
        })
        .await?;
    Ok(HttpResponse::Created().insert_header(no_store()).json(PasskeyAddedResponse::from(passkey)))
}
