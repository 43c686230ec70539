//! The outbox worker: a task beside the HTTP server that claims due rows, renders them at send
//! time (so a template fix applies to queued mail), sends them and records the outcome. Several
//! workers, in one process or many, may run against one database.

use crate::clock::SharedClock;
use crate::db::outbox;
use crate::db::{self, Database};
use crate::domain::{EmailAddress, Pavilion};
use crate::error::{CoreError, ErrorChain};
use crate::mail::StoredEmail;
use crate::mail::render::{Branding, render};
use crate::mail::transport::{SendError, Transport, build_message};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Messages in flight at once (and the SMTP pool size).
    pub concurrency: usize,
    /// Attempts before a transiently failing message is marked `failed`.
    pub max_attempts: i32,
    /// The first retry waits this long; each later one twice as long, with ±20 % jitter.
    pub retry_base: Duration,
    /// How long a claim lasts; a worker that dies releases its rows when it runs out.
    pub lease: Duration,
    /// How often an idle worker looks for due rows (it is also woken when mail is queued).
    pub poll_interval: Duration,
}

impl WorkerConfig {
    pub fn from_settings(settings: &crate::config::Settings) -> Self {
        Self {
            concurrency: settings.mail_concurrency,
            max_attempts: settings.mail_max_attempts,
            retry_base: Duration::from_millis(settings.mail_retry_base_ms),
            lease: Duration::from_secs(settings.mail_lease_secs),
            poll_interval: Duration::from_millis(settings.mail_poll_ms),
        }
    }
}

/// The longest wait between two attempts.
const MAX_RETRY_DELAY: Duration = Duration::from_secs(6 * 3600);

/// Outcomes recorded by this process's worker since it started: what the metrics count.
#[derive(Debug, Default)]
pub struct DeliveryCounts {
    pub sent: AtomicU64,
    /// Attempts that failed for now and were put back for a later try.
    pub retried: AtomicU64,
    /// Messages given up on for good.
    pub failed: AtomicU64,
}

#[derive(Clone)]
pub struct MailWorker {
    counts: Arc<DeliveryCounts>,
    db: Database,
    transport: Arc<Transport>,
    clock: SharedClock,
    config: WorkerConfig,
    mail_from: EmailAddress,
    /// Set when a send found the SMTP server unreachable (and at start, for what an earlier run
    /// left waiting); the next successful send clears it and releases the waiting messages.
    server_was_unreachable: Arc<AtomicBool>,
}

/// A claimed row and the pavilion whose identity it carries.
struct Job {
    email: StoredEmail,
    pavilion: Option<Pavilion>,
}

enum Outcome {
    Sent,
    /// Put back for later; `waiting_for_server` when the server could not be reached.
    Retry {
        error: String,
        waiting_for_server: bool,
    },
    Failed(String),
}

impl MailWorker {
    pub fn new(
        db: Database,
        transport: Arc<Transport>,
        clock: SharedClock,
        config: WorkerConfig,
        mail_from: EmailAddress,
    ) -> Self {
        let server_was_unreachable = Arc::new(AtomicBool::new(true));
        Self { counts: Arc::default(), db, transport, clock, config, mail_from, server_was_unreachable }
    }

    /// This worker's outcome counts (shared, live).
    pub fn counts(&self) -> Arc<DeliveryCounts> {
        self.counts.clone()
    }

    /// One pass: claims up to `concurrency` due rows, delivers them concurrently and records each
    /// outcome. Returns how many rows it handled.
    pub async fn run_once(&self) -> Result<usize, CoreError> {
        let now = self.clock.now();
        let lease_until = now + chrono::Duration::from_std(self.config.lease).map_err(anyhow::Error::new)?;
        let limit = self.config.concurrency.max(1) as i64;
        let db = self.db.clone();
        // Each claim is its own conditional update; no transaction, so SQLite never has to
        // upgrade a read lock under a concurrent writer.
        let jobs = blocking(move || {
            db.run(|conn| {
                let claimed = outbox::claim(conn, now, lease_until, limit)?;
                claimed
                    .into_iter()
                    .map(|email| {
                        let pavilion = match &email.record.pavilion_id {
                            Some(id) => db::pavilions::find_by_id(conn, id)?,
                            None => None,
                        };
                        Ok(Job { email, pavilion })
                    })
                    .collect::<Result<Vec<_>, CoreError>>()
            })
        })
        .await?;
        let handled = jobs.len();
        let mut in_flight = JoinSet::new();
        for job in jobs {
            let worker = self.clone();
            in_flight.spawn(async move {
                let outcome = worker.deliver(&job).await;
                worker.record(job.email, outcome).await
            });
        }
        while let Some(result) = in_flight.join_next().await {
            match result {
                Ok(Ok(())) => {}
                Ok(Err(error)) => tracing::warn!(error = %ErrorChain(&error), "could not record a delivery outcome"),
                Err(error) => tracing::error!(%error, "a delivery task panicked"),
            }
        }
        Ok(handled)
    }

    async fn deliver(&self, job: &Job) -> Outcome {
        let record = &job.email.record;
        let branding = Branding::new(job.pavilion.as_ref(), record.locale);
        let recipient_name = job.email.recipient_name.as_deref();
        let rendered = match render(&job.email.payload, record.locale, &record.recipient, recipient_name, &branding) {
            Ok(rendered) => rendered,
            Err(error) => return Outcome::Failed(format!("rendering failed: {}", ErrorChain(&error))),
        };
        let message = match build_message(
            &self.mail_from,
            &branding,
            &record.recipient,
            recipient_name,
            &record.message_id,
            rendered,
        ) {
            Ok(message) => message,
            Err(SendError::Permanent(error) | SendError::Transient(error) | SendError::Unreachable(error)) => {
                return Outcome::Failed(error);
            }
        };
        match self.transport.send(&record.id, message).await {
            Ok(()) => Outcome::Sent,
            Err(SendError::Permanent(error)) => Outcome::Failed(error),
            Err(SendError::Transient(error) | SendError::Unreachable(error))
                if record.attempts >= self.config.max_attempts =>
            {
                Outcome::Failed(format!("gave up after {} attempts: {error}", record.attempts))
            }
            Err(SendError::Transient(error)) => Outcome::Retry { error, waiting_for_server: false },
            Err(SendError::Unreachable(error)) => {
                self.server_was_unreachable.store(true, Ordering::Relaxed);
                Outcome::Retry { error, waiting_for_server: true }
            }
        }
    }

    async fn record(&self, email: StoredEmail, outcome: Outcome) -> Result<(), CoreError> {
        let now = self.clock.now();
        let db = self.db.clone();
        let id = email.record.id.clone();
        let kind = email.record.kind.clone();
        let attempts = email.record.attempts;
        let payload = email.payload;
        let counted = match &outcome {
            Outcome::Sent => &self.counts.sent,
            Outcome::Retry { .. } => &self.counts.retried,
            Outcome::Failed(_) => &self.counts.failed,
        };
        let recorded = match outcome {
            Outcome::Sent => {
                tracing::info!(email_id = %id, %kind, attempts, "email sent");
                let server_came_back = self.server_was_unreachable.swap(false, Ordering::Relaxed);
                blocking(move || {
                    db.transaction(|conn| outbox::mark_sent(conn, &id, &payload, now))?;
                    // Best effort: the message is recorded as sent either way, and what stays
                    // waiting still comes due by its own back-off.
                    match server_came_back.then(|| db.run(|conn| outbox::release_waiting_for_server(conn, now))) {
                        Some(Ok(released)) if released > 0 => {
                            tracing::info!(
                                released,
                                "the SMTP server answers again: messages waiting for it are due now"
                            );
                        }
                        Some(Err(error)) => {
                            tracing::warn!(error = %ErrorChain(&error), "could not release messages waiting for SMTP");
                        }
                        _ => {}
                    }
                    Ok(())
                })
                .await
            }
            Outcome::Retry { error, waiting_for_server } => {
                let delay = retry_delay(self.config.retry_base, attempts);
                let next = now + chrono::Duration::from_std(delay).map_err(anyhow::Error::new)?;
                tracing::warn!(email_id = %id, %kind, attempts, retry_in = ?delay, %error, "email not sent; will retry");
                blocking(move || db.run(|conn| outbox::mark_retry(conn, &id, now, next, &error, waiting_for_server)))
                    .await
            }
            Outcome::Failed(error) => {
                tracing::error!(email_id = %id, %kind, attempts, %error, "email failed for good");
                blocking(move || db.transaction(|conn| outbox::mark_failed(conn, &id, &payload, now, &error))).await
            }
        };
        if recorded.is_ok() {
            counted.fetch_add(1, Ordering::Relaxed);
        }
        recorded
    }

    /// Runs until `shutdown` turns true (or its sender goes away). A pass in progress is
    /// finished first, so the worker never leaves a claimed row behind on a clean stop.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>, wake: Arc<Notify>) {
        loop {
            if *shutdown.borrow() {
                break;
            }
            let handled = match self.run_once().await {
                Ok(handled) => handled,
                Err(error) => {
                    tracing::warn!(error = %ErrorChain(&error), "outbox pass failed; retrying shortly");
                    0
                }
            };
            if handled >= self.config.concurrency.max(1) {
                continue; // a full batch: more rows are probably due
            }
            tokio::select! {
                changed = shutdown.changed() => if changed.is_err() { break },
                () = wake.notified() => {}
                () = tokio::time::sleep(self.config.poll_interval) => {}
            }
        }
        tracing::info!("outbox worker stopped");
    }
}

/// base × 2^(attempt−1), capped, with ±20 % jitter so a crowd of failures does not retry in step.
pub fn retry_delay(base: Duration, attempt: i32) -> Duration {
    let exponent = attempt.saturating_sub(1).clamp(0, 20) as u32;
    let delay = base.saturating_mul(1u32 << exponent).min(MAX_RETRY_DELAY);
    delay.mul_f64(rand::random_range(0.8..=1.2))
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CoreError> + Send + 'static,
) -> Result<T, CoreError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| CoreError::Internal(anyhow::anyhow!("blocking task: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_delays_grow_with_jitter_and_a_cap() {
        let base = Duration::from_secs(30);
        for attempt in 1..=4 {
            let expected = 30.0 * f64::from(1u32 << (attempt - 1));
            let delay = retry_delay(base, attempt).as_secs_f64();
            assert!((expected * 0.8..=expected * 1.2).contains(&delay), "attempt {attempt}: {delay}");
        }
        assert!(retry_delay(base, 40) <= MAX_RETRY_DELAY.mul_f64(1.2));
    }
}
