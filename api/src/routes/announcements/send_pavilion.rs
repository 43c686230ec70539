use crate::dto::announcement::{AnnouncementSent, PavilionAnnouncementRequest};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::announcements;

/// Sends an announcement from the pavilion, in its email identity, to its exhibitors, its admins
/// or both (its admins and the organiser). Each person receives it in their language, or the
/// nearest one it is written in.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/announcements", tag = "announcements", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug")), request_body = PavilionAnnouncementRequest, responses(
    (status = 201, description = "queued", body = AnnouncementSent),
    (status = 403, body = crate::error::Problem),
    (status = 422, description = "a field is wrong, or nobody holds the role yet", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    slug: web::Path<String>,
    body: JsonBody<PavilionAnnouncementRequest>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner().into();
    let slug = slug.into_inner();
    let sent = state.call(Some(caller), client, move |ctx| announcements::send_in_pavilion(ctx, &slug, input)).await?;
    Ok(HttpResponse::Created().json(AnnouncementSent::from(sent)))
}
