use crate::dto::member::{MemberList, MemberResponse};
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::members;

/// The pavilion's accounts (its admins and the organiser).
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/users", tag = "members", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug")), responses(
    (status = 200, body = MemberList),
    (status = 403, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = slug.into_inner();
    let users = state.run(move |conn, _| members::list(conn, &caller, &slug)).await?;
    Ok(HttpResponse::Ok().json(MemberList { items: users.into_iter().map(MemberResponse::from).collect() }))
}
