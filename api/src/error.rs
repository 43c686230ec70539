//! Every error leaves the API as RFC 9457 `application/problem+json` with a stable `code`.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use pavilion_core::CoreError;
use pavilion_core::error::ErrorChain;
use serde::Serialize;
use std::fmt;
use utoipa::ToSchema;

/// The problem document (RFC 9457) every error response carries.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the problem type: `urn:pavilion:problem:{code}`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable snake_case identifier clients can branch on.
    pub code: String,
    /// Field-level problems, for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// An error on its way out: status, code, the message a client may read, and for server faults
/// the cause, which is logged and never sent.
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    detail: String,
    errors: Vec<ProblemField>,
    cause: Option<anyhow::Error>,
    retry_after_secs: Option<i64>,
    /// Where a browser is sent instead (`303 See Other`), for a page that must not be shown.
    location: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: detail.into(),
            errors: Vec::new(),
            cause: None,
            retry_after_secs: None,
            location: None,
        }
    }

    /// A page refused by a rule that has a page of its own: the browser goes there (303).
    pub fn see_other(location: String, code: &'static str, detail: impl Into<String>) -> Self {
        Self { location: Some(location), ..Self::new(StatusCode::SEE_OTHER, code, detail) }
    }

    pub fn internal(cause: anyhow::Error) -> Self {
        Self {
            cause: Some(cause),
            ..Self::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "Something went wrong on our side; it has been logged.",
            )
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", format!("No such {what}."))
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn status_code_is(&self, status: StatusCode) -> bool {
        self.status == status
    }

    /// The field-level problems of a refused input, for a page to show beside each field.
    pub fn field_errors(&self) -> &[ProblemField] {
        &self.errors
    }

    /// The wait a 429 or 503 asks for, in seconds.
    pub fn retry_after_secs(&self) -> Option<i64> {
        self.retry_after_secs
    }

    pub fn problem(&self) -> Problem {
        Problem {
            kind: format!("urn:pavilion:problem:{}", self.code),
            title: self.status.canonical_reason().unwrap_or("Error").to_owned(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            code: self.code.to_owned(),
            errors: self
                .errors
                .iter()
                .map(|e| ProblemField { field: e.field.clone(), code: e.code.clone(), message: e.message.clone() })
                .collect(),
        }
    }
}

impl From<CoreError> for ApiError {
    fn from(error: CoreError) -> Self {
        match error {
            CoreError::Validation(fields) => Self {
                errors: fields
                    .into_iter()
                    .map(|f| ProblemField { field: f.field, code: f.code.to_owned(), message: f.message })
                    .collect(),
                ..Self::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation_failed",
                    "Some fields are invalid; see `errors`.",
                )
            },
            CoreError::Unauthenticated => {
                Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", "Missing, invalid or expired credentials.")
            }
            CoreError::Forbidden => {
                Self::new(StatusCode::FORBIDDEN, "forbidden", "Your account is not allowed to do this.")
            }
            CoreError::NotFound(what) => Self::not_found(what),
            CoreError::Conflict(what) => Self::new(StatusCode::CONFLICT, "conflict", capitalise(&what)),
            CoreError::RateLimited { retry_after_secs } => Self {
                retry_after_secs: Some(retry_after_secs.max(1)),
                ..Self::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "rate_limited",
                    match retry_after_secs.max(1) {
                        1 => "Too many attempts; try again in 1 second.".to_owned(),
                        n => format!("Too many attempts; try again in {n} seconds."),
                    },
                )
            },
            CoreError::PreconditionFailed(what) => Self::new(
                StatusCode::PRECONDITION_FAILED,
                "precondition_failed",
                format!("This {what} was changed since you read it; fetch it again and reapply your change."),
            ),
            CoreError::Locked(message) => Self::new(StatusCode::LOCKED, "edits_locked", capitalise(&message)),
            CoreError::Gone { code, message } => Self::new(StatusCode::GONE, code, capitalise(&message)),
            CoreError::Busy { retry_after_secs } => Self {
                retry_after_secs: Some(retry_after_secs.max(1)),
                ..Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    "The server has more work queued than it takes at this moment (sign-ins to check, images to decode); please try again shortly.",
                )
            },
            CoreError::Unavailable(cause) => Self {
                cause: Some(cause),
                ..Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "service_unavailable",
                    "The database is unavailable; please retry shortly.",
                )
            },
            CoreError::Internal(cause) => Self::internal(cause),
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str().trim_end_matches('.')),
        None => String::new(),
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.code)?;
        if let Some(cause) = &self.cause {
            write!(f, ": {}", ErrorChain(cause.as_ref()))?;
        }
        Ok(())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.detail)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        if let Some(cause) = &self.cause {
            // The full chain goes to the log, inside the request's span (so with its request id).
            tracing::error!(status = self.status.as_u16(), code = self.code, cause = %ErrorChain(cause.as_ref()), "request failed");
        }
        let mut response = HttpResponse::build(self.status);
        response.insert_header((header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json")));
        match self.status {
            StatusCode::UNAUTHORIZED => {
                response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                response.insert_header((header::RETRY_AFTER, HeaderValue::from_static("2")));
            }
            // The rest of a body that came too slowly is not worth waiting for.
            StatusCode::REQUEST_TIMEOUT => {
                response.force_close();
            }
            _ => {}
        }
        if let Some(seconds) = self.retry_after_secs {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        if let Some(location) = &self.location {
            response.insert_header((header::LOCATION, location.clone()));
            response.insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
        }
        response.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

/// Turns actix's own extractor failures into problems with a clear message, never a 500.
pub mod extractor_errors {
    use super::ApiError;
    use actix_web::HttpRequest;
    use actix_web::error::{JsonPayloadError, PayloadError, QueryPayloadError};
    use actix_web::http::StatusCode;

    pub fn json(error: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
        let api = match &error {
            JsonPayloadError::OverflowKnownLength { limit, .. } | JsonPayloadError::Overflow { limit } => {
                too_large(*limit)
            }
            JsonPayloadError::Payload(inner) => payload(inner),
            JsonPayloadError::ContentType => ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the body as JSON with `Content-Type: application/json`.",
            ),
            JsonPayloadError::Deserialize(inner) if inner.is_data() => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
                format!("The JSON body does not fit: {inner}."),
            ),
            JsonPayloadError::Deserialize(inner) => ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed_json",
                format!("The body is not valid JSON: {inner}."),
            ),
            other => {
                ApiError::new(StatusCode::BAD_REQUEST, "bad_request", format!("The body could not be read: {other}."))
            }
        };
        api.into()
    }

    /// A body that could not be read to its end: too large, too slow, or cut off.
    pub fn payload(error: &PayloadError) -> ApiError {
        match error {
            PayloadError::Overflow => too_large(0),
            PayloadError::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "body_timeout",
                "The request body did not arrive in time; send it again.",
            ),
            other => {
                ApiError::new(StatusCode::BAD_REQUEST, "bad_request", format!("The body could not be read: {other}."))
            }
        }
    }

    fn too_large(limit: usize) -> ApiError {
        let detail = if limit > 0 {
            format!("The body is larger than the {limit} bytes this server accepts.")
        } else {
            "The body is larger than this server accepts.".to_owned()
        };
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", detail)
    }

    pub fn query(error: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_query",
            format!("The query string does not fit: {error}."),
        )
        .into()
    }

    /// A path parameter that is no id names nothing: the same 404 as an id that is not there.
    pub fn path(error: actix_web::error::PathError, _req: &HttpRequest) -> actix_web::Error {
        let detail = match &error {
            actix_web::error::PathError::Deserialize(inner) if inner.to_string().starts_with("No such ") => {
                format!("{inner}.")
            }
            _ => "No such resource.".to_owned(),
        };
        ApiError::new(StatusCode::NOT_FOUND, "not_found", detail).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pavilion_core::error::FieldError;

    #[test]
    fn every_core_error_has_one_status_and_code() {
        let cases = [
            (CoreError::Validation(vec![FieldError::new("slug", "invalid_slug", "bad")]), 422, "validation_failed"),
            (CoreError::Unauthenticated, 401, "unauthenticated"),
            (CoreError::Forbidden, 403, "forbidden"),
            (CoreError::NotFound("pavilion"), 404, "not_found"),
            (CoreError::Conflict("taken".into()), 409, "conflict"),
            (CoreError::Gone { code: "invitation_used", message: "used".into() }, 410, "invitation_used"),
            (CoreError::RateLimited { retry_after_secs: 3 }, 429, "rate_limited"),
            (CoreError::Busy { retry_after_secs: 1 }, 503, "busy"),
            (CoreError::Unavailable(anyhow::anyhow!("pool timeout")), 503, "service_unavailable"),
            (CoreError::Internal(anyhow::anyhow!("secret internals")), 500, "internal_error"),
        ];
        for (error, status, code) in cases {
            let api = ApiError::from(error);
            assert_eq!(api.status_code().as_u16(), status);
            assert_eq!(api.code(), code);
            let body = serde_json::to_string(&api.problem()).unwrap();
            assert!(!body.contains("internals") && !body.contains("pool timeout"), "{body}");
        }
    }
}
