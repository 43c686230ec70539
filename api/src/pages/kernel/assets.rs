//! The stylesheet and the script, compiled into the binary and served under addresses that name
//! their content, so browsers may keep them for a year and a new release is fetched at once.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

const STYLESHEET: &str = include_str!("../../../static/app.css");
/// Enhancements only (unsaved-changes warning, upload checks and progress): no page needs it.
const SCRIPT: &str = include_str!("../../../static/app.js");

/// `/static/{name}-{first 16 hex digits of its SHA-256}.{extension}`.
fn hashed_path(name: &str, extension: &str, content: &str) -> String {
    let digest = hex::encode(Sha256::digest(content.as_bytes()));
    format!("/static/{name}-{}.{extension}", &digest[..16])
}

pub fn stylesheet_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| hashed_path("app", "css", STYLESHEET))
}

pub fn script_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| hashed_path("app", "js", SCRIPT))
}

/// `GET /static/{file}`: the stylesheet and the script under their current addresses; anything
/// else is not found.
pub async fn handle(file: web::Path<String>) -> HttpResponse {
    let path = format!("/static/{}", file.into_inner());
    let (content_type, body) = if path == stylesheet_path() {
        ("text/css; charset=utf-8", STYLESHEET)
    } else if path == script_path() {
        ("text/javascript; charset=utf-8", SCRIPT)
    } else {
        return HttpResponse::NotFound().finish();
    };
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(body)
}
