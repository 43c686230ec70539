//! The App factory: shared state, middleware, routes, and problem+json for whatever actix answers
//! on its own (unknown route, wrong method).

use crate::error::{ApiError, extractor_errors};
use crate::openapi::ApiDoc;
use crate::routes;
use crate::state::AppState;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

pub fn configure_app(state: AppState) -> impl FnOnce(&mut web::ServiceConfig) + Clone {
    move |cfg: &mut web::ServiceConfig| {
        let limit = state.settings.max_body_bytes;
        cfg.app_data(web::Data::new(state))
            .app_data(web::JsonConfig::default().limit(limit).error_handler(extractor_errors::json))
            .app_data(web::PayloadConfig::default().limit(limit))
            .app_data(web::QueryConfig::default().error_handler(extractor_errors::query))
            .app_data(web::PathConfig::default().error_handler(extractor_errors::path))
            .route("/healthz", web::get().to(routes::health::healthz))
            .route("/readyz", web::get().to(routes::health::readyz))
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/v1/openapi.json", ApiDoc::openapi()))
            .route("/api/docs", web::get().to(redirect_to_docs))
            .service(web::scope("/api/v1").configure(routes::configure));
    }
}

async fn redirect_to_docs() -> HttpResponse {
    HttpResponse::PermanentRedirect().insert_header((header::LOCATION, "/api/docs/")).finish()
}

pub async fn route_not_found(req: HttpRequest) -> HttpResponse {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("No route for {} {}.", req.method(), req.path()))
        .error_response()
}

/// The whole application; used by the server and by tests alike.
macro_rules! app {
    ($state:expr) => {
        actix_web::App::new()
            .configure($crate::startup::configure_app($state))
            .default_service(actix_web::web::to($crate::startup::route_not_found))
            .wrap(
                actix_web::middleware::ErrorHandlers::new()
                    .handler(actix_web::http::StatusCode::METHOD_NOT_ALLOWED, $crate::startup::method_not_allowed),
            )
            .wrap(actix_web::middleware::from_fn($crate::telemetry::request_id_header))
            .wrap(tracing_actix_web::TracingLogger::default())
    };
}
pub(crate) use app;

/// actix answers a known path with the wrong method with an empty 405; give it a body.
pub fn method_not_allowed<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let problem =
        ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "This path does not accept that method.");
    let (req, _) = res.into_parts();
    let res = ServiceResponse::new(req, problem.error_response()).map_into_right_body();
    Ok(ErrorHandlerResponse::Response(res))
}
