//! The download buttons of the workspace: `GET /{lang}/workspace/pavilions/{slug}/export` (its
//! admins, the organiser) and `GET /{lang}/workspace/market/export` (the organiser), each with
//! `dataset` (`exhibitors` or `works`), `format` (`csv` or `xlsx`) and `version` (`published` or
//! `working`). The same use case and the same stream as the JSON API's exports, signed in by the
//! browser's session instead of a token.

use crate::downloads::{self as stream, Format};
use crate::error::ApiError;
use crate::pages::kernel::PageLang;
use crate::pages::kernel::browser::Browser;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use pavilion_core::services::exports::{self, Dataset, Version};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct PavilionPath {
    lang: String,
    slug: String,
}

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
    browser: Browser,
    path: web::Path<PavilionPath>,
    choice: web::Query<Choice>,
) -> Result<HttpResponse, ApiError> {
    let PavilionPath { lang, slug } = path.into_inner();
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    let rest = format!("/workspace/pavilions/{slug}/export");
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let Some((dataset, format, version)) = chosen(&choice) else {
        return crate::pages::kernel::not_found(&state, lang, &rest);
    };
    let found = state.run(move |conn, _| exports::of_pavilion(conn, &caller, &slug, dataset, version)).await;
    respond(state, lang, &rest, found, format)
}

pub async fn market(
    state: web::Data<AppState>,
    browser: Browser,
    lang: web::Path<String>,
    choice: web::Query<Choice>,
) -> Result<HttpResponse, ApiError> {
    let Some(lang) = PageLang::from_path(&lang.into_inner()) else {
        return crate::pages::kernel::not_found_anywhere(&state);
    };
    let rest = "/workspace/market/export";
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let Some((dataset, format, version)) = chosen(&choice) else {
        return crate::pages::kernel::not_found(&state, lang, rest);
    };
    let found = state.run(move |conn, _| exports::of_market(conn, &caller, &[], dataset, version)).await;
    respond(state, lang, rest, found, format)
}

fn respond(
    state: web::Data<AppState>,
    lang: PageLang,
    rest: &str,
    found: Result<exports::Export, ApiError>,
    format: Format,
) -> Result<HttpResponse, ApiError> {
    match found {
        Ok(export) => Ok(stream::stream(state, export, format)),
        Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) || error.status_code_is(StatusCode::FORBIDDEN) => {
            crate::pages::kernel::not_found(&state, lang, rest)
        }
        Err(error) => Err(error),
    }
}
