use crate::dto::exhibitor::{ExhibitorListParams, ExhibitorPage, ExhibitorResponse};
use crate::error::ApiError;
use crate::extractors::MaybeAuthenticated;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::CoreError;
use pavilion_core::domain::ExhibitorFilter;
use pavilion_core::domain::ExhibitorStatus;
use pavilion_core::error::Violations;
use pavilion_core::services::{self, exhibitors};

/// The pavilion's companies. The public sees the published ones of an active pavilion; its
/// admins and the organiser see every company with its review state and completeness, and may
/// filter on them.
#[utoipa::path(get, path = "/api/v1/pavilions/{slug}/exhibitors", tag = "exhibitors",
    params(("slug" = String, Path, description = "the pavilion's slug"), ExhibitorListParams), responses(
    (status = 200, body = ExhibitorPage),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    MaybeAuthenticated(caller): MaybeAuthenticated,
    slug: web::Path<String>,
    params: web::Query<ExhibitorListParams>,
) -> Result<HttpResponse, ApiError> {
    let params = params.into_inner();
    let limit = services::page_size(params.limit)?;
    let mut errors = Violations::new();
    let filter = ExhibitorFilter {
        status: params.status.and_then(|s| errors.check(ExhibitorStatus::parse("status", &s))),
        min_completeness: params.min_completeness.and_then(|n| errors.check(percent("min_completeness", n))),
        max_completeness: params.max_completeness.and_then(|n| errors.check(percent("max_completeness", n))),
    };
    errors.into_result()?;
    let slug = slug.into_inner();
    let cursor = params.cursor;
    let page = state
        .run(move |conn, state| {
            exhibitors::list(conn, caller.as_ref(), state.now(), &slug, &filter, cursor.as_deref(), limit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ExhibitorPage {
        items: page.items.into_iter().map(ExhibitorResponse::from).collect(),
        next_cursor: page.next_cursor,
    }))
}

fn percent(field: &str, value: u8) -> Result<u8, CoreError> {
    if value <= 100 { Ok(value) } else { Err(CoreError::invalid(field, "out_of_range", "must be between 0 and 100")) }
}
