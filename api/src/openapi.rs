//! The OpenAPI 3 document, generated from the handlers' annotations.

use crate::routes;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Pavilion API", description = "Regional pavilions of a trade fair: organisers, pavilions, exhibitors, works."),
    paths(
        routes::health::healthz,
        routes::health::readyz,
        routes::auth::login::handle,
        routes::auth::pavilion_login::handle,
        routes::auth::password_reset::for_organiser,
        routes::auth::password_reset::for_pavilion_member,
        routes::auth::password_reset_confirm::handle,
        routes::auth::refresh::handle,
        routes::auth::logout::handle,
        routes::me::get::handle,
        routes::me::update::handle,
        routes::me::change_password::handle,
        routes::me::sessions::list,
        routes::me::sessions::revoke,
        routes::pavilions::list::handle,
        routes::pavilions::create::handle,
        routes::pavilions::get::handle,
        routes::pavilions::update::handle,
        routes::invitations::create::handle,
        routes::invitations::list::handle,
        routes::invitations::revoke::handle,
        routes::invitations::accept::handle,
        routes::exhibitors::list::handle,
        routes::exhibitors::create::handle,
        routes::exhibitors::get::handle,
        routes::exhibitors::update::handle,
        routes::exhibitors::submit::handle,
        routes::exhibitors::approve::handle,
        routes::exhibitors::request_changes::handle,
        routes::exhibitors::unlock::handle,
        routes::exhibitors::logo_upload::handle,
        routes::exhibitors::logo_get::handle,
        routes::works::list::handle,
        routes::works::create::handle,
        routes::works::get::handle,
        routes::works::update::handle,
        routes::works::delete::handle,
        routes::works::poster_upload::handle,
        routes::works::poster_get::handle,
        routes::directory::exhibitors::handle,
        routes::directory::works::handle,
        routes::members::list::handle,
        routes::members::update::handle,
        routes::audit::list_pavilion::handle,
        routes::audit::list_all::handle,
        routes::emails::list_pavilion::handle,
        routes::emails::list_all::handle,
        routes::emails::send_test::handle,
        routes::emails::resend_pavilion::handle,
        routes::emails::resend_any::handle,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Logins, sessions and the caller's account"),
        (name = "pavilions", description = "Pavilions (tenants)"),
        (name = "invitations", description = "Bringing admins and exhibitors into a pavilion"),
        (name = "exhibitors", description = "Exhibitor companies and their review"),
        (name = "works", description = "The catalogue of works of a company"),
        (name = "directory", description = "The public directory across pavilions"),
        (name = "members", description = "A pavilion's accounts"),
        (name = "audit", description = "The append-only record of security and administration events"),
        (name = "emails", description = "The outbox: delivery log, resends, test messages"),
        (name = "operations", description = "Health checks"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}
