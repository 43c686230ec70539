//! One file per endpoint, and one table of them all: [`route_table!`] below is the only list of
//! routes, JSON and pages. The router, the OpenAPI document, the `405 Allow` answers and the cross-tenant test
//! matrix are all derived from it, so a route cannot exist in one and be missing from another.

pub mod announcements;
pub mod audit;
pub mod auth;
pub mod buyers;
pub mod directory;
pub mod emails;
pub mod exhibitors;
pub mod exports;
pub mod health;
pub mod imports;
pub mod invitations;
pub mod market;
pub mod me;
pub mod members;
pub mod metrics;
pub mod pavilions;
pub mod works;

use crate::pages;
use actix_web::http::Method;
use actix_web::{Resource, web};

/// Whether a route answers JSON (and is in the OpenAPI document) or is a web page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    Api,
    Page,
}

/// One route: a method on a path template (`{name}` for a parameter), and how to add its
/// handler to the path's resource.
#[derive(Clone, Copy)]
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub kind: RouteKind,
    register: fn(Resource) -> Resource,
}

impl Route {
    pub fn method(&self) -> Method {
        Method::from_bytes(self.method.as_bytes()).unwrap_or(Method::GET)
    }

    /// Whether `path` (a request path) is this route's template with its parameters filled in.
    pub fn matches(&self, path: &str) -> bool {
        let (template, actual) = (self.path.split('/'), path.split('/'));
        template.clone().count() == actual.clone().count()
            && template
                .zip(actual)
                .all(|(expected, actual)| expected == actual || (expected.starts_with('{') && !actual.is_empty()))
    }
}

/// Generates, from one list of `METHOD "path" => handler` per kind, the table ([`table`]), the
/// router ([`configure`]) and the document of the JSON routes ([`RouteDocs`], from each
/// handler's `#[utoipa::path]`, which a test holds to the same method and path).
macro_rules! route_table {
    (
        api { $($method:ident $path:literal => $($handler:ident)::+,)* }
        pages { $($page_method:ident $page_path:literal => $($page:ident)::+,)* }
    ) => {
        /// Every route, in the order the router tries them: the JSON routes, then the pages.
        pub fn table() -> Vec<Route> {
            vec![
                $(Route {
                    method: stringify!($method),
                    path: $path,
                    kind: RouteKind::Api,
                    register: |resource| resource.route(web::method(Method::$method).to($($handler)::+)),
                },)*
                $(Route {
                    method: stringify!($page_method),
                    path: $page_path,
                    kind: RouteKind::Page,
                    register: |resource| resource.route(web::method(Method::$page_method).to($($page)::+)),
                },)*
            ]
        }

        /// The OpenAPI paths (and the schemas they use) of every JSON route.
        #[derive(utoipa::OpenApi)]
        #[openapi(paths($($($handler)::+),*))]
        pub struct RouteDocs;
    };
}

route_table! {
    api {
    GET "/healthz" => health::healthz,
    GET "/readyz" => health::readyz,
    GET "/metrics" => metrics::handle,
    POST "/api/v1/auth/login" => auth::login::handle,
    POST "/api/v1/auth/refresh" => auth::refresh::handle,
    POST "/api/v1/auth/logout" => auth::logout::handle,
    POST "/api/v1/auth/password-reset" => auth::password_reset::for_organiser,
    POST "/api/v1/buyers" => buyers::register::handle,
    POST "/api/v1/buyers/verify-email" => buyers::verify_email::handle,
    POST "/api/v1/buyers/auth/login" => buyers::login::handle,
    POST "/api/v1/buyers/auth/password-reset" => buyers::password_reset::handle,
    POST "/api/v1/auth/password-reset/confirm" => auth::password_reset_confirm::handle,
    POST "/api/v1/auth/second-factor" => auth::second_factor::handle,
    POST "/api/v1/auth/passkey" => auth::passkey_start::handle,
    POST "/api/v1/auth/passkey/finish" => auth::passkey_finish::handle,
    GET "/api/v1/me" => me::get::handle,
    PATCH "/api/v1/me" => me::update::handle,
    POST "/api/v1/me/password" => me::change_password::handle,
    GET "/api/v1/me/sessions" => me::sessions::list,
    DELETE "/api/v1/me/sessions/{id}" => me::sessions::revoke,
    GET "/api/v1/me/second-factor" => me::second_factor::handle,
    POST "/api/v1/me/second-factor/totp" => me::totp_start::handle,
    POST "/api/v1/me/second-factor/totp/confirm" => me::totp_confirm::handle,
    DELETE "/api/v1/me/second-factor/totp" => me::totp_remove::handle,
    POST "/api/v1/me/second-factor/recovery-codes" => me::recovery_codes::handle,
    POST "/api/v1/me/second-factor/passkeys" => me::passkey_start::handle,
    POST "/api/v1/me/second-factor/passkeys/confirm" => me::passkey_confirm::handle,
    PATCH "/api/v1/me/second-factor/passkeys/{id}" => me::passkey_rename::handle,
    DELETE "/api/v1/me/second-factor/passkeys/{id}" => me::passkey_remove::handle,
    GET "/api/v1/pavilions" => pavilions::list::handle,
    POST "/api/v1/pavilions" => pavilions::create::handle,
    GET "/api/v1/pavilions/{slug}" => pavilions::get::handle,
    PATCH "/api/v1/pavilions/{slug}" => pavilions::update::handle,
    POST "/api/v1/pavilions/{slug}/auth/login" => auth::pavilion_login::handle,
    POST "/api/v1/pavilions/{slug}/auth/password-reset" => auth::password_reset::for_pavilion_member,
    GET "/api/v1/pavilions/{slug}/emails" => emails::list_pavilion::handle,
    POST "/api/v1/pavilions/{slug}/emails/test" => emails::send_test::handle,
    POST "/api/v1/pavilions/{slug}/emails/{id}/resend" => emails::resend_pavilion::handle,
    GET "/api/v1/pavilions/{slug}/invitations" => invitations::list::handle,
    POST "/api/v1/pavilions/{slug}/invitations" => invitations::create::handle,
    DELETE "/api/v1/pavilions/{slug}/invitations/{id}" => invitations::revoke::handle,
    GET "/api/v1/pavilions/{slug}/users" => members::list::handle,
    PATCH "/api/v1/pavilions/{slug}/users/{id}" => members::update::handle,
    DELETE "/api/v1/pavilions/{slug}/users/{id}/second-factor" => members::remove_second_factor::handle,
    GET "/api/v1/pavilions/{slug}/exhibitors" => exhibitors::list::handle,
    POST "/api/v1/pavilions/{slug}/exhibitors" => exhibitors::create::handle,
    GET "/api/v1/pavilions/{slug}/exhibitors/{id}" => exhibitors::get::handle,
    PATCH "/api/v1/pavilions/{slug}/exhibitors/{id}" => exhibitors::update::handle,
    POST "/api/v1/pavilions/{slug}/exhibitors/{id}/submit" => exhibitors::submit::handle,
    POST "/api/v1/pavilions/{slug}/exhibitors/{id}/approve" => exhibitors::approve::handle,
    POST "/api/v1/pavilions/{slug}/exhibitors/{id}/request-changes" => exhibitors::request_changes::handle,
    POST "/api/v1/pavilions/{slug}/exhibitors/{id}/unlock" => exhibitors::unlock::handle,
    GET "/api/v1/pavilions/{slug}/exhibitors/{id}/logo" => exhibitors::logo_get::handle,
    PUT "/api/v1/pavilions/{slug}/exhibitors/{id}/logo" => exhibitors::logo_upload::handle,
    GET "/api/v1/pavilions/{slug}/exhibitors/{id}/works" => works::list::handle,
    POST "/api/v1/pavilions/{slug}/exhibitors/{id}/works" => works::create::handle,
    GET "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}" => works::get::handle,
    PATCH "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}" => works::update::handle,
    DELETE "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}" => works::delete::handle,
    GET "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}/poster" => works::poster_get::handle,
    PUT "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}/poster" => works::poster_upload::handle,
    GET "/api/v1/pavilions/{slug}/audit" => audit::list_pavilion::handle,
    GET "/api/v1/pavilions/{slug}/overview" => market::pavilion_overview::handle,
    GET "/api/v1/pavilions/{slug}/exports/{export}" => exports::pavilion_export::handle,
    POST "/api/v1/pavilions/{slug}/imports/exhibitors" => imports::exhibitors::handle,
    GET "/api/v1/pavilions/{slug}/announcements" => announcements::list_pavilion::handle,
    POST "/api/v1/pavilions/{slug}/announcements" => announcements::send_pavilion::handle,
    GET "/api/v1/directory/exhibitors" => directory::exhibitors::handle,
    GET "/api/v1/directory/works" => directory::works::handle,
    POST "/api/v1/invitations/accept" => invitations::accept::handle,
    GET "/api/v1/audit" => audit::list_all::handle,
    GET "/api/v1/market/overview" => market::overview::handle,
    GET "/api/v1/exports/{export}" => exports::market_export::handle,
    GET "/api/v1/announcements" => announcements::list_market::handle,
    POST "/api/v1/announcements" => announcements::send_market::handle,
    GET "/api/v1/emails" => emails::list_all::handle,
    POST "/api/v1/emails/{id}/resend" => emails::resend_any::handle,
    }
    pages {
    GET "/" => pages::public::language::root,
    GET "/static/{file}" => pages::kernel::assets::handle,
    GET "/robots.txt" => pages::public::sitemap::robots,
    GET "/sitemap.xml" => pages::public::sitemap::index,
    GET "/sitemap-{part}.xml" => pages::public::sitemap::part,
    GET "/language/{lang}" => pages::public::language::switch,
    GET "/pavilions/{slug}" => pages::public::language::unprefixed,
    GET "/pavilions/{slug}/exhibitors/{id}" => pages::public::language::unprefixed,
    GET "/pavilions/{slug}/exhibitors/{id}/works/{work_id}" => pages::public::language::unprefixed,
    GET "/workspace/pavilions/{slug}/companies/{id}" => pages::public::language::unprefixed,
    GET "/{lang}/" => pages::public::home::handle,
    GET "/{lang}/directory" => pages::public::directory::handle,
    GET "/{lang}/sign-in" => pages::signing_in::password::form,
    POST "/{lang}/sign-in" => pages::signing_in::password::submit,
    GET "/{lang}/buyers/sign-in" => pages::signing_in::password::form,
    POST "/{lang}/buyers/sign-in" => pages::signing_in::password::submit,
    GET "/{lang}/buyers/forgot-password" => pages::signing_in::forgot_password::form,
    POST "/{lang}/buyers/forgot-password" => pages::signing_in::forgot_password::submit,
    GET "/{lang}/pavilions/{slug}/sign-in" => pages::signing_in::password::form,
    POST "/{lang}/pavilions/{slug}/sign-in" => pages::signing_in::password::submit,
    POST "/{lang}/sign-in/second-factor" => pages::signing_in::second_factor::submit,
    POST "/{lang}/sign-in/passkey" => pages::signing_in::passkey::start,
    POST "/{lang}/sign-in/passkey/finish" => pages::signing_in::passkey::finish,
    POST "/{lang}/sign-out" => pages::signing_in::sign_out::handle,
    GET "/{lang}/forgot-password" => pages::signing_in::forgot_password::form,
    POST "/{lang}/forgot-password" => pages::signing_in::forgot_password::submit,
    GET "/{lang}/pavilions/{slug}/forgot-password" => pages::signing_in::forgot_password::form,
    POST "/{lang}/pavilions/{slug}/forgot-password" => pages::signing_in::forgot_password::submit,
    GET "/invite/{token}" => pages::signing_in::invitation::follow,
    GET "/{lang}/invite" => pages::signing_in::invitation::form,
    POST "/{lang}/invite" => pages::signing_in::invitation::accept,
    GET "/reset/{token}" => pages::signing_in::reset::follow,
    GET "/verify-email/{token}" => pages::signing_in::confirmation::follow,
    GET "/{lang}/verify-email" => pages::signing_in::confirmation::form,
    POST "/{lang}/verify-email" => pages::signing_in::confirmation::confirm,
    GET "/{lang}/reset" => pages::signing_in::reset::form,
    POST "/{lang}/reset" => pages::signing_in::reset::confirm,
    GET "/{lang}/workspace" => pages::account::workspace::handle,
    GET "/{lang}/workspace/account" => pages::account::home::handle,
    POST "/{lang}/workspace/account/profile" => pages::account::home::save_profile,
    POST "/{lang}/workspace/account/password" => pages::account::password::handle,
    POST "/{lang}/workspace/account/sessions/{id}/end" => pages::account::session::handle,
    POST "/{lang}/workspace/account/authenticator" => pages::account::authenticator::start,
    GET "/{lang}/workspace/account/authenticator" => pages::account::authenticator::show,
    POST "/{lang}/workspace/account/authenticator/confirm" => pages::account::authenticator::confirm,
    POST "/{lang}/workspace/account/authenticator/remove" => pages::account::authenticator::remove,
    GET "/{lang}/workspace/account/recovery-codes" => pages::account::authenticator::codes_gone,
    POST "/{lang}/workspace/account/recovery-codes" => pages::account::authenticator::renew_codes,
    GET "/{lang}/workspace/account/passkeys/new" => pages::account::passkeys::new_form,
    POST "/{lang}/workspace/account/passkeys/new" => pages::account::passkeys::create,
    POST "/{lang}/workspace/account/passkeys/{id}/rename" => pages::account::passkeys::rename,
    POST "/{lang}/workspace/account/passkeys/{id}/remove" => pages::account::passkeys::remove,
    GET "/{lang}/workspace/market" => pages::organiser::market::handle,
    GET "/{lang}/workspace/announcements" => pages::pavilion::announcements::show,
    POST "/{lang}/workspace/announcements" => pages::pavilion::announcements::send,
    GET "/{lang}/workspace/market/export" => pages::pavilion::exports::market,
    GET "/{lang}/workspace/pavilions" => pages::organiser::pavilions::handle,
    POST "/{lang}/workspace/pavilions" => pages::organiser::pavilions::create,
    GET "/{lang}/workspace/pavilions/{slug}" => pages::pavilion::home::handle,
    GET "/{lang}/workspace/pavilions/{slug}/export" => pages::pavilion::exports::pavilion,
    GET "/{lang}/workspace/pavilions/{slug}/import" => pages::pavilion::import::handle,
    POST "/{lang}/workspace/pavilions/{slug}/import" => pages::pavilion::import::submit,
    POST "/{lang}/workspace/pavilions/{slug}/status" => pages::organiser::pavilions::change_status,
    GET "/{lang}/workspace/pavilions/{slug}/accounts" => pages::pavilion::accounts::handle,
    POST "/{lang}/workspace/pavilions/{slug}/accounts/{id}" => pages::pavilion::accounts::change,
    GET "/{lang}/workspace/pavilions/{slug}/invitations" => pages::pavilion::invitations::handle,
    POST "/{lang}/workspace/pavilions/{slug}/invitations" => pages::pavilion::invitations::invite,
    POST "/{lang}/workspace/pavilions/{slug}/invitations/{id}/resend" => pages::pavilion::invitations::resend,
    POST "/{lang}/workspace/pavilions/{slug}/invitations/{id}/withdraw" => pages::pavilion::invitations::withdraw,
    GET "/{lang}/workspace/pavilions/{slug}/emails" => pages::pavilion::deliveries::handle,
    GET "/{lang}/workspace/pavilions/{slug}/announcements" => pages::pavilion::announcements::show,
    POST "/{lang}/workspace/pavilions/{slug}/announcements" => pages::pavilion::announcements::send,
    POST "/{lang}/workspace/pavilions/{slug}/emails/{id}/resend" => pages::pavilion::deliveries::resend,
    GET "/{lang}/workspace/pavilions/{slug}/audit" => pages::pavilion::audit_log::handle,
    GET "/{lang}/workspace/pavilions/{slug}/settings" => pages::pavilion::settings::handle,
    POST "/{lang}/workspace/pavilions/{slug}/settings" => pages::pavilion::settings::save,
    POST "/{lang}/workspace/pavilions/{slug}/settings/test-email" => pages::pavilion::settings::test_email,
    GET "/{lang}/workspace/pavilions/{slug}/companies" => pages::pavilion::companies::handle,
    POST "/{lang}/workspace/pavilions/{slug}/companies" => pages::pavilion::companies::create,
    GET "/{lang}/workspace/pavilions/{slug}/companies/{id}" => pages::company::home::handle,
    POST "/{lang}/workspace/pavilions/{slug}/companies/{id}/submit" => pages::company::home::submit,
    POST "/{lang}/workspace/pavilions/{slug}/companies/{id}/approve" => pages::company::home::approve,
    POST "/{lang}/workspace/pavilions/{slug}/companies/{id}/request-changes" => pages::company::home::request_changes,
    POST "/{lang}/workspace/pavilions/{slug}/companies/{id}/unlock" => pages::company::home::unlock,
    GET "/{lang}/workspace/pavilions/{slug}/companies/{id}/profile" => pages::company::profile::handle,
    POST "/{lang}/workspace/pavilions/{slug}/companies/{id}/profile" => pages::company::profile::save,
    GET "/{lang}/workspace/pavilions/{slug}/companies/{id}/logo" => pages::company::logo::image,
    POST "/{lang}/workspace/pavilions/{slug}/companies/{id}/logo" => pages::company::logo::upload,
    POST "/{lang}/workspace/pavilions/{slug}/companies/{id}/logo/remove" => pages::company::logo::remove,
    GET "/{lang}/workspace/pavilions/{slug}/companies/{id}/preview" => pages::company::preview::handle,
    GET "/{lang}/workspace/pavilions/{slug}/companies/{id}/works" => pages::company::works::handle,
    GET "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/new" => pages::company::work::form,
    POST "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/new" => pages::company::work::save,
    GET "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/{work_id}" => pages::company::work::form,
    POST "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/{work_id}" => pages::company::work::save,
    POST "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/{work_id}/delete" => pages::company::works::delete,
    GET "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/{work_id}/poster" => pages::company::works::poster,
    POST "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/{work_id}/poster" => pages::company::works::upload_poster,
    GET "/{lang}/pavilions/{slug}" => pages::public::pavilion::handle,
    GET "/{lang}/pavilions/{slug}/exhibitors/{id}" => pages::public::company::handle,
    GET "/{lang}/pavilions/{slug}/exhibitors/{id}/works/{work_id}" => pages::public::work::handle,
    }
}

/// Registers every route of the table: one resource per path, with each of its methods.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let routes = table();
    let mut paths: Vec<&'static str> = Vec::new();
    for route in &routes {
        if !paths.contains(&route.path) {
            paths.push(route.path);
        }
    }
    for path in paths {
        let resource = routes
            .iter()
            .filter(|route| route.path == path)
            .fold(web::resource(path), |resource, route| (route.register)(resource));
        cfg.service(resource);
    }
}

/// The methods a request path takes (`"GET, HEAD, PATCH"`); `None` for a path no route has.
pub fn allowed_methods(path: &str) -> Option<String> {
    const ORDER: [&str; 6] = ["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"];
    let mut methods: Vec<&str> = table()
        .into_iter()
        .filter(|route| route.matches(path))
        .flat_map(|route| if route.method == "GET" { vec!["GET", "HEAD"] } else { vec![route.method] })
        .collect();
    methods.sort_by_key(|method| ORDER.iter().position(|known| known == method));
    (!methods.is_empty()).then(|| methods.join(", "))
}
