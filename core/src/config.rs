//! Settings: compiled defaults, then an optional TOML file (`PAVILION_CONFIG_FILE`), then
//! `PAVILION_*` environment variables. Every knob is documented in `deploy/pavilion.env.example`.

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    #[default]
    Development,
    Production,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `PAVILION_ENV`: `development` (default) or `production`, which refuses unsafe defaults.
    pub env: Environment,
    /// `PAVILION_DATABASE_URL`: `sqlite://PATH` or `postgres://…`; unset = `sqlite://{data_dir}/pavilion.db`.
    pub database_url: Option<SecretString>,
    /// `PAVILION_DATA_DIR`: the SQLite file, the generated signing key, the mail spool.
    pub data_dir: PathBuf,
    /// `PAVILION_BIND`: listen address.
    pub bind: String,
    /// `PAVILION_PUBLIC_URL`: base URL put into links in emails.
    pub public_url: String,
    /// `PAVILION_SMTP_URL`: lettre's URL form; unset = `.eml` files in the data directory.
    pub smtp_url: Option<SecretString>,
    /// `PAVILION_MAIL_FROM`: the deployment's sender address.
    pub mail_from: String,
    /// `PAVILION_JWT_SECRET`: access-token signing key (32+ bytes); unset = generated and kept in
    /// the data directory (refused in production).
    pub jwt_secret: Option<SecretString>,
    /// `PAVILION_MAX_BODY_BYTES`: largest request body accepted (413 above).
    pub max_body_bytes: usize,
    /// `PAVILION_BODY_TIMEOUT_SECS`: how long a client may take to send a request body; past it
    /// the request gets 408 and the connection closes (headers have actix's own 5 s limit).
    pub body_timeout_secs: u64,
    /// `PAVILION_COMPANY_STORAGE_BYTES`: the most one company's logos and posters may take in
    /// storage; an upload past it is refused (409) until replaced files are removed.
    pub company_storage_bytes: u64,
    /// `PAVILION_DB_POOL_SIZE`: connections kept per server process.
    pub db_pool_size: u32,
    /// `PAVILION_DB_TIMEOUT_SECS`: how long a request waits for a connection before a 503.
    pub db_timeout_secs: u64,
    /// `PAVILION_DB_STARTUP_TIMEOUT_SECS`: how long start-up keeps retrying an unreachable database.
    pub db_startup_timeout_secs: u64,
    /// `PAVILION_ACCESS_TOKEN_TTL_SECS`: lifetime of a JWT access token.
    pub access_token_ttl_secs: i64,
    /// `PAVILION_SESSION_TTL_SECS`: a session (and its refresh token) ends after this long unused.
    pub session_ttl_secs: i64,
    /// `PAVILION_HTTP_WORKERS`: HTTP worker threads; unset = one per core.
    pub http_workers: Option<usize>,
    /// `PAVILION_HASHING_THREADS`: threads of the hashing pool (`auth::hashing`); unset = one less
    /// than the cores (at least one), so a login flood leaves a core for everything else.
    pub hashing_threads: Option<usize>,
    /// `PAVILION_HASHING_QUEUE`: password checks queued or running at once; past it a login is
    /// refused with 503 at once. Unset = 64 per hashing thread (about a second of waiting).
    pub hashing_queue: Option<usize>,
    /// `PAVILION_INVITATION_TTL_HOURS`: how long an invitation link works.
    pub invitation_ttl_hours: i64,
    /// `PAVILION_MAIL_CONCURRENCY`: messages the outbox worker sends at once; 0 = no worker in
    /// this process (another process delivers).
    pub mail_concurrency: usize,
    /// `PAVILION_MAIL_MAX_ATTEMPTS`: attempts before a transiently failing message is `failed`.
    pub mail_max_attempts: i32,
    /// `PAVILION_MAIL_RETRY_BASE_MS`: delay before the first retry; doubles each time.
    pub mail_retry_base_ms: u64,
    /// `PAVILION_MAIL_LEASE_SECS`: how long a worker holds a claimed message.
    pub mail_lease_secs: u64,
    /// `PAVILION_MAIL_POLL_MS`: how often an idle worker looks for due messages.
    pub mail_poll_ms: u64,
    /// `PAVILION_SHUTDOWN_DRAIN_MS`: after SIGTERM or SIGINT, how long `/readyz` answers 503 while
    /// the listener still accepts, so that a load balancer stops sending before it closes.
    pub shutdown_drain_ms: u64,
    /// `PAVILION_SHUTDOWN_TIMEOUT_SECS`: how long requests in flight may take to finish once the
    /// listener is closed; those still running then are cut.
    pub shutdown_timeout_secs: u64,
    /// `PAVILION_REMINDER_INTERVAL_MS`: how often each server looks for deadline reminders that
    /// came due; 0 turns the reminders off in this process.
    pub reminder_interval_ms: u64,
    /// `PAVILION_STORAGE_URL`: where uploads (logos, posters) live: unset = `{data_dir}/uploads`;
    /// `file:///path`; or `s3://bucket/prefix` for S3-compatible storage, configured by the
    /// usual `AWS_*` variables (`AWS_ENDPOINT` for a non-Amazon service).
    pub storage_url: Option<String>,
    /// `PAVILION_MAX_UPLOAD_BYTES`: largest logo or poster accepted (413 above).
    pub max_upload_bytes: usize,
    /// `PAVILION_IMAGE_DECODE_BYTES`: the memory all image uploads being decoded at once may
    /// take together (an upload's share is read from its header first); an upload that would
    /// go past it waits for nothing: 503 with `Retry-After`. Below 600 MiB, the largest pictures
    /// (8192 pixels a side) are refused as too large.
    pub image_decode_bytes: u64,
    /// `PAVILION_METRICS_TOKEN`: when set, `GET /metrics` asks for it as a bearer token;
    /// unset, the metrics are open (keep them off the public internet at the proxy).
    pub metrics_token: Option<SecretString>,
    /// `PAVILION_REQUIRE_SECOND_FACTOR`: organisers must add a second factor before they may do
    /// anything else once signed in. Only a development deployment may turn it off.
    pub require_second_factor: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            env: Environment::Development,
            database_url: None,
            data_dir: PathBuf::from("./data"),
            bind: "127.0.0.1:8080".into(),
            public_url: "http://localhost:8080".into(),
            smtp_url: None,
            mail_from: "no-reply@localhost".into(),
            jwt_secret: None,
            max_body_bytes: 1024 * 1024,
            body_timeout_secs: 60,
            company_storage_bytes: 100 * 1024 * 1024,
            db_pool_size: 8,
            db_timeout_secs: 3,
            db_startup_timeout_secs: 30,
            access_token_ttl_secs: 15 * 60,
            session_ttl_secs: 30 * 24 * 3600,
            http_workers: None,
            hashing_threads: None,
            hashing_queue: None,
            invitation_ttl_hours: 72,
            mail_concurrency: 4,
            mail_max_attempts: 8,
            mail_retry_base_ms: 30_000,
            mail_lease_secs: 120,
            mail_poll_ms: 1_000,
            reminder_interval_ms: 60_000,
            shutdown_drain_ms: 5_000,
            metrics_token: None,
            shutdown_timeout_secs: 30,
            storage_url: None,
            max_upload_bytes: 5 * 1024 * 1024,
            image_decode_bytes: 640 * 1024 * 1024,
            require_second_factor: true,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration could not be read: {0}")]
    Load(String),
    #[error("{variable}: {message}")]
    Invalid { variable: &'static str, message: String },
}

fn invalid(variable: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid { variable, message: message.into() }
}

impl Settings {
    /// Reads the layered configuration from the process environment.
    pub fn load() -> Result<Self, ConfigError> {
        let mut figment = Figment::new();
        if let Some(file) = std::env::var_os("PAVILION_CONFIG_FILE") {
            figment = figment.merge(Toml::file_exact(PathBuf::from(file)));
        }
        let settings: Settings = figment
            .merge(Env::prefixed("PAVILION_").ignore(&["config_file"]))
            .extract()
            .map_err(|error| ConfigError::Load(error.to_string()))?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks everything that can be checked without touching the network or the disk.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.database()?;
        let public = url::Url::parse(&self.public_url)
            .map_err(|error| invalid("PAVILION_PUBLIC_URL", format!("not a URL ({error})")))?;
        if !matches!(public.scheme(), "http" | "https") {
            return Err(invalid("PAVILION_PUBLIC_URL", "must be an http:// or https:// URL"));
        }
        if let Some(smtp) = &self.smtp_url {
            let parsed = url::Url::parse(smtp.expose_secret())
                .map_err(|_| invalid("PAVILION_SMTP_URL", "not a URL (expected smtp://host:port or smtps://…)"))?;
            if !matches!(parsed.scheme(), "smtp" | "smtps") {
                return Err(invalid("PAVILION_SMTP_URL", "must start with smtp:// or smtps://"));
            }
        }
        crate::domain::EmailAddress::parse(&self.mail_from)
            .map_err(|_| invalid("PAVILION_MAIL_FROM", "not an email address"))?;
        if let Some(secret) = &self.jwt_secret
            && secret.expose_secret().len() < 32
        {
            return Err(invalid("PAVILION_JWT_SECRET", "must be at least 32 bytes long"));
        }
        if self.body_timeout_secs == 0 {
            return Err(invalid("PAVILION_BODY_TIMEOUT_SECS", "must be at least 1"));
        }
        if self.max_body_bytes < 1024 {
            return Err(invalid("PAVILION_MAX_BODY_BYTES", "must be at least 1024"));
        }
        if self.db_pool_size == 0 {
            return Err(invalid("PAVILION_DB_POOL_SIZE", "must be at least 1"));
        }
        if self.db_timeout_secs == 0 {
            return Err(invalid("PAVILION_DB_TIMEOUT_SECS", "must be at least 1"));
        }
        if self.access_token_ttl_secs < 60 || self.session_ttl_secs < self.access_token_ttl_secs {
            return Err(invalid(
                "PAVILION_ACCESS_TOKEN_TTL_SECS",
                "must be at least 60 and no longer than PAVILION_SESSION_TTL_SECS",
            ));
        }
        if !(1..=24 * 90).contains(&self.invitation_ttl_hours) {
            return Err(invalid("PAVILION_INVITATION_TTL_HOURS", "must be between 1 and 2160 (90 days)"));
        }
        if self.hashing_threads == Some(0) {
            return Err(invalid("PAVILION_HASHING_THREADS", "must be at least 1"));
        }
        if self.hashing_queue == Some(0) {
            return Err(invalid("PAVILION_HASHING_QUEUE", "must be at least 1"));
        }
        if self.mail_max_attempts < 1 {
            return Err(invalid("PAVILION_MAIL_MAX_ATTEMPTS", "must be at least 1"));
        }
        if self.mail_lease_secs < 30 {
            return Err(invalid("PAVILION_MAIL_LEASE_SECS", "must be at least 30 (longer than one SMTP conversation)"));
        }
        if self.mail_poll_ms == 0 {
            return Err(invalid("PAVILION_MAIL_POLL_MS", "must be at least 1"));
        }
        if let Some(storage) = &self.storage_url {
            let parsed = url::Url::parse(storage).map_err(|_| invalid("PAVILION_STORAGE_URL", "not a URL"))?;
            if !matches!(parsed.scheme(), "file" | "s3") {
                return Err(invalid("PAVILION_STORAGE_URL", "must start with file:// or s3://"));
            }
        }
        if !(1024..=100 * 1024 * 1024).contains(&self.max_upload_bytes) {
            return Err(invalid("PAVILION_MAX_UPLOAD_BYTES", "must be between 1024 and 104857600 (100 MiB)"));
        }
        if self.image_decode_bytes < 64 * 1024 * 1024 {
            return Err(invalid("PAVILION_IMAGE_DECODE_BYTES", "must be at least 67108864 (64 MiB)"));
        }
        if self.env == Environment::Production {
            if self.jwt_secret.is_none() {
                return Err(invalid(
                    "PAVILION_JWT_SECRET",
                    "production refuses a generated signing key; set a random secret of 32+ bytes",
                ));
            }
            if self.smtp_url.is_none() {
                return Err(invalid("PAVILION_SMTP_URL", "production needs a real SMTP server; set PAVILION_SMTP_URL"));
            }
            if !self.require_second_factor {
                return Err(invalid(
                    "PAVILION_REQUIRE_SECOND_FACTOR",
                    "production refuses to let organisers sign in with a password alone; remove it or set it to true",
                ));
            }
        }
        Ok(())
    }

    /// The database to use, parsed; the default is a SQLite file in the data directory.
    pub fn database(&self) -> Result<DatabaseUrl, ConfigError> {
        match &self.database_url {
            Some(raw) => DatabaseUrl::parse(raw.expose_secret()),
            None => Ok(DatabaseUrl::Sqlite(self.data_dir.join("pavilion.db"))),
        }
    }

    /// How many password hashes run at once.
    /// The folder of uploads when they are local files; `None` when they live in S3.
    pub fn local_uploads_dir(&self) -> Option<PathBuf> {
        match &self.storage_url {
            None => Some(self.data_dir.join("uploads")),
            Some(raw) => url::Url::parse(raw).ok().filter(|url| url.scheme() == "file")?.to_file_path().ok(),
        }
    }

    pub fn hashing_queue(&self) -> usize {
        self.hashing_queue.unwrap_or(64 * self.hashing_threads())
    }

    pub fn hashing_threads(&self) -> usize {
        self.hashing_threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, |cores| cores.get().saturating_sub(1)).max(1)
        })
    }

    /// The sender address, parsed (validated by `validate`).
    pub fn mail_from_address(&self) -> Result<crate::domain::EmailAddress, crate::CoreError> {
        crate::domain::EmailAddress::parse(&self.mail_from)
    }

    /// The right-hand side of Message-IDs: the sender address's domain.
    pub fn mail_domain(&self) -> &str {
        self.mail_from.rsplit_once('@').map_or("localhost", |(_, domain)| domain)
    }

    pub fn access_token_ttl(&self) -> chrono::Duration {
        chrono::Duration::seconds(self.access_token_ttl_secs)
    }

    pub fn session_ttl(&self) -> chrono::Duration {
        chrono::Duration::seconds(self.session_ttl_secs)
    }
}

/// Where the data lives. The backend is chosen by the URL scheme, never by trial and error.
#[derive(Debug, Clone)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(SecretString),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        const VAR: &str = "PAVILION_DATABASE_URL";
        if let Some(path) = raw.strip_prefix("sqlite://") {
            if path.is_empty() || path.starts_with(":memory:") {
                return Err(invalid(
                    VAR,
                    "sqlite:// needs a file path (an in-memory database cannot be shared by a connection pool)",
                ));
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            url::Url::parse(raw).map_err(|error| invalid(VAR, format!("not a valid postgres URL ({error})")))?;
            return Ok(Self::Postgres(SecretString::from(raw)));
        }
        match raw.split_once("://") {
            Some((scheme, _)) => Err(invalid(
                VAR,
                format!("unsupported scheme `{scheme}://`; use sqlite://PATH or postgres://USER@HOST/DB"),
            )),
            None => Err(invalid(
                VAR,
                "a bare path is ambiguous; write sqlite://PATH for a SQLite file or postgres://USER@HOST/DB",
            )),
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }

    /// The URL with any password replaced, safe for logs and error messages.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite://{}", path.display()),
            Self::Postgres(raw) => match url::Url::parse(raw.expose_secret()) {
                Ok(mut url) => {
                    if url.password().is_some() {
                        let _ = url.set_password(Some("***"));
                    }
                    url.to_string()
                }
                Err(_) => "postgres://(unparseable)".into(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_are_chosen_by_scheme() {
        assert!(
            matches!(DatabaseUrl::parse("sqlite://data/x.db"), Ok(DatabaseUrl::Sqlite(p)) if p.as_path() == std::path::Path::new("data/x.db"))
        );
        assert!(
            matches!(DatabaseUrl::parse("sqlite:///abs/x.db"), Ok(DatabaseUrl::Sqlite(p)) if p.as_path() == std::path::Path::new("/abs/x.db"))
        );
        assert!(matches!(DatabaseUrl::parse("postgres://u:p@h/db"), Ok(DatabaseUrl::Postgres(_))));
        for bad in ["data/x.db", "mysql://h/db", "sqlite://", "sqlite://:memory:", ""] {
            assert!(DatabaseUrl::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn redaction_hides_the_password_only() {
        let url = DatabaseUrl::parse("postgres://app:hunter2@db.local:5432/pavilion").unwrap();
        let shown = url.redacted();
        assert!(!shown.contains("hunter2"));
        assert!(shown.contains("app:***@db.local:5432/pavilion"));
    }

    #[test]
    fn production_refuses_generated_key_missing_smtp_and_organisers_without_second_factor() {
        let mut settings = Settings { env: Environment::Production, ..Settings::default() };
        let error = settings.validate().unwrap_err().to_string();
        assert!(error.contains("PAVILION_JWT_SECRET"), "{error}");
        settings.jwt_secret = Some(SecretString::from("x".repeat(40)));
        let error = settings.validate().unwrap_err().to_string();
        assert!(error.contains("PAVILION_SMTP_URL"), "{error}");
        settings.smtp_url = Some(SecretString::from("smtp://mail.local:25"));
        settings.validate().unwrap();
        settings.require_second_factor = false;
        let error = settings.validate().unwrap_err().to_string();
        assert!(error.contains("PAVILION_REQUIRE_SECOND_FACTOR"), "{error}");
        Settings { require_second_factor: false, ..Settings::default() }.validate().expect("development may relax it");
    }

    #[test]
    fn debug_output_never_shows_secrets() {
        let settings = Settings {
            jwt_secret: Some(SecretString::from("super-secret-signing-key-0123456789")),
            database_url: Some(SecretString::from("postgres://u:dbpass@h/db")),
            smtp_url: Some(SecretString::from("smtp://u:mailpass@h:587")),
            ..Settings::default()
        };
        let shown = format!("{settings:?}");
        for secret in ["super-secret", "dbpass", "mailpass"] {
            assert!(!shown.contains(secret), "{secret} leaked: {shown}");
        }
    }
}
