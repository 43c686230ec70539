use crate::dto::pavilion::{PavilionResponse, UpdatePavilionRequest};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::domain::PavilionChanges;
use pavilion_core::services::pavilions;

/// Changes any field; status and slug only by the organiser, the rest also by its admins.
#[utoipa::path(patch, path = "/api/v1/pavilions/{slug}", tag = "pavilions", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug")),
    request_body = UpdatePavilionRequest, responses(
    (status = 200, body = PavilionResponse),
    (status = 403, body = crate::error::Problem),
    (status = 409, description = "new slug taken", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    slug: web::Path<String>,
    body: JsonBody<UpdatePavilionRequest>,
) -> Result<HttpResponse, ApiError> {
    let changes = PavilionChanges::try_from(body.into_inner())?;
    let slug = slug.into_inner();
    let pavilion = state.call(Some(caller), client, move |ctx| pavilions::update(ctx, &slug, changes)).await?;
    Ok(HttpResponse::Ok().json(PavilionResponse::new(pavilion, true)))
}
