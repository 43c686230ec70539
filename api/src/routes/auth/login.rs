use crate::dto::auth::{LoginRequest, TokenPairResponse};
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use crate::throttling::{self, AttemptKeys};
use actix_web::{HttpResponse, web};
use pavilion_core::auth::TokenPair;
use pavilion_core::services::accounts::{self, ClientInfo, SignInAt};

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
    let keys = AttemptKeys::new("organisers", &email, client.ip.as_deref());
    let attempt = throttling::begin_password_attempt(&state, keys)?;
    let outcome = complete_login(&state, client, SignInAt::Organisers, email, password).await;
    attempt.settle(&outcome, "unauthenticated");
    let pair = outcome?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(TokenPairResponse::from(pair)))
}

/// A login in three steps, so that no database connection waits on argon2: look the account up,
/// check the password on the bounded hashing pool, then open the session.
/// Both outcomes go to the audit log.
pub async fn complete_login(
    state: &AppState,
    client: ClientInfo,
    at: SignInAt,
    email: String,
    password: String,
) -> Result<TokenPair, ApiError> {
    let (typed, place) = (email.clone(), at.clone());
    let candidate = state.run(move |conn, _| accounts::find_candidate(conn, &place, &typed)).await?;
    let user = match state.hash(move || accounts::check_password(candidate, &password)).await {
        Ok(user) => user,
        Err(error) => {
            if error.code() == "unauthenticated" {
                let client = client.clone();
                state.call(None, client, move |ctx| accounts::record_failed_login(ctx, at.slug(), &email)).await?;
            }
            return Err(error);
        }
    };
    let auth = state.auth.clone();
    state.call(None, client, move |ctx| accounts::complete_login(ctx, &auth, &user)).await
}

/// Token responses must not be cached by anything in between.
pub fn no_store() -> (actix_web::http::header::HeaderName, &'static str) {
    (actix_web::http::header::CACHE_CONTROL, "no-store")
}
