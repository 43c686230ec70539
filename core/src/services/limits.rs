//! The limits' counts shared by every replica (`auth::throttle`, `Ledger::Database`): count an
//! attempt against its keys, give one back, forget a key.

use crate::db::{DbConnection, throttle_counts};
use crate::error::CoreError;
use chrono::{DateTime, Duration, Utc};

pub use crate::db::throttle_counts::SharedAttempt;

/// Counts one attempt against every key, all or none (`Ok(Err(wait))`: one must wait, nothing
/// counted). With `forget_before`, first deletes the records no limit remembers any more.
pub fn reserve(
    conn: &mut DbConnection,
    attempts: &[SharedAttempt],
    now: DateTime<Utc>,
    forget_before: Option<DateTime<Utc>>,
) -> Result<Result<(), Duration>, CoreError> {
    if let Some(before) = forget_before {
        throttle_counts::forget_older_than(conn, before)?;
    }
    throttle_counts::reserve(conn, attempts, now)
}

/// Gives one attempt of each `(bucket, key, clear)` back, or (`clear`) forgets the key's record.
pub fn give_back(conn: &mut DbConnection, keys: &[(&str, String, bool)]) -> Result<(), CoreError> {
    for (bucket, key, clear) in keys {
        if *clear { throttle_counts::clear(conn, bucket, key)? } else { throttle_counts::refund(conn, bucket, key)? }
    }
    Ok(())
}
