use crate::dto::exhibitor::{CreateExhibitorRequest, ExhibitorResponse, parse_create};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::audit::Action;
use pavilion_core::services::exhibitors;

/// Creates a company in the pavilion (its admins, the organiser). With `contact_email`, that
/// person gets an exhibitor invitation tied to the company, in the same transaction.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/exhibitors", tag = "exhibitors", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug")), request_body = CreateExhibitorRequest,
    responses(
    (status = 201, body = ExhibitorResponse, headers(("ETag" = String))),
    (status = 401, body = crate::error::Problem),
    (status = 403, body = crate::error::Problem),
    (status = 404, body = crate::error::Problem),
    (status = 409, description = "the contact already has an account here", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    slug: web::Path<String>,
    body: JsonBody<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    let (profile, contact) = parse_create(body.into_inner())?;
    let slug = slug.into_inner();
    let (draft, invited) = state
        .transaction(move |conn, state| {
            let settings = crate::routes::invitations::invite_settings(state);
            let (draft, invitation) =
                exhibitors::create(conn, &caller, state.now(), &settings, &slug, profile, contact)?;
            let (pavilion, ip) = (Some(&draft.exhibitor.pavilion_id), client.ip.as_deref());
            let target = Some(draft.exhibitor.id.as_str());
            crate::audit::record(conn, state, Action::ExhibitorCreated, pavilion, Some(&caller.user_id), target, ip)?;
            if let Some(invitation) = &invitation {
                let email = Some(invitation.email.as_str());
                crate::audit::record(conn, state, Action::InvitationSent, pavilion, Some(&caller.user_id), email, ip)?;
            }
            Ok((draft, invitation.is_some()))
        })
        .await?;
    if invited {
        state.mail_wake.notify_one();
    }
    Ok(super::respond(HttpResponse::Created(), draft.into()))
}
