use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::passkeys;

/// Removes one of your passkeys; you are emailed. With no passkey and no authenticator app left,
/// sign-in asks for the password alone.
#[utoipa::path(delete, path = "/api/v1/me/second-factor/passkeys/{id}", tag = "auth", security(("bearer" = [])),
    params(("id" = String, Path)), responses(
    (status = 204, description = "removed"),
    (status = 404, description = "none of your passkeys has this id", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state.call(Some(caller), client, move |ctx| passkeys::remove(ctx, &id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
