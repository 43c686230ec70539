use crate::dto::auth::LoginRequest;
use crate::dto::second_factor::LoginResponse;
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::routes::auth::login::log_in;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts::SignInAt;

/// Buyer login, as the organisers' and the pavilions': one 401 for every wrong email or
/// password, and for an account whose address is not confirmed yet; growing delays; the second
/// step when the account has one. A buyer's tokens open no pavilion's and no organiser's route.
#[utoipa::path(post, path = "/api/v1/buyers/auth/login", tag = "buyers", request_body = LoginRequest, responses(
    (status = 200, body = LoginResponse),
    (status = 401, body = crate::error::Problem),
    (status = 429, body = crate::error::Problem),
    (status = 503, description = "too many password checks queued (a login flood); retry after `Retry-After`", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    body: JsonBody<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { email, password } = body.into_inner();
    log_in(&state, client, SignInAt::Buyers, email, password).await
}
