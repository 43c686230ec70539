use crate::credentials;
use crate::dto::auth::{LoginRequest, TokenPairResponse};
use crate::dto::second_factor::{LoginResponse, SecondFactorNeeded};
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::CoreError;
use pavilion_core::services::accounts::{ClientInfo, ForApi, SignInAt};
use pavilion_core::services::sign_in::{self, SignInStep};

/// Organiser login. Any wrong email or password gets the same 401 after the same work. Repeated
/// failures for one account or from one address meet growing delays (429 with `Retry-After`).
/// An account with a second factor gets `{second_factor: {challenge, methods, expires_in}}`
/// instead of tokens, and finishes with `POST /api/v1/auth/second-factor`.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest, responses(
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
    let attempt = credentials::begin(state, &at, &email, &client).await?;
    let outcome = credentials::check_credentials(state, client.clone(), at, email, password).await;
    attempt.settle(&outcome, |error| matches!(error, CoreError::Unauthenticated)).await;
    let user = outcome?;
    let auth = state.auth.clone();
    let step = state.call(None, client, move |ctx| sign_in::complete_login(ctx, &ForApi(&auth), &user)).await?;
    let answer = match step {
        SignInStep::Done(pair) => LoginResponse::Tokens(TokenPairResponse::from(pair)),
        SignInStep::SecondFactor(challenge) => LoginResponse::SecondFactor(SecondFactorNeeded::from(challenge)),
    };
    Ok(HttpResponse::Ok().insert_header(no_store()).json(answer))
}

/// Token responses must not be cached by anything in between.
pub fn no_store() -> (actix_web::http::header::HeaderName, &'static str) {
    (actix_web::http::header::CACHE_CONTROL, "no-store")
}
