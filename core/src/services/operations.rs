//! What operators watch: figures read from the database for the metrics.

use crate::db::{DbConnection, outbox};
use crate::error::CoreError;
use chrono::{DateTime, Utc};

pub use crate::db::outbox::Backlog;

/// The outbox's backlog at `now`: messages due and the age of the oldest (whole database).
pub fn outbox_backlog(conn: &mut DbConnection, now: DateTime<Utc>) -> Result<Backlog, CoreError> {
    outbox::backlog(conn, now)
}
