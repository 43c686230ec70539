use std::fmt;

/// One field-level problem in a request, reported back as `{field, code, message}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self { field: field.into(), code, message: message.into() }
    }
}

/// Every way a use case can fail. The HTTP layer maps each variant to one status; nothing here
/// knows about HTTP.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    /// Wrong credentials, missing or dead token. Deliberately carries no detail about which.
    #[error("not authenticated")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    /// The entity name ("pavilion", ...) is safe to show; an id is not needed.
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("conflict: {0}")]
    Conflict(String),
    /// A single-use or expiring thing (invitation, reset link) that can no longer be used.
    #[error("{message}")]
    Gone { code: &'static str, message: String },
    /// The caller's copy is out of date (`If-Match` names an older version); nothing changed.
    #[error("{0} was changed by someone else")]
    PreconditionFailed(&'static str),
    /// Edits are closed (the pavilion's deadline has passed) until an admin reopens them.
    #[error("{0}")]
    Locked(String),
    /// Too many attempts: try again after this many seconds.
    #[error("too many attempts")]
    RateLimited { retry_after_secs: i64 },
    /// Too much password work is queued (a login flood): try again after this many seconds.
    #[error("too busy")]
    Busy { retry_after_secs: i64 },
    /// The database could not be reached in time (pool timeout, connection lost).
    #[error("database unavailable")]
    Unavailable(#[source] anyhow::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl CoreError {
    pub fn invalid(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }
}

/// Collects field errors while a command is parsed, so a client sees every problem at once.
#[derive(Debug, Default)]
pub struct Violations(Vec<FieldError>);

impl Violations {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Runs a parse and keeps its value, or records its errors under `field` and returns `None`.
    pub fn check<T>(&mut self, result: Result<T, CoreError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(CoreError::Validation(errors)) => {
                self.0.extend(errors);
                None
            }
            Err(other) => {
                self.0.push(FieldError::new("", "invalid", other.to_string()));
                None
            }
        }
    }

    pub fn into_result(self) -> Result<(), CoreError> {
        if self.0.is_empty() { Ok(()) } else { Err(CoreError::Validation(self.0)) }
    }
}

impl From<diesel::result::Error> for CoreError {
    fn from(error: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match error {
            Error::NotFound => CoreError::NotFound("record"),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                // Services check uniqueness first and give a friendly message; this is the
                // backstop for a race between two writers.
                CoreError::Conflict(format!("already exists ({})", info.constraint_name().unwrap_or("unique")))
            }
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                CoreError::Unavailable(anyhow::anyhow!("connection closed: {}", info.message()))
            }
            Error::DatabaseError(DatabaseErrorKind::UnableToSendCommand, info) => {
                CoreError::Unavailable(anyhow::anyhow!("unable to send command: {}", info.message()))
            }
            other => CoreError::Internal(anyhow::Error::new(other)),
        }
    }
}

impl From<diesel::r2d2::PoolError> for CoreError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        CoreError::Unavailable(anyhow::Error::new(error))
    }
}

/// Displays an error with its whole cause chain, for logs.
pub struct ErrorChain<'a>(pub &'a (dyn std::error::Error + 'static));

impl fmt::Display for ErrorChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}
