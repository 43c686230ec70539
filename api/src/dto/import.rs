//! An import's report: what became, or would become, of each row.

use pavilion_core::services::imports::{ImportReport, RowReport};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct CellErrorResponse {
    /// The column the problem is in; absent when it is about the row as a whole.
    pub column: Option<String>,
    pub message: String,
}

#[derive(Serialize, ToSchema)]
pub struct ImportRowResponse {
    /// The row's line in the file (the header is line 1).
    pub line: usize,
    /// `create`, `update`, `unchanged` or `error`.
    pub action: &'static str,
    /// The company the row is (an update) or became (a real import's create).
    pub id: Option<String>,
    /// The company's name as the row gives it.
    pub name: String,
    pub errors: Vec<CellErrorResponse>,
}

#[derive(Serialize, ToSchema)]
pub struct ImportReportResponse {
    pub rows: Vec<ImportRowResponse>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub errors: usize,
    /// Whether the changes were written: a real import without errors. A dry run, or a file
    /// with any error, writes nothing.
    pub applied: bool,
    /// When the file was not UTF-8 but GBK/GB18030 (an older Chinese Excel's "CSV"): converted.
    pub converted_from: Option<&'static str>,
}

impl From<RowReport> for ImportRowResponse {
    fn from(row: RowReport) -> Self {
        Self {
            line: row.line,
            action: row.action.as_str(),
            id: row.id,
            name: row.name,
            errors: row
                .errors
                .into_iter()
                .map(|error| CellErrorResponse { column: error.column, message: error.message })
                .collect(),
        }
    }
}

impl From<ImportReport> for ImportReportResponse {
    fn from(report: ImportReport) -> Self {
        Self {
            rows: report.rows.into_iter().map(Into::into).collect(),
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            errors: report.errors,
            applied: report.applied,
            converted_from: report.converted_from,
        }
    }
}
