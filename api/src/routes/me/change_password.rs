use crate::credentials;
use crate::dto::me::ChangePasswordRequest;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};

/// Changes your password (the current one is required). Your other sessions end; this one stays.
/// Wrong current passwords meet the same growing delays as failed logins (429 with `Retry-After`).
#[utoipa::path(post, path = "/api/v1/me/password", tag = "auth", security(("bearer" = [])),
    request_body = ChangePasswordRequest, responses(
    (status = 204, description = "changed"),
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
    credentials::change_password(&state, caller, client, current_password, new_password).await?;
    Ok(HttpResponse::NoContent().finish())
}
