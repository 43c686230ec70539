//! The reminder task: beside the HTTP server, it looks on a timer for deadline reminders that
//! came due and sends them (`services::reminders`). Every replica runs one; the rounds' keys in
//! the database make each round happen once, whichever reaches it first.

use crate::clock::SharedClock;
use crate::config::Settings;
use crate::db::Database;
use crate::error::ErrorChain;
use crate::services::context::{ClientInfo, Context};
use crate::services::reminders;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, watch};

#[derive(Clone)]
pub struct ReminderWorker {
    db: Database,
    settings: Arc<Settings>,
    clock: SharedClock,
    mail_wake: Arc<Notify>,
    interval: Duration,
}

impl ReminderWorker {
    /// `None` when the settings turn reminders off in this process.
    pub fn new(db: Database, settings: Arc<Settings>, clock: SharedClock, mail_wake: Arc<Notify>) -> Option<Self> {
        let interval = Duration::from_millis(settings.reminder_interval_ms);
        (!interval.is_zero()).then_some(Self { db, settings, clock, mail_wake, interval })
    }

    /// One look: sends every round that is due.
    pub async fn run_once(&self) -> Result<reminders::Pass, crate::CoreError> {
        let worker = self.clone();
        tokio::task::spawn_blocking(move || {
            let client = ClientInfo::default();
            let ctx = Context::new(&worker.db, &worker.settings, worker.clock.now(), None, &client, &worker.mail_wake);
            reminders::send_due(&ctx)
        })
        .await
        .map_err(|e| crate::CoreError::Internal(anyhow::anyhow!("reminder task: {e}")))?
    }

    /// Runs until `shutdown` turns true (or its sender goes away).
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        loop {
            if *shutdown.borrow() {
                break;
            }
            match self.run_once().await {
                Ok(pass) if pass.rounds > 0 => {
                    tracing::info!(rounds = pass.rounds, companies = pass.companies, "deadline reminders sent");
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(error = %ErrorChain(&error), "reminder pass failed; trying again later"),
            }
            tokio::select! {
                changed = shutdown.changed() => if changed.is_err() { break },
                () = tokio::time::sleep(self.interval) => {}
            }
        }
        tracing::info!("reminder task stopped");
    }
}
