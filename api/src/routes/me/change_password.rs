use crate::dto::me::ChangePasswordRequest;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use crate::throttling::{self, AttemptKeys};
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts;

/// Changes your password (the current one is required). Your other sessions end; this one stays.
/// Wrong current passwords meet the same growing delays as failed logins (429 with `Retry-After`).
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", security(("bearer" = [])),
    request_body = ChangePasswordRequest, responses(
    (status = 204, description = "changed"),
    (status = 401, body = crate::error::Problem),
    (status = 409, description = "the password was changed meanwhile", body = crate::error::Problem),
    (status = 422, description = "wrong current password or a weak new one", body = crate::error::Problem),
    (status = 429, body = crate::error::Problem),
    (status = 503, description = "too many password checks queued (a login flood); retry after `Retry-After`", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    body: JsonBody<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let ChangePasswordRequest { current_password, new_password } = body.into_inner();
    let keys = AttemptKeys::password_check(caller.user_id.as_str(), client.ip.as_deref());
    // Check, hash, write: no database connection waits on argon2.
    let checking = caller.clone();
    let change = state
        .run(move |conn, _| accounts::check_password_change(conn, &checking, &current_password, &new_password))
        .await?;
    // The new password is acceptable; guessing the current one is what the limit is for.
    let attempt = throttling::begin_password_attempt(&state, keys)?;
    let proof = state.hash(move || accounts::hash_password_change(change)).await;
    attempt.settle(&proof, "validation_failed");
    let (replaced, new) = proof?;
    state.call(Some(caller), client, move |ctx| accounts::change_password(ctx, &replaced, &new)).await?;
    Ok(HttpResponse::NoContent().finish())
}
