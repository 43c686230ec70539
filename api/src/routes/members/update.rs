use crate::dto::member::{MemberResponse, UpdateMemberRequest};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::audit::Action;
use pavilion_core::services::members;

/// Disables or re-enables an account of the pavilion (its admins and the organiser). Disabling
/// ends the account's sessions at once. Admins cannot disable themselves, and the pavilion's last
/// enabled admin cannot be disabled (409).
#[utoipa::path(patch, path = "/api/v1/pavilions/{slug}/users/{id}", tag = "members", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the account")),
    request_body = UpdateMemberRequest, responses(
    (status = 200, body = MemberResponse),
    (status = 401, body = crate::error::Problem),
    (status = 403, body = crate::error::Problem),
    (status = 404, body = crate::error::Problem),
    (status = 409, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<(String, String)>,
    body: web::Json<UpdateMemberRequest>,
) -> Result<HttpResponse, ApiError> {
    let (slug, id) = path.into_inner();
    let disabled = body.into_inner().disabled;
    let user = state
        .transaction(move |conn, state| {
            let user = members::set_disabled(conn, &caller, state.now(), &slug, &id, disabled)?;
            let action = if disabled { Action::UserDisabled } else { Action::UserEnabled };
            let (pavilion, ip) = (user.pavilion_id.as_ref(), client.ip.as_deref());
            crate::audit::record(conn, state, action, pavilion, Some(&caller.user_id), Some(user.id.as_str()), ip)?;
            Ok(user)
        })
        .await?;
    Ok(HttpResponse::Ok().json(MemberResponse::from(user)))
}
