use crate::dto::email::{EmailPage, LogParams, parse_status};
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::{self, emails};

/// A pavilion's delivery log, newest first (its admins and the organiser).
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/emails", tag = "emails", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), LogParams), responses(
    (status = 200, body = EmailPage),
    (status = 403, body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    slug: web::Path<String>,
    params: web::Query<LogParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    let filter = emails::LogFilter {
        status: parse_status(params.status.as_deref())?,
        cursor: params.cursor,
        limit: services::page_size(params.limit)?,
    };
    let slug = slug.into_inner();
    let page = state.run(move |conn, _| emails::log_for_pavilion(conn, &caller, &slug, filter)).await?;
    Ok(HttpResponse::Ok().json(EmailPage::from(page)))
}
