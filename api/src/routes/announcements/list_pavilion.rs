use crate::dto::announcement::{AnnouncementListParams, AnnouncementPage};
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::{self, announcements};

/// The announcements this pavilion sent, newest first, with their messages queued, sent and
/// failed (its admins and the organiser).
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/announcements", tag = "announcements", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), AnnouncementListParams), responses(
    (status = 200, body = AnnouncementPage),
    (status = 403, body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    slug: web::Path<String>,
    params: web::Query<AnnouncementListParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    let limit = services::page_size(params.limit)?;
    let slug = slug.into_inner();
    let page = state
        .run(move |conn, _| announcements::list_in_pavilion(conn, &caller, &slug, params.cursor.as_deref(), limit))
        .await?;
    Ok(HttpResponse::Ok().json(AnnouncementPage::from(page)))
}
