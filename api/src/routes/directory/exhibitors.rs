use crate::dto::directory::DirectorySearchParams;
use crate::dto::exhibitor::{ExhibitorPage, ExhibitorResponse};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::{self, directory};

/// Searches the published companies of every active pavilion; only public contacts appear.
#[utoipa::path(get, path = "/api/v1/directory/exhibitors", tag = "directory", params(DirectorySearchParams), responses(
    (status = 200, body = ExhibitorPage),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    params: web::Query<DirectorySearchParams>,
) -> Result<HttpResponse, ApiError> {
    let (query, limit, cursor) = params.into_inner().into_query();
    let limit = services::page_size(limit)?;
    let page = state.run(move |conn, _| directory::exhibitors(conn, query, cursor.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(ExhibitorPage {
        items: page
            .items
            .into_iter()
            .map(|listed| {
                let company = listed.item;
                let profile = company.profile.public_view();
                let pavilion = listed.pavilion.unwrap_or_default();
                ExhibitorResponse::public(company.id.to_string(), pavilion, &profile, company.published_at)
            })
            .collect(),
        next_cursor: page.next_cursor,
    }))
}
