use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use serde_json::json;

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "alive")))]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "ok"}))
}

/// Readiness: the database answers, its migrations are applied, and the server is not shutting
/// down (from SIGTERM on, it answers 503 so that load balancers send elsewhere).
#[utoipa::path(get, path = "/readyz", tag = "operations", responses(
    (status = 200, description = "ready"),
    (status = 503, description = "shutting down, database unreachable or migrations pending", body = crate::error::Problem),
))]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    if state.draining.load(std::sync::atomic::Ordering::SeqCst) {
        // Answered, not raised: an expected state, which the request log must not call an error.
        let problem = ApiError::new(
            actix_web::http::StatusCode::SERVICE_UNAVAILABLE,
            "shutting_down",
            "This server is shutting down; send requests to another one.",
        )
        .problem();
        return Ok(HttpResponse::ServiceUnavailable().content_type("application/problem+json").json(problem));
    }
    state.check_ready().await?;
    Ok(HttpResponse::Ok().json(json!({"status": "ready", "database": state.db.backend()})))
}
