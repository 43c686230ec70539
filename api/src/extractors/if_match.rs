use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use std::future::{Ready, ready};

/// The version an `If-Match` header names: `None` when absent or `*` (write whatever is there).
/// A header that names no version of ours can match nothing, so it becomes a version that never
/// exists and the write fails with 412.
pub struct IfMatch(pub Option<i64>);

const NEVER: i64 = -1;

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(value) = req.headers().get(header::IF_MATCH) else { return ready(Ok(IfMatch(None))) };
        let value = value.to_str().unwrap_or_default().trim();
        if value == "*" {
            return ready(Ok(IfMatch(None)));
        }
        // A list of tags matches if any does; ours are `"v{n}"` (a weak `W/` prefix is accepted,
        // since proxies that compress bodies weaken tags).
        let version = value
            .split(',')
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .find_map(|tag| tag.strip_prefix("\"v")?.strip_suffix('"')?.parse::<i64>().ok())
            .unwrap_or(NEVER);
        ready(Ok(IfMatch(Some(version))))
    }
}
