use crate::credentials as sign_in;
use crate::dto::auth::{LoginRequest, TokenPairResponse};
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts::{self, ClientInfo, ForApi, SignInAt};

/// Organiser login. Any wrong email or password gets the same 401 after the same work. Repeated
/// failures for one account or from one address meet growing delays (429 with `Retry-After`).
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = TokenPairResponse),
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
    log_in(&state, client, SignInAt::Organisers, email, password).await
}

/// A JSON login where it is made: counted, checked, then a session with tokens.
pub async fn log_in(
    state: &AppState,
    client: ClientInfo,
    at: SignInAt,
    email: String,
    password: String,
) -> Result<HttpResponse, ApiError> {
    let attempt = sign_in::begin(state, &at, &email, &client).await?;
    let outcome = sign_in::check_credentials(state, client.clone(), at, email, password).await;
    attempt.settle(&outcome, "unauthenticated").await;
    let user = outcome?;
    let auth = state.auth.clone();
    let pair = state.call(None, client, move |ctx| accounts::complete_login(ctx, &ForApi(&auth), &user)).await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(TokenPairResponse::from(pair)))
}

/// Token responses must not be cached by anything in between.
pub fn no_store() -> (actix_web::http::header::HeaderName, &'static str) {
    (actix_web::http::header::CACHE_CONTROL, "no-store")
}
