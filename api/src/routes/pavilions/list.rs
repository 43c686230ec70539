use crate::dto::PageParams;
use crate::dto::pavilion::{PavilionPage, PavilionResponse};
use crate::error::ApiError;
use crate::extractors::MaybeAuthenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::{self, pavilions};

/// Pavilions in slug order: active ones for everyone; all of them, with head counts, for the
/// organiser.
#[utoipa::path(get, path = "/api/v1/pavilions", tag = "pavilions", params(PageParams), responses(
    (status = 200, body = PavilionPage),
    (status = 422, description = "bad limit or cursor", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    MaybeAuthenticated(caller): MaybeAuthenticated,
    params: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let PageParams { limit, cursor } = params.into_inner();
    let limit = services::page_size(limit)?;
    let page = state.run(move |conn, _| pavilions::list(conn, caller.as_ref(), cursor.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(PavilionPage {
        items: page.items.into_iter().map(PavilionResponse::from_summary).collect(),
        next_cursor: page.next_cursor,
    }))
}
