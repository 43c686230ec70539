use crate::credentials;
use crate::dto::auth::TokenPairResponse;
use crate::dto::invitation::AcceptInvitationRequest;
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::routes::auth::login::no_store;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts::ForApi;
use pavilion_core::services::invitations;

/// Accepts an invitation: sets the new account's name and password and logs it in. A used,
/// withdrawn or expired link answers 410 with `invitation_used`, `invitation_revoked` or
/// `invitation_expired`.
#[utoipa::path(post, path = "/api/v1/invitations/accept", tag = "invitations", request_body = AcceptInvitationRequest, responses(
    (status = 200, body = TokenPairResponse),
    (status = 404, description = "no invitation has this token", body = crate::error::Problem),
    (status = 409, body = crate::error::Problem),
    (status = 410, body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
    (status = 503, description = "too many password checks queued (a login flood); retry after `Retry-After`", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    body: JsonBody<AcceptInvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let AcceptInvitationRequest { token, name, password } = body.into_inner();
    let (name, password) = credentials::prepare_acceptance(&state, token.clone(), name, password).await?;
    let auth = state.auth.clone();
    let (pair, _user) =
        state.call(None, client, move |ctx| invitations::accept(ctx, &ForApi(&auth), &token, name, &password)).await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(TokenPairResponse::from(pair)))
}
