use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::domain::UserId;
use pavilion_core::services::second_factors;

/// Removes a member's second factor for them (its admins and the organiser), once you have
/// checked out of band that it is them asking: they lost their phone and recovery codes. Every
/// session of theirs ends; they are emailed, and the audit log records who did it
/// (`second_factor_reset`). They add a new one after signing in with their password (at once,
/// if their role must have one). Your own you remove from `DELETE /api/v1/me/second-factor/totp`.
#[utoipa::path(delete, path = "/api/v1/pavilions/{slug}/users/{id}/second-factor", tag = "members",
    security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the account")),
    responses(
    (status = 204, description = "removed"),
    (status = 403, body = crate::error::Problem),
    (status = 404, description = "no such account, or it has no second factor", body = crate::error::Problem),
    (status = 409, description = "your own account", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<(String, UserId)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, id) = path.into_inner();
    state.call(Some(caller), client, move |ctx| second_factors::remove_for_member(ctx, &slug, &id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
