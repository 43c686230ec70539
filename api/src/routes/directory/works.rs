use crate::dto::directory::DirectorySearchParams;
use crate::dto::work::{WorkPage, WorkResponse};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::{self, directory};

/// Searches the published works of every active pavilion, by text and filters.
#[utoipa::path(get, path = "/api/v1/directory/works", tag = "directory", params(DirectorySearchParams), responses(
    (status = 200, body = WorkPage),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    params: web::Query<DirectorySearchParams>,
) -> Result<HttpResponse, ApiError> {
    let (query, limit, cursor) = params.into_inner().into_query();
    let limit = services::page_size(limit)?;
    let page = state.run(move |conn, _| directory::works(conn, query, cursor.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(WorkPage {
        items: page
            .items
            .into_iter()
            .map(|listed| {
                // Every directory entry has a pavilion.
                let pavilion = listed.pavilion.unwrap_or_default();
                let mut work = WorkResponse::from(listed.item).linked(&pavilion);
                work.pavilion = Some(pavilion);
                work
            })
            .collect(),
        next_cursor: page.next_cursor,
    }))
}
