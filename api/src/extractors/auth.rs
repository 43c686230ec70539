use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use pavilion_core::CoreError;
use pavilion_core::policy::Principal;
use pavilion_core::services::accounts;
use std::future::Future;
use std::pin::Pin;

/// A caller with a valid access token and a live session; anything else is 401.
pub struct Authenticated(pub Principal);

/// An anonymous caller, or an authenticated one. A token that is present but invalid is still a
/// 401: silently treating it as anonymous would hide a client's bug.
pub struct MaybeAuthenticated(pub Option<Principal>);

fn bearer_token(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| CoreError::Unauthenticated)?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
            Ok(Some(token.trim().to_owned()))
        }
        _ => Err(CoreError::Unauthenticated.into()),
    }
}

async fn principal(
    state: Option<web::Data<AppState>>,
    token: String,
    route: Option<String>,
) -> Result<Principal, ApiError> {
    let state = state.ok_or_else(|| ApiError::internal(anyhow::anyhow!("AppState missing")))?;
    let principal =
        state.run(move |conn, state| accounts::authenticate(conn, &state.auth, state.now(), &token)).await?;
    if principal.second_factor_missing && !open_before_second_factor(route.as_deref().unwrap_or_default()) {
        return Err(second_factor_required());
    }
    Ok(principal)
}

/// What an account that must add a second factor, and has not, may still do: its own account
/// (`/api/v1/me…`, where the factor is added) and signing out.
fn open_before_second_factor(route: &str) -> bool {
    route == "/api/v1/me" || route.starts_with("/api/v1/me/") || route == "/api/v1/auth/logout"
}

pub fn second_factor_required() -> ApiError {
    ApiError::new(
        actix_web::http::StatusCode::FORBIDDEN,
        "second_factor_required",
        "This account must add a second factor first: POST /api/v1/me/second-factor/totp, then confirm it \
         with POST /api/v1/me/second-factor/totp/confirm.",
    )
}

impl FromRequest for Authenticated {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let route = req.match_pattern();
        Box::pin(async move {
            let token = token?.ok_or(CoreError::Unauthenticated)?;
            principal(state, token, route).await.map(Authenticated)
        })
    }
}

impl FromRequest for MaybeAuthenticated {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let route = req.match_pattern();
        Box::pin(async move {
            match token? {
                Some(token) => principal(state, token, route).await.map(|p| MaybeAuthenticated(Some(p))),
                None => Ok(MaybeAuthenticated(None)),
            }
        })
    }
}
