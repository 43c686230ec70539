use crate::dto::second_factor::TotpEnrolmentResponse;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::routes::auth::login::no_store;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::second_factors;

/// Starts adding an authenticator app: put the secret (or the `otpauth://` address, as a QR
/// code) into the app, then confirm with its first code. Until then sign-in is unchanged;
/// starting again replaces the secret. With an app already confirmed: 409, remove it first.
#[utoipa::path(post, path = "/api/v1/me/second-factor/totp", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, body = TotpEnrolmentResponse),
    (status = 409, description = "an authenticator app is already set up", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
) -> Result<HttpResponse, ApiError> {
    let auth = state.auth.clone();
    let enrolment =
        state.call(Some(caller), client, move |ctx| second_factors::start_totp(ctx, &auth.second_factors)).await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(TotpEnrolmentResponse::from(enrolment)))
}
