use crate::dto::email::EmailLogEntry;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::emails;

/// Sends the caller a test message in the pavilion's email identity (its admins and the
/// organiser), so an association can check its sender name, reply-to, colours and footer.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/emails/test", tag = "emails", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the pavilion's slug")), responses(
    (status = 202, description = "queued", body = EmailLogEntry),
    (status = 403, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let slug = slug.into_inner();
    let listed = state.call(Some(caller), client, move |ctx| emails::send_test(ctx, &slug)).await?;
    Ok(HttpResponse::Accepted().json(EmailLogEntry::new(listed)))
}
