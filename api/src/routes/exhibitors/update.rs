use super::CompanyPath;
use crate::dto::exhibitor::{ExhibitorResponse, ProfileBody, patch_profile};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, IfMatch, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::exhibitors;

/// Changes the working copy with a JSON merge patch (RFC 7396): present fields replace, `null`
/// clears, multilingual texts merge per language. Send the `ETag` you read in `If-Match`: if
/// someone changed the company since, the answer is 412 and nothing changes. After the
/// pavilion's deadline the company's own accounts get 423 until an admin unlocks it. A change
/// to an approved company sends it back to draft; the public keeps the approved version.
#[utoipa::path(patch, path = "/api/v1/pavilions/{slug}/exhibitors/{id}", tag = "exhibitors", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug"), ("id" = String, Path, description = "the company's id"),
        ("If-Match" = Option<String>, Header, description = "the ETag last read")),
    request_body(content = ProfileBody, content_type = "application/merge-patch+json"), responses(
    (status = 200, body = ExhibitorResponse, headers(("ETag" = String))),
    (status = 403, body = crate::error::Problem),
    (status = 412, description = "changed since you read it", body = crate::error::Problem),
    (status = 422, body = crate::error::Problem),
    (status = 423, description = "edits locked by the deadline", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    IfMatch(if_match): IfMatch,
    path: web::Path<CompanyPath>,
    body: JsonBody<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPath { slug, id } = path.into_inner();
    let patch = body.into_inner();
    let edit = move |current: &_| patch_profile(current, &patch);
    let (draft, released) =
        state.call(Some(caller), client, move |ctx| exhibitors::update(ctx, &slug, &id, if_match, edit)).await?;
    crate::uploads::discard_all(&state, released).await;
    Ok(super::respond(HttpResponse::Ok(), draft.into()))
}
