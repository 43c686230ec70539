use crate::dto::announcement::{AnnouncementSent, MarketAnnouncementRequest};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::announcements;

/// Sends an announcement from the organiser, in the deployment's email identity, to the admins,
/// the exhibitors or both of every pavilion not archived, or of the chosen ones. Each person
/// receives it in their language, or the nearest one it is written in. Every message is queued
/// at once and delivered by the outbox worker; an exhibitor invited but not yet signed up is
/// written to at the invited address.
#[utoipa::path(post, path = "/api/v1/announcements", tag = "announcements", security(("bearer" = [])),
    request_body = MarketAnnouncementRequest, responses(
    (status = 201, description = "queued", body = AnnouncementSent),
    (status = 403, body = crate::error::Problem),
    (status = 422, description = "a field is wrong, a pavilion is unknown, or nobody holds the role yet", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    body: JsonBody<MarketAnnouncementRequest>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner().into();
    let sent = state.call(Some(caller), client, move |ctx| announcements::send_to_market(ctx, input)).await?;
    Ok(HttpResponse::Created().json(AnnouncementSent::from(sent)))
}
