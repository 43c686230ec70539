use crate::dto::auth::{LoginRequest, TokenPairResponse};
use crate::error::ApiError;
use crate::extractors::Client;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts;

/// Organiser login. Any wrong email or password gets the same 401 after the same work.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = TokenPairResponse),
    (status = 401, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { email, password } = body.into_inner();
    let pair = state
        .transaction(move |conn, state| {
            accounts::login_organiser(conn, &state.auth, state.now(), &email, &password, client)
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(TokenPairResponse::from(pair)))
}

/// Token responses must not be cached by anything in between.
pub fn no_store() -> (actix_web::http::header::HeaderName, &'static str) {
    (actix_web::http::header::CACHE_CONTROL, "no-store")
}
