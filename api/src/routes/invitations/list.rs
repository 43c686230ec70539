use crate::dto::invitation::{InvitationList, InvitationResponse};
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::invitations;

/// The pavilion's open invitations, newest first (its admins and the organiser).
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/invitations", tag = "invitations", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug")), responses(
    (status = 200, body = InvitationList),
    (status = 403, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = slug.into_inner();
    let open = state.run(move |conn, state| invitations::list_open(conn, &caller, state.now(), &slug)).await?;
    Ok(HttpResponse::Ok().json(InvitationList { items: open.into_iter().map(InvitationResponse::from).collect() }))
}
