//! A pavilion's exhibitor companies and their review workflow.

pub mod approve;
pub mod create;
pub mod get;
pub mod list;
pub mod logo_get;
pub mod logo_upload;
pub mod request_changes;
pub mod submit;
pub mod unlock;
pub mod update;

use crate::dto::exhibitor::ExhibitorResponse;
use actix_web::HttpResponse;
use actix_web::http::header;
/// A company with its `ETag`.
pub(crate) fn respond(mut response: actix_web::HttpResponseBuilder, body: ExhibitorResponse) -> HttpResponse {
    response.insert_header((header::ETAG, body.etag())).json(body)
}

/// `{slug}/exhibitors/{id}` path parameters.
#[derive(serde::Deserialize)]
pub struct CompanyPath {
    pub slug: String,
    pub id: pavilion_core::domain::ExhibitorId,
}
