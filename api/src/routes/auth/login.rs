use crate::dto::auth::{LoginRequest, TokenPairResponse};
use crate::error::ApiError;
use crate::extractors::Client;
use crate::state::AppState;
use crate::throttling::{self, AttemptKeys};
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts;

/// Organiser login. Any wrong email or password gets the same 401 after the same work. Repeated
/// failures for one account or from one address meet growing delays (429 with `Retry-After`).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = TokenPairResponse),
    (status = 401, body = crate::error::Problem),
    (status = 429, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { email, password } = body.into_inner();
    let keys = AttemptKeys::new("organisers", &email, client.ip.as_deref());
    throttling::check_login(&state, &keys)?;
    let outcome = state
        .transaction(move |conn, state| {
            accounts::login_organiser(conn, &state.auth, state.now(), &email, &password, client)
        })
        .await;
    throttling::record_login(&state, &keys, &outcome);
    let pair = outcome?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(TokenPairResponse::from(pair)))
}

/// Token responses must not be cached by anything in between.
pub fn no_store() -> (actix_web::http::header::HeaderName, &'static str) {
    (actix_web::http::header::CACHE_CONTROL, "no-store")
}
