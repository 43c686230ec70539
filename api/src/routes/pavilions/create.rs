use crate::dto::pavilion::{CreatePavilionRequest, PavilionResponse};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use pavilion_core::domain::NewPavilion;
use pavilion_core::services::pavilions;

/// Creates a pavilion (organiser only); it starts as `draft` unless `status` says `active`.
#[utoipa::path(post, path = "/api/v1/pavilions", tag = "pavilions", security(("bearer" = [])),
    request_body = CreatePavilionRequest, responses(
    (status = 201, body = PavilionResponse),
    (status = 403, body = crate::error::Problem),
    (status = 409, description = "slug taken", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    body: JsonBody<CreatePavilionRequest>,
) -> Result<HttpResponse, ApiError> {
    // Permission first: a caller who may not create learns nothing from validation messages.
    pavilion_core::policy::authorize_create_pavilion(&caller)?;
    let new = NewPavilion::try_from(body.into_inner())?;
    let pavilion = state.call(Some(caller), client, move |ctx| pavilions::create(ctx, new)).await?;
    let location = format!("/api/v1/pavilions/{}", pavilion.slug);
    Ok(HttpResponse::Created().insert_header((header::LOCATION, location)).json(PavilionResponse::new(pavilion, true)))
}
