use crate::dto::email::EmailLogEntry;
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::domain::MessageId;
use pavilion_core::services::emails;

/// Re-queues any sent or failed message as a new message (the organiser).
#[utoipa::path(post, path = "/api/v1/emails/{id}/resend", tag = "emails", security(("bearer" = [])),
    params(("id" = String, Path, description = "the message")), responses(
    (status = 202, description = "queued as a new message", body = EmailLogEntry),
    (status = 403, body = crate::error::Problem),
    (status = 409, description = "still pending or sending", body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    id: web::Path<MessageId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let listed = state.call(Some(caller), client, move |ctx| emails::resend_any(ctx, &id)).await?;
    Ok(HttpResponse::Accepted().json(EmailLogEntry::new(listed)))
}
