use crate::dto::auth::PasswordResetRequest;
use crate::error::ApiError;
use crate::extractors::{Client, JsonBody};
use crate::state::AppState;
use crate::throttling::{self, AttemptKeys};
use actix_web::{HttpResponse, web};
use pavilion_core::services::audit::Action;
use pavilion_core::services::password_reset::{self, ResetSettings};

/// Only requests for real accounts are logged: the log is the admins', not a way to probe.
fn record_request(
    conn: &mut pavilion_core::db::DbConnection,
    state: &AppState,
    user: Option<pavilion_core::domain::User>,
    ip: Option<&str>,
) -> Result<(), pavilion_core::CoreError> {
    let Some(user) = user else { return Ok(()) };
    let (pavilion, email) = (user.pavilion_id.as_ref(), Some(user.email.as_str()));
    crate::audit::record(conn, state, Action::PasswordResetRequested, pavilion, None, email, ip)
}

fn reset_settings(state: &AppState) -> ResetSettings<'_> {
    ResetSettings { public_url: &state.settings.public_url, mail_domain: state.settings.mail_domain() }
}

/// A pavilion account forgot its password: 202 whether or not the account exists; if it does,
/// an email carries a link `{PUBLIC_URL}/reset/{token}`, valid one hour.
#[utoipa::path(post, path = "/api/v1/pavilions/{slug}/auth/password-reset", tag = "auth",
    params(("slug" = String, Path, description = "the pavilion's slug")), request_body = PasswordResetRequest, responses(
    (status = 202, description = "if the account exists, a link is on its way"),
    (status = 429, description = "too many requests for this address or from this client", body = crate::error::Problem),
))]
pub async fn for_pavilion_member(
    state: web::Data<AppState>,
    Client(client): Client,
    slug: web::Path<String>,
    body: JsonBody<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = body.into_inner().email;
    let slug = slug.into_inner();
    throttling::reserve_reset(&state, &AttemptKeys::new(&format!("pavilion:{slug}"), &email, client.ip.as_deref()))?;
    state
        .transaction(move |conn, state| {
            let user =
                password_reset::request_for_pavilion_member(conn, state.now(), &reset_settings(state), &slug, &email)?;
            record_request(conn, state, user, client.ip.as_deref())
        })
        .await?;
    state.mail_wake.notify_one();
    Ok(HttpResponse::Accepted().finish())
}

/// An organiser forgot its password: as above, for organiser accounts.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth", request_body = PasswordResetRequest, responses(
    (status = 202, description = "if the account exists, a link is on its way"),
    (status = 429, description = "too many requests for this address or from this client", body = crate::error::Problem),
))]
pub async fn for_organiser(
    state: web::Data<AppState>,
    Client(client): Client,
    body: JsonBody<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = body.into_inner().email;
    throttling::reserve_reset(&state, &AttemptKeys::new("organisers", &email, client.ip.as_deref()))?;
    state
        .transaction(move |conn, state| {
            let user = password_reset::request_for_organiser(conn, state.now(), &reset_settings(state), &email)?;
            record_request(conn, state, user, client.ip.as_deref())
        })
        .await?;
    state.mail_wake.notify_one();
    Ok(HttpResponse::Accepted().finish())
}
