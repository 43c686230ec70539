//! What every handler shares, and the one way handlers reach the database: on one of the
//! database threads, never on an HTTP worker. The work answers with the use case's own
//! `CoreError`: the JSON routes turn it into problem+json with `?`, the pages into a page.

use actix_web::web;
use pavilion_core::CoreError;
use pavilion_core::clock::SharedClock;
use pavilion_core::config::Settings;
use pavilion_core::db::{Database, DatabaseThreads, DbConnection};
use pavilion_core::policy::Principal;
use pavilion_core::services::accounts::{Authenticator, ClientInfo};
use pavilion_core::services::context::Context;
use std::sync::Arc;

/// The database, as handlers see it: its backend and pool figures, never a connection. Work
/// reaches it through [`AppState::run`] and [`AppState::call`] only, on a database thread.
#[derive(Clone)]
pub struct DatabaseHandle(Database);

impl DatabaseHandle {
    pub fn new(database: Database) -> Self {
        Self(database)
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        self.0.backend()
    }

    /// The pool's connections: (open, idle).
    pub fn connections(&self) -> (u32, u32) {
        self.0.connections()
    }

    pub fn max_size(&self) -> u32 {
        self.0.max_size()
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseHandle,
    pub auth: Arc<Authenticator>,
    pub clock: SharedClock,
    pub settings: Arc<Settings>,
    /// The threads that run argon2 (`PAVILION_HASHING_THREADS`), so a login flood queues there
    /// instead of taking every core and database thread from other requests.
    pub hashing: pavilion_core::auth::HashingPool,
    /// Login and reset limits (in memory, per process).
    pub throttles: Arc<pavilion_core::auth::throttle::Throttles>,
    /// Wakes the outbox worker after a request queued mail.
    pub mail_wake: Arc<tokio::sync::Notify>,
    /// The threads that run every request's database work, one per pooled connection, in
    /// arrival order (`pavilion_core::db::DatabaseThreads`).
    pub db_threads: DatabaseThreads,
    /// Uploaded logos and posters.
    pub storage: pavilion_core::storage::Storage,
    /// The memory image uploads being decoded may take together (`PAVILION_IMAGE_DECODE_BYTES`).
    pub image_decodes: Arc<pavilion_core::images::DecodeBudget>,
    /// Counts of recent directory searches (the directory page).
    pub recent_counts: Arc<pavilion_core::services::directory::RecentCounts>,
    /// Set when shutdown begins: `/readyz` then answers 503 while requests still finish.
    pub draining: Arc<std::sync::atomic::AtomicBool>,
    /// What `GET /metrics` reports.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// The outbox worker's outcome counts; None when this process runs no worker.
    pub deliveries: Option<Arc<pavilion_core::mail_worker::DeliveryCounts>>,
}

impl AppState {
    /// Runs database work on the database threads, in arrival order, and records how long it
    /// waited for one.
    async fn on_database_thread<T, F>(&self, work: F) -> Result<T, CoreError>
    where
        F: FnOnce() -> Result<T, CoreError> + Send + 'static,
        T: Send + 'static,
    {
        let ran = self.db_threads.run(work).await;
        self.metrics.queued_for_database(ran.queued_for);
        ran.result
    }

    /// Runs password work (argon2) on the hashing pool, never while holding a database connection.
    pub async fn hash<T, F>(&self, work: F) -> Result<T, CoreError>
    where
        F: FnOnce() -> Result<T, CoreError> + Send + 'static,
        T: Send + 'static,
    {
        self.hashing.run(work).await
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Runs work on a pooled connection without a transaction (reads, or single statements that
    /// must persist even when the use case then fails), on a database thread.
    pub async fn run<T, F>(&self, work: F) -> Result<T, CoreError>
    where
        F: FnOnce(&mut DbConnection, &AppState) -> Result<T, CoreError> + Send + 'static,
        T: Send + 'static,
    {
        let state = self.clone();
        self.on_database_thread(move || state.db.0.run(|conn| work(conn, &state))).await
    }

    /// Whether the database answers and its migrations are applied.
    pub async fn check_ready(&self) -> Result<(), CoreError> {
        self.run(|conn, _| pavilion_core::db::check_ready(conn)).await
    }

    /// Runs a write use case on a database thread with its context: the time, the caller, the
    /// client, the settings and the mail worker's wake-up. The use case owns its transaction,
    /// its audit entries and its mail.
    pub async fn call<T, F>(&self, caller: Option<Principal>, client: ClientInfo, work: F) -> Result<T, CoreError>
    where
        F: FnOnce(&Context<'_>) -> Result<T, CoreError> + Send + 'static,
        T: Send + 'static,
    {
        let state = self.clone();
        self.on_database_thread(move || {
            let context =
                Context::new(&state.db.0, &state.settings, state.now(), caller.as_ref(), &client, &state.mail_wake);
            work(&context)
        })
        .await
    }
}

/// Runs blocking work that needs no database connection (decoding an image, writing a
/// spreadsheet) off the HTTP workers, inside the caller's tracing span so its log lines keep the
/// request id.
pub async fn blocking<T, F>(work: F) -> Result<T, CoreError>
where
    F: FnOnce() -> Result<T, CoreError> + Send + 'static,
    T: Send + 'static,
{
    let span = tracing::Span::current();
    web::block(move || span.in_scope(work))
        .await
        .map_err(|error| CoreError::Internal(anyhow::anyhow!("blocking task failed: {error}")))?
}
