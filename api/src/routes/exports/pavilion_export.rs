use crate::error::ApiError;
use crate::extractors::Authenticated;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use pavilion_core::services::exports;

/// One pavilion's companies or works as CSV or XLSX (its admins, the organiser): one row per
/// company or work, a column per field and language (`name.en`, `name.zh-Hans`, …), lists joined
/// by "; ", rights in words. `version=published` (the default) is what the public sees;
/// `version=working` the copies being edited. CSV is UTF-8 with a byte-order mark; text a
/// spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab) starts with an apostrophe.
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/exports/{export}", tag = "exports", security(("bearer" = [])),
    params(
        ("slug" = String, Path, description = "the pavilion's slug"),
        ("export" = String, Path, description = "`exhibitors.csv`, `exhibitors.xlsx`, `works.csv` or `works.xlsx`"),
        ("version" = Option<String>, Query, description = "`published` (default) or `working`"),
    ),
    responses(
        (status = 200, description = "the file, streamed", content_type = "text/csv", body = String),
        (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    path: web::Path<(String, String)>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (slug, file) = path.into_inner();
    let (dataset, format) = super::file(&file)?;
    let version = super::version(request.query_string())?;
    let export = state.run(move |conn, _| exports::of_pavilion(conn, &caller, &slug, dataset, version)).await?;
    Ok(crate::downloads::stream(state, export, format))
}
