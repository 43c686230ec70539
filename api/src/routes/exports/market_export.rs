use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use pavilion_core::services::exports;

/// The market's companies or works as CSV or XLSX (the organiser): the columns of a pavilion's
/// export, every pavilion's rows in slug order, or only the pavilions named by `pavilion`
/// (repeated, or comma-separated; an unknown one is refused with 422).
#[utoipa::path(get, path = "/api/v1/exports/{export}", tag = "exports", security(("bearer" = [])),
    params(
        ("export" = String, Path, description = "`exhibitors.csv`, `exhibitors.xlsx`, `works.csv` or `works.xlsx`"),
        ("version" = Option<String>, Query, description = "`published` (default) or `working`"),
        ("pavilion" = Option<String>, Query, description = "the slugs of the pavilions to export; all when absent"),
    ),
    responses(
        (status = 200, description = "the file, streamed", content_type = "text/csv", body = String),
        (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    file: web::Path<String>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (dataset, format) = super::file(&file.into_inner())?;
    let version = super::version(request.query_string())?;
    let slugs: Vec<String> = url::form_urlencoded::parse(request.query_string().as_bytes())
        .filter(|(key, _)| key == "pavilion")
        .flat_map(|(_, value)| value.split(',').map(|slug| slug.trim().to_owned()).collect::<Vec<_>>())
        .filter(|slug| !slug.is_empty())
        .collect();
    let export = state.run(move |conn, _| exports::of_market(conn, &caller, &slugs, dataset, version)).await?;
    Ok(crate::downloads::stream(state, export, format))
}
