//! The App factory: shared state, middleware, routes, and problem+json for whatever actix answers
//! on its own (unknown route, wrong method).

use crate::error::{ApiError, extractor_errors};
use crate::openapi;
use crate::routes;
use crate::state::AppState;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use utoipa_swagger_ui::SwaggerUi;

pub fn configure_app(state: AppState) -> impl FnOnce(&mut web::ServiceConfig) + Clone {
    move |cfg: &mut web::ServiceConfig| {
        let limit = state.settings.max_body_bytes;
        cfg.app_data(web::Data::new(state))
            .app_data(web::JsonConfig::default().limit(limit).error_handler(extractor_errors::json))
            .app_data(web::PayloadConfig::default().limit(limit))
            // Page forms take what the API takes (actix's own default is 16 KiB).
            .app_data(web::FormConfig::default().limit(limit).error_handler(crate::pages::kernel::posted::too_large))
            .app_data(web::QueryConfig::default().error_handler(extractor_errors::query))
            .app_data(web::PathConfig::default().error_handler(extractor_errors::path))
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/v1/openapi.json", openapi::document()))
            .route("/api/docs", web::get().to(redirect_to_docs))
            .configure(routes::configure);
    }
}

async fn redirect_to_docs() -> HttpResponse {
    HttpResponse::PermanentRedirect().insert_header((header::LOCATION, "/api/docs/")).finish()
}

/// An unknown path is a 404; a known path with a method it does not take is a 405 (actix's
/// routes of a single method end here too).
pub async fn route_not_found(req: HttpRequest) -> HttpResponse {
    match routes::allowed_methods(req.path()) {
        Some(allow) => method_not_allowed_response(allow),
        // A person's browser asking for a page that does not exist gets a page that says so.
        None if crate::pages::kernel::is_page_request(&req) => crate::pages::kernel::unknown_address(&req),
        None => {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("No route for {} {}.", req.method(), req.path()))
                .error_response()
        }
    }
}

/// The whole application; used by the server and by tests alike.
macro_rules! app {
    ($state:expr) => {
        actix_web::App::new()
            .configure($crate::startup::configure_app($state))
            .default_service(actix_web::web::to($crate::startup::route_not_found))
            .wrap(
                actix_web::middleware::ErrorHandlers::new()
                    .handler(actix_web::http::StatusCode::METHOD_NOT_ALLOWED, $crate::startup::method_not_allowed)
                    .handler(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR, $crate::pages::kernel::server_error)
                    .handler(actix_web::http::StatusCode::SERVICE_UNAVAILABLE, $crate::pages::kernel::server_error),
            )
            // A page's `PageError` becomes its page here, with the request at hand.
            .wrap(actix_web::middleware::from_fn($crate::pages::kernel::errors::render))
            .wrap(actix_web::middleware::from_fn($crate::startup::head_as_get))
            .wrap(actix_web::middleware::from_fn($crate::hardening::guard))
            .wrap(actix_web::middleware::from_fn($crate::telemetry::request_id_header))
            .wrap(actix_web::middleware::from_fn($crate::telemetry::record_requests))
            .wrap(tracing_actix_web::TracingLogger::<$crate::hardening::RedactedRootSpan>::new())
    };
}
pub(crate) use app;

/// `HEAD` is `GET` without the body (HTTP requires both; uptime monitors and load balancers use
/// `HEAD`). Routes are declared for GET, so a HEAD request is routed as one; the HTTP layer
/// remembers it was HEAD and sends the headers only.
pub async fn head_as_get(
    mut req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    if req.method() == actix_web::http::Method::HEAD {
        req.head_mut().method = actix_web::http::Method::GET;
    }
    next.call(req).await
}

/// actix answers a known path with the wrong method with an empty 405; give it a body and the
/// `Allow` header HTTP requires.
pub fn method_not_allowed<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let (req, _) = res.into_parts();
    let allow = routes::allowed_methods(req.path()).unwrap_or_default();
    let res = ServiceResponse::new(req, method_not_allowed_response(allow)).map_into_right_body();
    Ok(ErrorHandlerResponse::Response(res))
}

fn method_not_allowed_response(allow: String) -> HttpResponse {
    let problem =
        ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", format!("This path takes only {allow}."));
    let mut response = problem.error_response();
    if let Ok(value) = header::HeaderValue::from_str(&allow) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}
