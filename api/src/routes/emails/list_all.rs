use crate::dto::email::{AllLogParams, EmailPage, parse_status};
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::{self, emails};

/// Every pavilion's delivery log, newest first (the organiser), filterable by pavilion and status.
#[utoipa::path(get, path = "/api/v1/emails", tag = "emails", security(("bearer" = [])), params(AllLogParams), responses(
    (status = 200, body = EmailPage),
    (status = 403, body = crate::error::Problem),
    (status = 404, description = "no pavilion has the slug in `pavilion`", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    params: web::Query<AllLogParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    let filter = emails::LogFilter {
        status: parse_status(params.status.as_deref())?,
        cursor: params.cursor,
        limit: services::page_size(params.limit)?,
    };
    let pavilion = params.pavilion;
    let page = state.run(move |conn, _| emails::log_all(conn, &caller, pavilion.as_deref(), filter)).await?;
    Ok(HttpResponse::Ok().json(EmailPage::from(page)))
}
