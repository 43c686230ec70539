use crate::dto::PageParams;
use crate::dto::work::{WorkPage, WorkResponse};
use crate::error::ApiError;
use crate::extractors::MaybeAuthenticated;
use crate::routes::exhibitors::CompanyPath;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::{self, works};

/// A company's works: the published catalogue for the public, the working one for the company
/// and its pavilion.
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/exhibitors/{id}/works", tag = "works",
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id"), PageParams),
    responses(
    (status = 200, body = WorkPage),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    MaybeAuthenticated(caller): MaybeAuthenticated,
    path: web::Path<CompanyPath>,
    params: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPath { slug, id } = path.into_inner();
    let link_slug = slug.clone();
    let PageParams { limit, cursor } = params.into_inner();
    let limit = services::page_size(limit)?;
    let page =
        state.run(move |conn, _| works::list(conn, caller.as_ref(), &slug, &id, cursor.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(WorkPage {
        items: page.items.into_iter().map(|work| WorkResponse::from(work).linked(&link_slug)).collect(),
        next_cursor: page.next_cursor,
    }))
}
