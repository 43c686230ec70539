use crate::dto::auth::PasswordResetRequest;
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use crate::throttling::{self, AttemptKeys};
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts::SignInAt;
use pavilion_core::services::password_reset;

/// A pavilion account forgot its password: 202 whether or not the account exists; if it does,
/// an email carries a link `{PUBLIC_URL}/reset/{token}`, valid one hour.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/auth/password-reset", tag = "auth",
    params(("slug" = String, Path, description = "the pavilion's slug")), request_body = PasswordResetRequest, responses(
    (status = 202, description = "if the account exists, a link is on its way"),
    (status = 429, description = "too many requests for this address or from this client", body = crate::error::Problem),
))]
pub async fn for_pavilion_member(
    state: web::Data<AppState>,
    Client(client): Client,
    slug: web::Path<String>,
    body: JsonBody<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = body.into_inner().email;
    let slug = slug.into_inner();
    let keys = AttemptKeys::new(&SignInAt::Pavilion(slug.clone()), &email, client.ip.as_deref());
    throttling::reserve_reset(&state, &keys).await?;
    state.call(None, client, move |ctx| password_reset::request_for_pavilion_member(ctx, &slug, &email)).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// An organiser forgot its password: as above, for organiser accounts.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth", request_body = PasswordResetRequest, responses(
    (status = 202, description = "if the account exists, a link is on its way"),
    (status = 429, description = "too many requests for this address or from this client", body = crate::error::Problem),
))]
pub async fn for_organiser(
    state: web::Data<AppState>,
    Client(client): Client,
    body: JsonBody<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = body.into_inner().email;
    throttling::reserve_reset(&state, &AttemptKeys::new(&SignInAt::Organisers, &email, client.ip.as_deref())).await?;
    state.call(None, client, move |ctx| password_reset::request_for_organiser(ctx, &email)).await?;
    Ok(HttpResponse::Accepted().finish())
}
