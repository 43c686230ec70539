use crate::dto::me::{MeResponse, UpdateMeRequest};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client, JsonBody};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts;

/// Changes your own name and the language of your emails.
#[utoipa::path(patch, path = "/api/v1/me", tag = "auth", security(("bearer" = [])), request_body = UpdateMeRequest, responses(
    (status = 200, body = MeResponse),
    (status = 422, body = crate::error::Problem),
))]
pub async fn handle(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    body: JsonBody<UpdateMeRequest>,
) -> Result<HttpResponse, ApiError> {
    let UpdateMeRequest { name, locale } = body.into_inner();
    let (user, pavilion) = state
        .call(Some(caller), client, move |ctx| accounts::update_profile(ctx, name.as_deref(), locale.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(MeResponse::new(user, pavilion)))
}
