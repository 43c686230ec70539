//! What every handler shares, and the one way handlers reach the database: on a blocking thread,
//! never on an async worker.

use crate::error::ApiError;
use actix_web::web;
use pavilion_core::CoreError;
use pavilion_core::clock::SharedClock;
use pavilion_core::config::Settings;
use pavilion_core::db::{Database, DbConnection};
use pavilion_core::services::accounts::Authenticator;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    pub auth: Arc<Authenticator>,
    pub clock: SharedClock,
    pub settings: Arc<Settings>,
}

impl AppState {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Runs a read on a pooled connection, on the blocking pool.
    pub async fn read<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection, &AppState) -> Result<T, CoreError> + Send + 'static,
        T: Send + 'static,
    {
        let state = self.clone();
        blocking(move || {
            let mut conn = state.db.get()?;
            work(&mut conn, &state)
        })
        .await
    }

    /// Runs a use case in one transaction, on the blocking pool.
    pub async fn write<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection, &AppState) -> Result<T, CoreError> + Send + 'static,
        T: Send + 'static,
    {
        let state = self.clone();
        blocking(move || state.db.transaction(|conn| work(conn, &state))).await
    }
}

/// Runs blocking work (diesel, argon2) off the async threads, inside the caller's tracing span
/// so its log lines keep the request id.
pub async fn blocking<T, F>(work: F) -> Result<T, ApiError>
where
    F: FnOnce() -> Result<T, CoreError> + Send + 'static,
    T: Send + 'static,
{
    let span = tracing::Span::current();
    web::block(move || span.in_scope(work))
        .await
        .map_err(|error| ApiError::internal(anyhow::anyhow!("blocking task failed: {error}")))?
        .map_err(ApiError::from)
}
