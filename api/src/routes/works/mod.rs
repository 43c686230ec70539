//! The catalogue of works of one company.

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod poster_get;
pub mod poster_upload;
pub mod update;

use crate::dto::work::WorkResponse;
use actix_web::HttpResponse;
use actix_web::http::header;

/// A work of pavilion `slug` with its `ETag`.
pub(crate) fn respond(mut response: actix_web::HttpResponseBuilder, body: WorkResponse, slug: &str) -> HttpResponse {
    response.insert_header((header::ETAG, body.etag())).json(body.linked(slug))
}

/// `{slug}/exhibitors/{id}/works/{work_id}` path parameters.
#[derive(serde::Deserialize)]
pub struct WorkPath {
    pub slug: String,
    pub id: pavilion_core::domain::ExhibitorId,
    pub work_id: pavilion_core::domain::WorkId,
}
