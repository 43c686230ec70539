use crate::error::ApiError;
use crate::metrics::Now;
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use pavilion_core::auth::constant_time_eq;
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};
use std::sync::atomic::Ordering;

/// The server's metrics in the Prometheus text format (see `crate::metrics`). With
/// `PAVILION_METRICS_TOKEN` set, only for `Authorization: Bearer <token>`.
#[utoipa::path(get, path = "/metrics", tag = "operations", responses(
    (status = 200, description = "the metrics, in the Prometheus text format (version 0.0.4)", content_type = "text/plain"),
    (status = 401, description = "PAVILION_METRICS_TOKEN is set and the request did not present it", body = crate::error::Problem),
))]
pub async fn handle(state: web::Data<AppState>, request: HttpRequest) -> Result<HttpResponse, ApiError> {
    if let Some(expected) = &state.settings.metrics_token {
        let presented = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .unwrap_or_default();
        // Compared as digests, so neither the length nor the content leaks through timing.
        let digest = |secret: &str| Sha256::digest(secret.as_bytes());
        if !constant_time_eq(&digest(presented), &digest(expected.expose_secret())) {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "The metrics ask for the token in PAVILION_METRICS_TOKEN, as a bearer token.",
            ));
        }
    }
    let at = state.now();
    // The scrape answers even when the database does not: the backlog is then left out.
    let backlog = state.run(move |conn, _| pavilion_core::services::operations::outbox_backlog(conn, at)).await.ok();
    let now = Now {
        at,
        connections: state.db.connections(),
        pool_max: state.db.max_size(),
        db_waiting: state.db_threads.waiting(),
        db_timed_out: state.db_threads.timed_out(),
        hashing_pending: state.hashing.pending(),
        hashing_capacity: state.hashing.capacity(),
        hashing_refused: state.hashing.refused(),
        password_verifications: state.hashing.verifications(),
        deliveries: state.deliveries.clone(),
        backlog,
        draining: state.draining.load(Ordering::SeqCst),
    };
    Ok(HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(state.metrics.render(now)))
}
