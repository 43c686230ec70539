use crate::dto::buyer::RegisterBuyerRequest;
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use crate::throttling::{self, AttemptKeys};
use actix_web::{HttpResponse, web};

/// Registers a buyer: 202 whether or not the address has a buyer account. A new address gets an
/// email with `{PUBLIC_URL}/verify-email/{token}` (24 hours, once); an address that has an
/// account gets an email saying so, and the account stays as it is. Until its address is
/// confirmed the account does not sign in; then it waits for the organiser's verification.
#[utoipa::path(post, path = "/api/v1/buyers", tag = "buyers", request_body = RegisterBuyerRequest, responses(
    (status = 202, description = "an email is on its way to the address"),
    (status = 422, description = "a field is refused (each named); says nothing of the address's accounts", body = crate::error::Problem),
    (status = 429, description = "too many registrations for this address or from this client", body = crate::error::Problem),
    (status = 503, description = "too many password checks queued; retry after `Retry-After`", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    body: JsonBody<RegisterBuyerRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    throttling::reserve_reset(&state, &AttemptKeys::registration(&request.email, client.ip.as_deref())).await?;
    crate::credentials::register_buyer(&state, client, request.into()).await?;
    Ok(HttpResponse::Accepted().finish())
}
