use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::domain::InvitationId;
use pavilion_core::services::invitations;

/// Withdraws an open invitation; its link stops working (its admins and the organiser).
#[utoipa::path(delete, path = "/api/v1/pavilions/{slug}/invitations/{id}", tag = "invitations", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the invitation")),
    responses(
    (status = 204, description = "revoked"),
    (status = 403, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<(String, InvitationId)>,
) -> Result<HttpResponse, ApiError> {
    let (slug, id) = path.into_inner();
    state.call(Some(caller), client, move |ctx| invitations::revoke(ctx, &slug, &id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
