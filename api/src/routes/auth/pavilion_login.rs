use super::login::log_in;
use crate::dto::auth::LoginRequest;
use crate::dto::second_factor::LoginResponse;
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts::SignInAt;

/// Login of a pavilion's admins and exhibitors, at their pavilion. Any wrong pavilion, email or
/// password gets the same 401 after the same work.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/auth/login", tag = "auth",
    params(("slug" = String, Path, description = "the pavilion's slug")), request_body = LoginRequest, responses(
    (status = 200, description = "tokens, or a second-factor challenge as for the organisers' login", body = LoginResponse),
    (status = 401, body = crate::error::Problem),
    (status = 429, body = crate::error::Problem),
    (status = 503, description = "too many password checks queued (a login flood); retry after `Retry-After`", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Client(client): Client,
    slug: web::Path<String>,
    body: JsonBody<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest { email, password } = body.into_inner();
    log_in(&state, client, SignInAt::Pavilion(slug.into_inner()), email, password).await
}
