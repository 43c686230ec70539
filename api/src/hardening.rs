//! What every request passes through, whatever its route: a bounded target, no control
//! characters in the query, a deadline for the body, the response headers that keep browsers and
//! caches from mishandling our answers, and access logs that never hold a secret.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, ResponseError, web};
use bytes::Bytes;
use futures_util::Stream;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder};

/// The longest request target (path and query) served; longer ones get 414. Browsers, proxies
/// and CDNs commonly stop at 8 KiB as well, so no honest client comes near it.
pub const MAX_TARGET_BYTES: usize = 8 * 1024;

/// The API reference page (Swagger UI) loads its own script, styles and images, and nothing else;
/// it never runs inside another site's frame.
const DOCS_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; font-src 'self' data:; form-action 'none'; \
    frame-ancestors 'none'; base-uri 'none'";

/// Refuses what no route may receive, bounds the body's arrival, and sets the shared response
/// headers.
pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if crate::pages::kernel::is_page_address(req.path()) && unprintable_path(req.path()) {
        // No page's address holds one, and a header built from it (`Location`) could not be
        // sent: the address names nothing. (The JSON routes answer such an id as any unknown one.)
        let response = crate::pages::kernel::unknown_address(req.request());
        let mut response = req.into_response(response);
        set_shared_headers(response.headers_mut());
        return Ok(response.map_into_right_body());
    }
    if let Some(refusal) = refusal(&req) {
        let mut response = req.into_response(refusal.error_response());
        set_shared_headers(response.headers_mut());
        return Ok(response.map_into_right_body());
    }
    if let Some(state) = req.app_data::<web::Data<AppState>>().filter(|_| has_body(&req)) {
        let timeout = Duration::from_secs(state.settings.body_timeout_secs);
        let payload = req.take_payload();
        req.set_payload(Payload::Stream { payload: Box::pin(Deadline::new(payload, timeout)) });
    }
    // An answer to a request with credentials may hold that account's data: no cache keeps it.
    let authenticated = req.headers().contains_key(header::AUTHORIZATION);
    let docs = req.path().starts_with("/api/docs");
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    set_shared_headers(headers);
    if authenticated {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if docs {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DOCS_CSP));
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    Ok(response.map_into_left_body())
}

/// Whether the request announces a body (most reads have none, and need no deadline).
fn has_body(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|length| length.to_str().ok())
            .is_some_and(|length| length.trim() != "0")
}

fn set_shared_headers(headers: &mut header::HeaderMap) {
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
}

/// Why a request is refused before any route sees it, if it is.
fn refusal(req: &ServiceRequest) -> Option<ApiError> {
    let target = req.uri().path_and_query().map_or("", |target| target.as_str());
    if target.len() > MAX_TARGET_BYTES {
        return Some(ApiError::new(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            format!("The address is longer than the {MAX_TARGET_BYTES} bytes this server accepts."),
        ));
    }
    control_character_in_query(req.query_string()).map(|name| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_query",
            format!("The query parameter `{name}` contains a control character."),
        )
    })
}

/// Whether the path, once decoded, holds a control character or white space (`%0a`, `%7f`,
/// `%20`): no slug, id, token or file name of this site does.
fn unprintable_path(path: &str) -> bool {
    percent_encoding::percent_decode_str(path).decode_utf8_lossy().chars().any(|c| c.is_control() || c.is_whitespace())
}

/// The first query parameter whose name or value, once decoded, holds a control character (NUL,
/// a line break, an escape …): no search or filter means one, and several storage layers choke
/// on them.
fn control_character_in_query(query: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, value)| name.chars().chain(value.chars()).any(char::is_control))
        .map(|(name, _)| name.chars().map(|c| if c.is_control() { char::REPLACEMENT_CHARACTER } else { c }).collect())
}

/// A request body that must have arrived by a deadline. Without one, a client sending a byte
/// every few seconds holds a connection (and a worker's attention) for as long as it likes.
struct Deadline {
    inner: Payload,
    timer: Pin<Box<tokio::time::Sleep>>,
    expired: bool,
}

impl Deadline {
    fn new(inner: Payload, timeout: Duration) -> Self {
        Self { inner, timer: Box::pin(tokio::time::sleep(timeout)), expired: false }
    }
}

impl Stream for Deadline {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.expired {
            return Poll::Ready(None);
        }
        if let Poll::Ready(item) = Pin::new(&mut self.inner).poll_next(cx) {
            return Poll::Ready(item);
        }
        if self.timer.as_mut().poll(cx).is_ready() {
            self.expired = true;
            let timed_out = std::io::Error::new(std::io::ErrorKind::TimedOut, "the request body arrived too slowly");
            return Poll::Ready(Some(Err(PayloadError::Io(timed_out))));
        }
        Poll::Pending
    }
}

/// The root span of every request, as tracing-actix-web's default but with secrets taken out of
/// the logged target: every line logged while serving a request carries it.
pub struct RedactedRootSpan;

impl RootSpanBuilder for RedactedRootSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let route = request.match_pattern().unwrap_or_else(|| "default".into());
        let user_agent = request.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
        let request_id = request.extensions().get::<RequestId>().map(ToString::to_string).unwrap_or_default();
        let connection = request.connection_info();
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %route,
            http.client_ip = %connection.realip_remote_addr().unwrap_or(""),
            http.user_agent = %user_agent,
            http.target = %redacted_target(request.uri()),
            http.status_code = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
            request_id = %request_id,
            exception.message = tracing::field::Empty,
            exception.details = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, actix_web::Error>) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// Query parameters that carry credentials or one-time secrets, whatever the route.
const SECRET_PARAMETERS: [&str; 9] =
    ["access_token", "refresh_token", "token", "id_token", "password", "secret", "code", "api_key", "signature"];

/// Paths whose next segment is a one-time secret (the links in invitation and reset emails).
const SECRET_PATH_PREFIXES: [&str; 2] = ["/invite/", "/reset/"];

/// The request target as it may be logged: secret query values and path segments replaced.
pub fn redacted_target(uri: &actix_web::http::Uri) -> String {
    let path = uri.path();
    let mut logged = match SECRET_PATH_PREFIXES.iter().find(|prefix| path.starts_with(*prefix)) {
        Some(prefix) => {
            let rest = &path[prefix.len()..];
            let after_secret = rest.find('/').map_or("", |end| &rest[end..]);
            format!("{prefix}[redacted]{after_secret}")
        }
        None => path.to_owned(),
    };
    if let Some(query) = uri.query() {
        logged.push('?');
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| {
                let name = pair.split('=').next().unwrap_or("");
                let decoded = url::form_urlencoded::parse(name.as_bytes()).next().map(|(n, _)| n.to_lowercase());
                match decoded {
                    Some(name_lower) if SECRET_PARAMETERS.contains(&name_lower.as_str()) => {
                        format!("{name}=[redacted]")
                    }
                    _ => pair.to_owned(),
                }
            })
            .collect();
        logged.push_str(&pairs.join("&"));
    }
    logged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_leave_the_logged_target() {
        let uri = |raw: &str| raw.parse::<actix_web::http::Uri>().unwrap();
        assert_eq!(
            redacted_target(&uri("/api/v1/me?access_token=eyJabc&limit=5&Token=x")),
            "/api/v1/me?access_token=[redacted]&limit=5&Token=[redacted]"
        );
        assert_eq!(redacted_target(&uri("/reset/abcdef?x=1")), "/reset/[redacted]?x=1");
        assert_eq!(redacted_target(&uri("/invite/abcdef/next")), "/invite/[redacted]/next");
        assert_eq!(redacted_target(&uri("/api/v1/directory/works?q=tok%65n")), "/api/v1/directory/works?q=tok%65n");
        assert_eq!(redacted_target(&uri("/x?acc%65ss_token=1")), "/x?acc%65ss_token=[redacted]");
    }

    #[test]
    fn control_characters_are_found_once_decoded() {
        assert_eq!(control_character_in_query("q=a%00b"), Some("q".into()));
        assert_eq!(control_character_in_query("a=1&q=%0A"), Some("q".into()));
        assert_eq!(control_character_in_query("q=%C2%85"), Some("q".into()), "C1 controls too");
        assert_eq!(control_character_in_query("q=%E8%A5%BF%E6%B9%96+50%25"), None);
        assert_eq!(control_character_in_query("q=%FF"), None, "invalid UTF-8 is the extractor's to refuse");
    }
}
