//! The limits' counts kept in the database, so that every replica counts against the same
//! records (`auth::throttle`, `Ledger::Database`). Keys are stored as their SHA-256.

use super::DbConnection;
use super::schema::throttle_counts;
use crate::auth::throttle::{Counted, ThrottlePolicy};
use crate::error::CoreError;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

/// One attempt to count: the limit's bucket, the key, and the limit's rule.
#[derive(Debug, Clone)]
pub struct SharedAttempt {
    pub bucket: &'static str,
    pub key: String,
    pub policy: ThrottlePolicy,
}

fn key_hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// Counts one attempt against each key, all or none: `Ok(Err(wait))` when one must wait, and
/// then nothing is counted. Each record is locked (`FOR UPDATE` on PostgreSQL) from the read to
/// the write, so attempts at once on several replicas each take their own place; records are
/// locked in one order, so two attempts on the same keys never wait on each other in a cycle.
pub fn reserve(
    conn: &mut DbConnection,
    attempts: &[SharedAttempt],
    now: DateTime<Utc>,
) -> Result<Result<(), Duration>, CoreError> {
    let mut keyed: Vec<(&SharedAttempt, String)> =
        attempts.iter().map(|attempt| (attempt, key_hash(&attempt.key))).collect();
    keyed.sort_by(|(a, a_hash), (b, b_hash)| (a.bucket, a_hash).cmp(&(b.bucket, b_hash)));
    conn.transaction(|conn| {
        let mut admitted = Vec::with_capacity(keyed.len());
        for (attempt, hash) in &keyed {
            let previous = locked_record(conn, attempt.bucket, hash, now)?;
            match attempt.policy.admit(previous, now) {
                Ok(counted) => admitted.push((attempt.bucket, hash, counted)),
                Err(wait) => return Ok(Err(wait)),
            }
        }
        for (bucket, hash, counted) in admitted {
            diesel::update(throttle_counts::table.find((bucket, hash)))
                .set((
                    throttle_counts::attempts.eq(i32::try_from(counted.attempts).unwrap_or(i32::MAX)),
                    throttle_counts::last_attempt.eq(counted.last_attempt.naive_utc()),
                ))
                .execute(conn)?;
        }
        Ok(Ok(()))
    })
}

/// The record of a key, locked until the transaction ends; created empty if there is none, so
/// that there is a row to lock (an empty record counts as none).
fn locked_record(
    conn: &mut DbConnection,
    bucket: &str,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Counted>, CoreError> {
    let create = diesel::insert_into(throttle_counts::table)
        .values((
            throttle_counts::bucket.eq(bucket),
            throttle_counts::key_hash.eq(hash),
            throttle_counts::attempts.eq(0),
            throttle_counts::last_attempt.eq(now.naive_utc()),
        ))
        .on_conflict_do_nothing();
    let read =
        throttle_counts::table.find((bucket, hash)).select((throttle_counts::attempts, throttle_counts::last_attempt));
    // Written per backend: the one connection type over both has neither ON CONFLICT nor FOR
    // UPDATE. SQLite has no row locks: its transaction holds the whole database's write lock
    // from the insert on.
    let (attempts, last_attempt): (i32, NaiveDateTime) = match conn {
        DbConnection::Postgres(pg) => {
            create.execute(pg)?;
            read.for_update().first(pg)?
        }
        DbConnection::Sqlite(sqlite) => {
            create.execute(sqlite)?;
            read.first(sqlite)?
        }
    };
    Ok((attempts > 0).then(|| Counted { attempts: attempts.unsigned_abs(), last_attempt: last_attempt.and_utc() }))
}

/// Gives back one attempt of a key.
pub fn refund(conn: &mut DbConnection, bucket: &str, key: &str) -> Result<(), CoreError> {
    diesel::update(throttle_counts::table.find((bucket, key_hash(key))))
        .filter(throttle_counts::attempts.gt(0))
        .set(throttle_counts::attempts.eq(throttle_counts::attempts - 1))
        .execute(conn)?;
    Ok(())
}

/// Forgets a key.
pub fn clear(conn: &mut DbConnection, bucket: &str, key: &str) -> Result<(), CoreError> {
    diesel::delete(throttle_counts::table.find((bucket, key_hash(key)))).execute(conn)?;
    Ok(())
}

/// Deletes the records last touched before `before`: no limit remembers them any more.
pub fn forget_older_than(conn: &mut DbConnection, before: DateTime<Utc>) -> Result<usize, CoreError> {
    Ok(diesel::delete(throttle_counts::table.filter(throttle_counts::last_attempt.lt(before.naive_utc())))
        .execute(conn)?)
}
