use crate::dto::invitation::{CreateInvitationRequest, InvitationResponse};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::invitations::{self, InviteCommand};

/// Invites someone into the pavilion by email (the organiser; the pavilion's admins). The email
/// carries a single-use link `{PUBLIC_URL}/invite/{token}`; inviting the same address again
/// replaces the previous link.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/invitations", tag = "invitations", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug")), request_body = CreateInvitationRequest, responses(
    (status = 201, body = InvitationResponse),
    (status = 403, body = crate::error::Problem),
    (status = 409, description = "the address already has an account here", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    slug: web::Path<String>,
    body: JsonBody<CreateInvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let command = InviteCommand::try_from(body.into_inner())?;
    let slug = slug.into_inner();
    let invitation = state.call(Some(caller), client, move |ctx| invitations::invite(ctx, &slug, command)).await?;
    Ok(HttpResponse::Created().json(InvitationResponse::from(invitation)))
}
