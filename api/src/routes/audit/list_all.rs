use crate::dto::audit::{AuditPage, AuditParams};
use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::audit_log;

/// The whole deployment's audit log, newest first (the organiser), filterable by pavilion.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])), params(AuditParams), responses(
    (status = 200, body = AuditPage),
    (status = 403, body = crate::error::Problem),
    (status = 404, description = "no pavilion has the slug in `pavilion`", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    params: web::Query<AuditParams>,
) -> Result<HttpResponse, ApiError> {
    let filter = params.filter()?;
    let pavilion = params.into_inner().pavilion;
    let page = state.run(move |conn, _| audit_log::log_all(conn, &caller, pavilion.as_deref(), filter)).await?;
    Ok(HttpResponse::Ok().json(AuditPage::from(page)))
}
