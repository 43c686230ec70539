//! The stylesheet, compiled into the binary and served under an address that names its content,
//! so browsers may keep it for a year and a new release is fetched at once.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

const STYLESHEET: &str = include_str!("../../static/app.css");

/// `/static/app-{first 16 hex digits of its SHA-256}.css`.
pub fn stylesheet_path() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        let digest = hex::encode(Sha256::digest(STYLESHEET.as_bytes()));
        format!("/static/app-{}.css", &digest[..16])
    })
}

/// `GET /static/{file}`: the stylesheet under its current address; anything else is not found.
pub async fn handle(file: web::Path<String>) -> HttpResponse {
    if format!("/static/{}", file.into_inner()) != stylesheet_path() {
        return HttpResponse::NotFound().finish();
    }
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(STYLESHEET)
}
