use crate::dto::auth::PasswordResetRequest;
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use crate::throttling::{self, AttemptKeys};
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts::SignInAt;
use pavilion_core::services::password_reset;

/// A buyer forgot its password: 202 whether or not the account exists; if it does, an email
/// carries a link `{PUBLIC_URL}/reset/{token}`, valid one hour, confirmed as every reset is.
#[utoipa::path(post, path = "/api/v1/buyers/auth/password-reset", tag = "buyers", request_body = PasswordResetRequest, responses(
    (status = 202, description = "if the account exists, a link is on its way"),
    (status = 429, description = "too many requests for this address or from this client", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    body: JsonBody<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = body.into_inner().email;
    throttling::reserve_reset(&state, &AttemptKeys::new(&SignInAt::Buyers, &email, client.ip.as_deref())).await?;
    state.call(None, client, move |ctx| password_reset::request_for_buyer(ctx, &email)).await?;
    Ok(HttpResponse::Accepted().finish())
}
