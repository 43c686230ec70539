//! One file per endpoint. `configure` is the routing table; `openapi.rs` lists the same handlers.

pub mod audit;
pub mod auth;
pub mod directory;
pub mod emails;
pub mod exhibitors;
pub mod health;
pub mod invitations;
pub mod me;
pub mod members;
pub mod pavilions;
pub mod works;

use actix_web::web;

/// Everything under `/api/v1`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/login", web::post().to(auth::login::handle))
        .route("/auth/refresh", web::post().to(auth::refresh::handle))
        .route("/auth/logout", web::post().to(auth::logout::handle))
        .route("/auth/password-reset", web::post().to(auth::password_reset::for_organiser))
        .route("/auth/password-reset/confirm", web::post().to(auth::password_reset_confirm::handle))
        .service(web::resource("/me").route(web::get().to(me::get::handle)).route(web::patch().to(me::update::handle)))
        .route("/me/password", web::post().to(me::change_password::handle))
        .route("/me/sessions", web::get().to(me::sessions::list))
        .route("/me/sessions/{id}", web::delete().to(me::sessions::revoke))
        .service(
            web::resource("/pavilions")
                .route(web::get().to(pavilions::list::handle))
                .route(web::post().to(pavilions::create::handle)),
        )
        .service(
            web::resource("/pavilions/{slug}")
                .route(web::get().to(pavilions::get::handle))
                .route(web::patch().to(pavilions::update::handle)),
        )
        .route("/pavilions/{slug}/auth/login", web::post().to(auth::pavilion_login::handle))
        .route("/pavilions/{slug}/auth/password-reset", web::post().to(auth::password_reset::for_pavilion_member))
        .route("/pavilions/{slug}/emails", web::get().to(emails::list_pavilion::handle))
        .route("/pavilions/{slug}/emails/test", web::post().to(emails::send_test::handle))
        .route("/pavilions/{slug}/emails/{id}/resend", web::post().to(emails::resend_pavilion::handle))
        .service(
            web::resource("/pavilions/{slug}/invitations")
                .route(web::get().to(invitations::list::handle))
                .route(web::post().to(invitations::create::handle)),
        )
        .route("/pavilions/{slug}/invitations/{id}", web::delete().to(invitations::revoke::handle))
        .route("/pavilions/{slug}/users", web::get().to(members::list::handle))
        .route("/pavilions/{slug}/users/{id}", web::patch().to(members::update::handle))
        .service(
            web::resource("/pavilions/{slug}/exhibitors")
                .route(web::get().to(exhibitors::list::handle))
                .route(web::post().to(exhibitors::create::handle)),
        )
        .service(
            web::resource("/pavilions/{slug}/exhibitors/{id}")
                .route(web::get().to(exhibitors::get::handle))
                .route(web::patch().to(exhibitors::update::handle)),
        )
        .route("/pavilions/{slug}/exhibitors/{id}/submit", web::post().to(exhibitors::submit::handle))
        .route("/pavilions/{slug}/exhibitors/{id}/approve", web::post().to(exhibitors::approve::handle))
        .route("/pavilions/{slug}/exhibitors/{id}/request-changes", web::post().to(exhibitors::request_changes::handle))
        .route("/pavilions/{slug}/exhibitors/{id}/unlock", web::post().to(exhibitors::unlock::handle))
        .service(
            web::resource("/pavilions/{slug}/exhibitors/{id}/logo")
                .route(web::get().to(exhibitors::logo_get::handle))
                .route(web::put().to(exhibitors::logo_upload::handle)),
        )
        .service(
            web::resource("/pavilions/{slug}/exhibitors/{id}/works/{work_id}/poster")
                .route(web::get().to(works::poster_get::handle))
                .route(web::put().to(works::poster_upload::handle)),
        )
        .service(
            web::resource("/pavilions/{slug}/exhibitors/{id}/works")
                .route(web::get().to(works::list::handle))
                .route(web::post().to(works::create::handle)),
        )
        .service(
            web::resource("/pavilions/{slug}/exhibitors/{id}/works/{work_id}")
                .route(web::get().to(works::get::handle))
                .route(web::patch().to(works::update::handle))
                .route(web::delete().to(works::delete::handle)),
        )
        .route("/directory/exhibitors", web::get().to(directory::exhibitors::handle))
        .route("/directory/works", web::get().to(directory::works::handle))
        .route("/invitations/accept", web::post().to(invitations::accept::handle))
        .route("/pavilions/{slug}/audit", web::get().to(audit::list_pavilion::handle))
        .route("/audit", web::get().to(audit::list_all::handle))
        .route("/emails", web::get().to(emails::list_all::handle))
        .route("/emails/{id}/resend", web::post().to(emails::resend_any::handle));
}
