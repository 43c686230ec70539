use crate::dto::import::ImportReportResponse;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::imports;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ImportQuery {
    /// `true` (the default) checks and reports without writing.
    dry_run: Option<bool>,
}

/// Imports companies from a CSV file, the body (its admins, the organiser): the columns of an
/// export (`name.en`, …, `contact_email`), UTF-8 (a GBK/GB18030 file is converted), comma
/// separated, at most 5,000 rows and `PAVILION_MAX_UPLOAD_BYTES`. Rows with an `id` update that
/// company; rows without one match a company by name, or create one and invite its
/// `contact_email`. Only the file's columns are written. `dry_run=true` (the default) reports
/// row by row and writes nothing; `dry_run=false` writes all or nothing: a file with any row in
/// error answers 422 with the same report and changes nothing. A file whose form is wrong
/// (encoding, delimiter, unknown or missing columns, too many rows) is a 422 problem on `file`.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/imports/exhibitors", tag = "imports", security(("bearer" = [])),
    params(
        ("slug" = String, Path, description = "the pavilion's slug"),
        ("dry_run" = Option<bool>, Query, description = "`true` (default): report only; `false`: import"),
    ),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, body = ImportReportResponse),
        (status = 403, body = crate::error::Problem),
        (status = 413, body = crate::error::Problem),
        (status = 422, description = "the file's form is wrong (a problem on `file`), or, for a real import, rows are in error (the report, nothing written)", body = ImportReportResponse),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    slug: web::Path<String>,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let slug = slug.into_inner();
    let dry_run = query.dry_run.unwrap_or(true);
    let file = crate::uploads::read_file(&state, payload).await?;
    let report = state.call(Some(caller), client, move |ctx| imports::exhibitors(ctx, &slug, &file, dry_run)).await?;
    let refused = !dry_run && report.errors > 0;
    let mut response = if refused { HttpResponse::UnprocessableEntity() } else { HttpResponse::Ok() };
    Ok(response.json(ImportReportResponse::from(report)))
}
