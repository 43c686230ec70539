use crate::dto::member::{MemberResponse, UpdateMemberRequest};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::CoreError;
use pavilion_core::domain::{Role, UserId};
use pavilion_core::services::members::{self, MemberChanges};

/// Changes an account of the pavilion (its admins and the organiser): `disabled` ends its
/// sessions at once or re-enables it; `role` makes an admin an exhibitor of one of the
/// pavilion's companies (`exhibitor_id`) or an exhibitor an admin, from its next request. Nobody
/// disables themselves or changes their own role, and the pavilion keeps its last enabled admin
/// (409).
#[utoipa::path(patch, path = "/api/v1/pavilions/{slug}/users/{id}", tag = "members", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the account")),
    request_body = UpdateMemberRequest, responses(
    (status = 200, body = MemberResponse),
    (status = 403, body = crate::error::Problem),
    (status = 409, body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    path: web::Path<(String, UserId)>,
    body: JsonBody<UpdateMemberRequest>,
) -> Result<HttpResponse, ApiError> {
    let (slug, id) = path.into_inner();
    let UpdateMemberRequest { disabled, role, exhibitor_id } = body.into_inner();
    let role = role.map(|raw| parse_role(&raw)).transpose()?;
    let changes = MemberChanges { role, exhibitor_id, disabled };
    let user = state.call(Some(caller), client, move |ctx| members::update(ctx, &slug, &id, changes)).await?;
    Ok(HttpResponse::Ok().json(MemberResponse::from(user)))
}

fn parse_role(raw: &str) -> Result<Role, CoreError> {
    match raw {
        "pavilion_admin" => Ok(Role::PavilionAdmin),
        "exhibitor" => Ok(Role::Exhibitor),
        _ => Err(CoreError::invalid("role", "invalid_role", "must be pavilion_admin or exhibitor")),
    }
}
