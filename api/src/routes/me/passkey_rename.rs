use crate::dto::second_factor::PasskeyRenameRequest;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::passkeys;

/// Renames one of your passkeys.
#[utoipa::path(patch, path = "/api/v1/me/second-factor/passkeys/{id}", tag = "auth", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = PasskeyRenameRequest, responses(
    (status = 204, description = "renamed"),
    (status = 404, description = "none of your passkeys has this id", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    id: web::Path<String>,
    body: JsonBody<PasskeyRenameRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, name) = (id.into_inner(), body.into_inner().name);
    state.call(Some(caller), client, move |ctx| passkeys::rename(ctx, &id, &name)).await?;
    Ok(HttpResponse::NoContent().finish())
}
