//! Exports of companies and works as CSV or XLSX: the file a route's address names, streamed by
//! `crate::downloads` (which the workspace pages' download buttons use too).

pub mod market_export;
pub mod pavilion_export;

use crate::downloads::Format;
use crate::error::ApiError;
use pavilion_core::services::exports::{Dataset, Version};

/// `exhibitors.csv`, `works.xlsx`, …: what the file name asks for; anything else is no file.
pub fn file(name: &str) -> Result<(Dataset, Format), ApiError> {
    let (dataset, extension) = name.rsplit_once('.').ok_or_else(|| ApiError::not_found("export"))?;
    let dataset = Dataset::parse(dataset).ok_or_else(|| ApiError::not_found("export"))?;
    let format = match extension {
        "csv" => Format::Csv,
        "xlsx" => Format::Xlsx,
        _ => return Err(ApiError::not_found("export")),
    };
    Ok((dataset, format))
}

/// The `version` parameter: `published` (the default) or `working`.
pub fn version(query: &str) -> Result<Version, ApiError> {
    let asked = url::form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == "version").map(|(_, v)| v);
    Ok(Version::parse(asked.as_deref())?)
}
