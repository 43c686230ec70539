use crate::dto::audit::{AuditPage, AuditParams};
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::audit_log;

/// A pavilion's audit log, newest first (its admins and the organiser).
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/audit", tag = "audit", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), AuditParams), responses(
    (status = 200, body = AuditPage),
    (status = 403, body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    slug: web::Path<String>,
    params: web::Query<AuditParams>,
) -> Result<HttpResponse, ApiError> {
    let filter = params.filter()?;
    let slug = slug.into_inner();
    let page = state.run(move |conn, _| audit_log::log_for_pavilion(conn, &caller, &slug, filter)).await?;
    Ok(HttpResponse::Ok().json(AuditPage::from(page)))
}
