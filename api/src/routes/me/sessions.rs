use crate::dto::me::{SessionList, SessionResponse};
use crate::error::ApiError;
use crate::extractors::{Authenticated, Client};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::domain::SessionId;
use pavilion_core::services::accounts;

/// Your live sessions, newest first.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, body = SessionList),
))]
pub async fn list(state: web::Data<AppState>, Authenticated(caller): Authenticated) -> Result<HttpResponse, ApiError> {
    let current = caller.session_id.clone();
    let sessions = state.run(move |conn, state| accounts::list_sessions(conn, &caller, state.now())).await?;
    let items = sessions
        .into_iter()
        .map(|s| SessionResponse {
            current: s.id == current,
            kind: s.kind.as_str(),
            id: s.id.to_string(),
            created_at: s.created_at,
            last_used_at: s.last_used_at,
            user_agent: s.user_agent,
            ip: s.ip,
        })
        .collect();
    Ok(HttpResponse::Ok().json(SessionList { items }))
}

/// Ends one of your sessions (a lost phone, a shared computer).
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "auth", security(("bearer" = [])),
    params(("id" = String, Path, description = "the session")), responses(
    (status = 204, description = "ended"),
    (status = 404, body = crate::error::Problem),
))]
pub async fn revoke(
    state: web::Data<AppState>,
    Authenticated(caller): Authenticated,
    Client(client): Client,
    id: web::Path<SessionId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state.call(Some(caller), client, move |ctx| accounts::revoke_session(ctx, &id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
