use crate::dto::buyer::VerifyEmailRequest;
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::buyers;

/// Confirms a buyer's address with the token of the link in its email: the account then waits
/// for the organiser's verification. A used or expired link answers 410 with its code
/// (`confirmation_used`, `confirmation_expired`); a token never issued 404.
#[utoipa::path(post, path = "/api/v1/buyers/verify-email", tag = "buyers", request_body = VerifyEmailRequest, responses(
    (status = 204, description = "the address is confirmed"),
    (status = 404, description = "no link has this token", body = crate::error::Problem),
    (status = 410, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    body: JsonBody<VerifyEmailRequest>,
) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().token;
    state.call(None, client, move |ctx| buyers::confirm_email(ctx, &token)).await?;
    Ok(HttpResponse::NoContent().finish())
}
