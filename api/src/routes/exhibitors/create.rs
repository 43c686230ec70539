use crate::dto::exhibitor::{CreateExhibitorRequest, ExhibitorResponse, parse_create};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::exhibitors;

/// Creates a company in the pavilion (its admins, the organiser). With `contact_email`, that
/// person gets an exhibitor invitation tied to the company, in the same transaction.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/exhibitors", tag = "exhibitors", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug")), request_body = CreateExhibitorRequest,
    responses(
    (status = 201, body = ExhibitorResponse, headers(("ETag" = String))),
    (status = 403, body = crate::error::Problem),
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
    let (draft, _invitation) =
        state.call(Some(caller), client, move |ctx| exhibitors::create(ctx, &slug, profile, contact)).await?;
    Ok(super::respond(HttpResponse::Created(), draft.into()))
}
