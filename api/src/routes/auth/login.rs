use crate::dto::auth::{LoginRequest, TokenPairResponse};
use crate::error::ApiError;
use crate::extractors::Client;
use crate::state::AppState;
use crate::throttling::{self, AttemptKeys};
use actix_web::{HttpResponse, web};
use pavilion_core::CoreError;
use pavilion_core::auth::TokenPair;
use pavilion_core::db::DbConnection;
use pavilion_core::services::accounts::{self, ClientInfo, LoginCandidate};

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
    let outcome =
        complete_login(&state, client, password, move |conn| accounts::find_organiser_candidate(conn, &email)).await;
    throttling::record_login(&state, &keys, &outcome);
    let pair = outcome?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(TokenPairResponse::from(pair)))
}

/// A login in three steps, so that no database connection waits on argon2: look the account up,
/// check the password on the bounded hashing pool, then open the session.
pub async fn complete_login<F>(
    state: &AppState,
    client: ClientInfo,
    password: String,
    find: F,
) -> Result<TokenPair, ApiError>
where
    F: FnOnce(&mut DbConnection) -> Result<LoginCandidate, CoreError> + Send + 'static,
{
    let candidate = state.run(move |conn, _| find(conn)).await?;
    let user = state.hash(move || accounts::check_password(candidate, &password)).await?;
    state.transaction(move |conn, state| accounts::start_session(conn, &state.auth, state.now(), &user, client)).await
}

/// Token responses must not be cached by anything in between.
pub fn no_store() -> (actix_web::http::header::HeaderName, &'static str) {
    (actix_web::http::header::CACHE_CONTROL, "no-store")
}
