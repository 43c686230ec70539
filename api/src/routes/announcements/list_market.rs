use crate::dto::announcement::{AnnouncementListParams, AnnouncementPage};
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::{self, announcements};

/// Every announcement of the deployment, the organiser's and each pavilion's, newest first, with
/// its messages queued, sent and failed (the organiser).
#[utoipa::path(get, path = "/api/v1/announcements", tag = "announcements", security(("bearer" = [])),
    params(AnnouncementListParams), responses(
    (status = 200, body = AnnouncementPage),
    (status = 403, body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    params: web::Query<AnnouncementListParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    let limit = services::page_size(params.limit)?;
    let page =
        state.run(move |conn, _| announcements::list_all(conn, &caller, params.cursor.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(AnnouncementPage::from(page)))
}
