//! The `pavilion` server: HTTP routes, extractors, error mapping, command line and start-up.
//! Holds no SQL: every database call goes through `pavilion_core`.

pub mod cli;
pub mod credentials;
pub mod downloads;
pub mod dto;
pub mod error;
pub mod extractors;
pub mod hardening;
pub mod metrics;
pub mod openapi;
pub mod pages;
pub mod routes;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod throttling;
pub mod uploads;

use actix_web::HttpServer;
use actix_web::dev::Server;
use anyhow::Context;
use pavilion_core::auth::throttle::{Ledger, Throttles};
use pavilion_core::auth::{HashingPool, load_signing_key};
use pavilion_core::clock::SharedClock;
use pavilion_core::config::{DatabaseUrl, Settings};
use pavilion_core::db::{self, Database, DatabaseThreads, DbConnection};
use pavilion_core::mail::transport::Transport;
use pavilion_core::mail_worker::MailWorker;
use pavilion_core::reminder_worker::ReminderWorker;
use pavilion_core::services::accounts::Authenticator;
use state::AppState;
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, watch};

/// A built server, bound to its port, not yet running.
pub struct Application {
    port: u16,
    server: Server,
    worker: Option<MailWorker>,
    reminders: Option<ReminderWorker>,
    mail_wake: Arc<Notify>,
    shutdown: Shutdown,
    metrics: Arc<metrics::Metrics>,
}

/// Begins a graceful shutdown, as SIGTERM or SIGINT does: `/readyz` answers 503 at once; after
/// the drain delay the listener closes; requests in flight finish (up to the shutdown timeout);
/// then `run_until_stopped` returns.
#[derive(Clone)]
pub struct Shutdown {
    draining: Arc<AtomicBool>,
    drain: Duration,
    server: actix_web::dev::ServerHandle,
}

impl Shutdown {
    pub async fn begin(&self) {
        if self.draining.swap(true, Ordering::SeqCst) {
            return; // already under way
        }
        tracing::info!(drain_ms = self.drain.as_millis() as u64, "shutting down: not ready from now on");
        tokio::time::sleep(self.drain).await;
        tracing::info!("shutting down: no new connections; finishing the requests in flight");
        self.server.stop(true).await;
    }
}

impl Application {
    /// Validates the settings, waits for the database, migrates it, and binds the listener.
    pub async fn build(settings: Settings, clock: SharedClock) -> anyhow::Result<Self> {
        Self::build_with(settings, clock, None).await
    }

    /// As [`Self::build`], serving on a listener already bound (whose port the caller needed to
    /// know first, for the public URL), instead of binding `PAVILION_BIND`.
    pub async fn build_on(settings: Settings, clock: SharedClock, listener: TcpListener) -> anyhow::Result<Self> {
        Self::build_with(settings, clock, Some(listener)).await
    }

    async fn build_with(settings: Settings, clock: SharedClock, bound: Option<TcpListener>) -> anyhow::Result<Self> {
        settings.validate()?;
        let url = settings.database()?;
        let conn = connect_with_retry(&url, Duration::from_secs(settings.db_startup_timeout_secs)).await?;
        migrate(conn, &url).await?;
        let key = load_signing_key(&settings).context("loading the access-token signing key")?;
        if key.generated {
            tracing::warn!(
                "using a generated signing key from the data directory; set PAVILION_JWT_SECRET in production"
            );
        }
        let database = Database::new(&url, settings.db_pool_size, Duration::from_secs(settings.db_timeout_secs));
        let forgotten = {
            let database = database.clone();
            tokio::task::spawn_blocking(move || database.run(db::outbox::forget_delivered_links)).await??
        };
        if forgotten > 0 {
            tracing::info!(forgotten, "removed one-time links kept in delivered messages");
        }
        let transport = Arc::new(Transport::from_settings(&settings, settings.mail_concurrency as u32)?);
        let mail_from = settings.mail_from_address()?;
        let worker = (settings.mail_concurrency > 0).then(|| {
            MailWorker::new(
                database.clone(),
                transport,
                clock.clone(),
                pavilion_core::mail_worker::WorkerConfig::from_settings(&settings),
                mail_from,
            )
        });
        let mail_wake = Arc::new(Notify::new());
        let draining = Arc::new(AtomicBool::new(false));
        let shared_settings = Arc::new(settings.clone());
        let reminders =
            ReminderWorker::new(database.clone(), shared_settings.clone(), clock.clone(), mail_wake.clone());
        let metrics = Arc::new(metrics::Metrics::new(env!("CARGO_PKG_VERSION"), database.backend())?);
        let storage = pavilion_core::storage::Storage::from_settings(&settings)?;
        tracing::info!(location = storage.location(), "uploads storage");
        let state = AppState {
            storage,
            image_decodes: Arc::new(pavilion_core::images::DecodeBudget::new(settings.image_decode_bytes)),
            recent_counts: Arc::default(),
            mail_wake: mail_wake.clone(),
            // One SQLite database is served by one process; PostgreSQL may have many replicas,
            // which must count failures together.
            throttles: Arc::new(Throttles::new(match database.backend() {
                "postgres" => Ledger::Database,
                _ => Ledger::InProcess,
            })),
            hashing: HashingPool::start(settings.hashing_threads(), settings.hashing_queue())?,
            db_threads: DatabaseThreads::start(
                database.max_size() as usize,
                Duration::from_secs(settings.db_timeout_secs),
            )?,
            db: state::DatabaseHandle::new(database),
            auth: Arc::new(Authenticator::new(&key, &settings)),
            clock,
            settings: shared_settings,
            draining: draining.clone(),
            metrics: metrics.clone(),
            deliveries: worker.as_ref().map(MailWorker::counts),
        };
        let listener = match bound {
            Some(listener) => listener,
            None => TcpListener::bind(&settings.bind).with_context(|| format!("cannot listen on {}", settings.bind))?,
        };
        let port = listener.local_addr()?.port();
        // Signals are ours (`run_until_signalled`): actix would close the listener at once.
        let mut server = HttpServer::new(move || startup::app!(state.clone()))
            .disable_signals()
            .shutdown_timeout(settings.shutdown_timeout_secs)
            .listen(listener)?;
        if let Some(workers) = settings.http_workers {
            server = server.workers(workers);
        }
        tracing::info!(address = %settings.bind, port, database = %url.redacted(), "pavilion is listening");
        let server = server.run();
        let shutdown =
            Shutdown { draining, drain: Duration::from_millis(settings.shutdown_drain_ms), server: server.handle() };
        Ok(Self { port, server, worker, reminders, mail_wake, shutdown, metrics })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Lets the owner stop the server (tests stop theirs when they end).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// What SIGTERM does, for an owner that stops the server itself.
    pub fn shutdown(&self) -> Shutdown {
        self.shutdown.clone()
    }

    /// Serves until SIGTERM or SIGINT, shutting down gracefully (see [`Shutdown`]): what
    /// `pavilion serve` runs. The process's signals are then this server's.
    pub async fn run_until_signalled(self) -> std::io::Result<()> {
        let signals = tokio::spawn(shutdown_on_signal(self.shutdown.clone()));
        let served = self.run_until_stopped().await;
        signals.abort();
        served
    }

    /// Serves until `shutdown().begin()` (or `handle().stop`), then lets the outbox worker and the
    /// reminder task finish the pass they are in. Leaves the process's signals alone (a test
    /// process runs many servers, and Ctrl-C must still stop it).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let (stop_worker, stopped) = watch::channel(false);
        let reminders = self.reminders.map(|task| tokio::spawn(task.run(stopped.clone())));
        let worker = self.worker.map(|worker| tokio::spawn(worker.run(stopped, self.mail_wake)));
        let metrics = self.metrics;
        let upkeep = tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(5));
            loop {
                every.tick().await;
                metrics.upkeep();
            }
        });
        let served = self.server.await;
        upkeep.abort();
        let _ = stop_worker.send(true);
        for task in [worker, reminders].into_iter().flatten() {
            let _ = task.await;
        }
        served
    }
}

/// Waits for SIGTERM (what orchestrators send) or SIGINT (Ctrl-C), then shuts down gracefully.
async fn shutdown_on_signal(shutdown: Shutdown) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut terminate), Ok(mut interrupt)) = (signal(SignalKind::terminate()), signal(SignalKind::interrupt()))
        else {
            tracing::warn!("cannot listen for SIGTERM and SIGINT; stop the server by other means");
            return;
        };
        tokio::select! {
            _ = terminate.recv() => tracing::info!("SIGTERM received"),
            _ = interrupt.recv() => tracing::info!("SIGINT received"),
        }
    }
    #[cfg(not(unix))]
    if tokio::signal::ctrl_c().await.is_err() {
        return;
    }
    shutdown.begin().await;
}

/// Opens the first connection, retrying while the database is unreachable (it may still be
/// starting), then gives up with one clear error that names the database without its password.
pub async fn connect_with_retry(url: &DatabaseUrl, timeout: Duration) -> anyhow::Result<DbConnection> {
    let started = Instant::now();
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let candidate = url.clone();
        let result = tokio::task::spawn_blocking(move || db::establish(&candidate)).await?;
        match result {
            Ok(conn) => return Ok(conn),
            Err(error) if started.elapsed() >= timeout => {
                anyhow::bail!(
                    "database {} unreachable after {} attempts over {}s: {}",
                    url.redacted(),
                    attempt,
                    timeout.as_secs(),
                    one_line(&error)
                );
            }
            Err(error) => {
                tracing::warn!(database = %url.redacted(), attempt, error = %one_line(&error), "database not reachable yet; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// libpq's messages span several lines; a log line should not.
fn one_line(error: &impl std::fmt::Display) -> String {
    error.to_string().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Applies pending migrations on a blocking thread.
pub async fn migrate(mut conn: DbConnection, url: &DatabaseUrl) -> anyhow::Result<usize> {
    let applied = tokio::task::spawn_blocking(move || db::run_migrations(&mut conn)).await??;
    if applied > 0 {
        tracing::info!(applied, backend = url.backend(), "applied database migrations");
    }
    Ok(applied)
}
