use crate::credentials;
use crate::dto::auth::PasswordResetConfirm;
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::password_reset;

/// Sets a new password with a reset link's token. Every session of the account ends and a
/// "your password was changed" notice is sent. A used, expired or replaced link (a newer request
/// was made) answers 410.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "auth", request_body = PasswordResetConfirm, responses(
    (status = 204, description = "password changed"),
    (status = 404, description = "no link has this token", body = crate::error::Problem),
    (status = 410, body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
    (status = 503, description = "too many password checks queued (a login flood); retry after `Retry-After`", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    body: JsonBody<PasswordResetConfirm>,
) -> Result<HttpResponse, ApiError> {
    let PasswordResetConfirm { token, password } = body.into_inner();
    let new_password = credentials::prepare_reset(&state, token.clone(), password).await?;
    state.call(None, client, move |ctx| password_reset::confirm(ctx, &token, &new_password)).await?;
    Ok(HttpResponse::NoContent().finish())
}
