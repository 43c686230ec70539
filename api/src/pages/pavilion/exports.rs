//! The download buttons of the workspace: `GET /{lang}/workspace/pavilions/{slug}/export` (its
//! admins, the organiser) and `GET /{lang}/workspace/market/export` (the organiser), each with
//! `dataset` (`exhibitors` or `works`), `format` (`csv` or `xlsx`) and `version` (`published` or
//! `working`). The same use case and the same stream as the JSON API's exports, signed in by the
//! browser's session instead of a token.

use super::PavilionWorkspace;
use crate::downloads::{self as stream, Format};
use crate::pages::kernel::{PageError, PageLang, SignedIn};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::exports::{self, Dataset, Version};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Choice {
    dataset: Option<String>,
    format: Option<String>,
    version: Option<String>,
}

/// The file the form asks for; `None` when a choice is not one the form offers.
fn chosen(choice: &Choice) -> Option<(Dataset, Format, Version)> {
    let dataset = Dataset::parse(choice.dataset.as_deref().unwrap_or("exhibitors"))?;
    let format = match choice.format.as_deref().unwrap_or("csv") {
        "csv" => Format::Csv,
        "xlsx" => Format::Xlsx,
        _ => return None,
    };
    let version = Version::parse(choice.version.as_deref()).ok()?;
    Some((dataset, format, version))
}

pub async fn pavilion(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    choice: web::Query<Choice>,
) -> Result<HttpResponse, PageError> {
    let (dataset, format, version) = chosen(&choice).ok_or(PageError::NotFound)?;
    let (caller, slug) = (workspace.person, workspace.pavilion.slug.to_string());
    let export = state
        .run(move |conn, _| exports::of_pavilion(conn, &caller, &slug, dataset, version))
        .await
        .map_err(|error| PageError::from(error).hiding_forbidden())?;
    Ok(stream::stream(state, export, format))
}

pub async fn market(
    state: web::Data<AppState>,
    _: PageLang,
    SignedIn { person, .. }: SignedIn,
    choice: web::Query<Choice>,
) -> Result<HttpResponse, PageError> {
    let (dataset, format, version) = chosen(&choice).ok_or(PageError::NotFound)?;
    let export = state
        .run(move |conn, _| exports::of_market(conn, &person, &[], dataset, version))
        .await
        .map_err(|error| PageError::from(error).hiding_forbidden())?;
    Ok(stream::stream(state, export, format))
}
