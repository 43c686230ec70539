//! Growing delays for repeated failures (logins) and repeated requests (password resets), per
//! key: an account, a client address. Never a permanent lockout: a delay always ends, and a
//! success clears the account's record.
//!
//! Where the counts live is the [`Ledger`]: in this process's memory (SQLite, which is one
//! process), or in the database (PostgreSQL), where every replica counts against the same rows,
//! so that failures spread over replicas meet the same delays as on one (`db::throttle_counts`).
//! The rule that turns a count into a delay is [`ThrottlePolicy::admit`], for both.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    /// Failures allowed before any delay.
    pub free: u32,
    /// The first delay; each further failure doubles it.
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// A key with no failure for this long starts afresh.
    pub forget_after: Duration,
}

/// A key's record: attempts counted in the current window (including those still being
/// checked), and when the last one was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub attempts: u32,
    pub last_attempt: DateTime<Utc>,
}

impl ThrottlePolicy {
    /// Until when a record must wait: nothing for the free attempts, then the base delay
    /// doubling with each further attempt, capped.
    fn blocked_until(&self, counted: &Counted) -> Option<DateTime<Utc>> {
        let over = counted.attempts.checked_sub(self.free + 1)?;
        let delay = self.base_delay * (1i32 << over.min(20));
        Some(counted.last_attempt + delay.min(self.max_delay))
    }

    /// One more attempt on a key with this record (none: never seen, or forgotten): the record
    /// with the attempt counted, or the wait (`Err`) while the key must wait.
    pub fn admit(&self, previous: Option<Counted>, now: DateTime<Utc>) -> Result<Counted, Duration> {
        let current = previous.filter(|counted| now - counted.last_attempt < self.forget_after);
        let current = current.unwrap_or(Counted { attempts: 0, last_attempt: now });
        if let Some(until) = self.blocked_until(&current).filter(|until| *until > now) {
            return Err(until - now);
        }
        Ok(Counted { attempts: current.attempts + 1, last_attempt: now })
    }

    /// Whether a record still matters at `now`: within its window, or still waiting.
    fn remembers(&self, counted: &Counted, now: DateTime<Utc>) -> bool {
        now - counted.last_attempt < self.forget_after || self.blocked_until(counted).is_some_and(|until| until > now)
    }
}

/// One limit: its name (the bucket its records are kept under) and its policy, with the
/// in-process records when the ledger is [`Ledger::InProcess`].
pub struct Throttle {
    pub name: &'static str,
    pub policy: ThrottlePolicy,
    entries: Mutex<HashMap<String, Counted>>,
}

/// Keys above this count trigger a sweep of forgotten ones, so memory stays bounded.
const SWEEP_ABOVE: usize = 10_000;

impl Throttle {
    pub fn new(name: &'static str, policy: ThrottlePolicy) -> Self {
        Self { name, policy, entries: Mutex::new(HashMap::new()) }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Counted>> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Counts one attempt before its work starts, or refuses it with the wait (`Err`) while the
    /// key must wait. The check and the count are one step under one lock, so attempts sent
    /// together each take their own place: N at once cost N, exactly as N in a row.
    pub fn reserve(&self, key: &str, now: DateTime<Utc>) -> Result<(), Duration> {
        let mut entries = self.entries();
        if entries.len() > SWEEP_ABOVE {
            entries.retain(|_, counted| self.policy.remembers(counted, now));
        }
        let counted = self.policy.admit(entries.get(key).copied(), now)?;
        entries.insert(key.to_owned(), counted);
        Ok(())
    }

    /// Gives back an attempt that turned out not to be a failure (the work was refused before it
    /// ran, or the other key was the one to wait).
    pub fn refund(&self, key: &str) {
        let mut entries = self.entries();
        if let Some(counted) = entries.get_mut(key) {
            counted.attempts = counted.attempts.saturating_sub(1);
            if counted.attempts == 0 {
                entries.remove(key);
            }
        }
    }

    /// Forgets a key: a success clears the account's record.
    pub fn clear(&self, key: &str) {
        self.entries().remove(key);
    }
}

/// Counts one attempt against each of several keys, all or none: refused (with the wait) as
/// soon as one key must wait, giving back the places already taken.
pub fn reserve_all(keys: &[(&Throttle, &str)], now: DateTime<Utc>) -> Result<(), Duration> {
    for (taken, (throttle, key)) in keys.iter().enumerate() {
        if let Err(wait) = throttle.reserve(key, now) {
            for (earlier, key) in &keys[..taken] {
                earlier.refund(key);
            }
            return Err(wait);
        }
    }
    Ok(())
}

/// Where the records are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ledger {
    /// In this process's memory: right for SQLite, which one process serves.
    InProcess,
    /// In the database's `throttle_counts` table, shared by every replica.
    Database,
}

/// The limits in force.
pub struct Throttles {
    pub ledger: Ledger,
    /// Attempts counted in the database so far, to delete old records every so often.
    shared_reserves: AtomicU64,
    /// Failed logins of one account: 5 free, then 1 s, 2 s, 4 s … up to 15 minutes.
    pub login_account: Throttle,
    /// Failed logins from one address: generous, since a hall of exhibitors may share one.
    pub login_address: Throttle,
    /// Reset requests for one address: 3 an hour, then 1 minute between, doubling up to an hour.
    /// (Every request counts, so `free` is one less than the requests allowed.)
    pub reset_account: Throttle,
    /// Reset requests from one client address.
    pub reset_address: Throttle,
    /// Image uploads of one account: 30 an hour, then one a minute, doubling up to an hour.
    pub uploads: Throttle,
    /// Passkey sign-ins started from one address: each stores a ceremony before anyone is known,
    /// so each counts. 120 in ten minutes (a hall of exhibitors may share the address), then a
    /// second between, doubling up to a minute.
    pub passkey_ceremonies: Throttle,
}

impl Throttles {
    pub fn new(ledger: Ledger) -> Self {
        let policy = |free, base, max, forget| ThrottlePolicy {
            free,
            base_delay: Duration::seconds(base),
            max_delay: Duration::seconds(max),
            forget_after: Duration::seconds(forget),
        };
        Self {
            ledger,
            shared_reserves: AtomicU64::new(0),
            login_account: Throttle::new("login_account", policy(5, 1, 15 * 60, 3600)),
            login_address: Throttle::new("login_address", policy(100, 1, 60, 3600)),
            reset_account: Throttle::new("reset_account", policy(2, 60, 3600, 3600)),
            reset_address: Throttle::new("reset_address", policy(29, 10, 600, 3600)),
            uploads: Throttle::new("uploads", policy(29, 60, 3600, 3600)),
            passkey_ceremonies: Throttle::new("passkey_ceremonies", policy(119, 1, 60, 600)),
        }
    }

    /// Whether this attempt should also delete the old shared records: one in a thousand.
    pub fn sweep_due(&self) -> bool {
        self.shared_reserves.fetch_add(1, Ordering::Relaxed).is_multiple_of(1000)
    }

    /// The longest any record is remembered: older shared records can be deleted.
    pub fn longest_memory(&self) -> Duration {
        [
            &self.login_account,
            &self.login_address,
            &self.reset_account,
            &self.reset_address,
            &self.uploads,
            &self.passkey_ceremonies,
        ]
        .iter()
        .map(|throttle| throttle.policy.forget_after.max(throttle.policy.max_delay))
        .max()
        .unwrap_or_else(Duration::zero)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle() -> Throttle {
        Throttle::new(
            "test",
            ThrottlePolicy {
                free: 2,
                base_delay: Duration::seconds(1),
                max_delay: Duration::seconds(4),
                forget_after: Duration::hours(1),
            },
        )
    }

    #[test]
    fn delays_grow_end_and_reset_on_success() {
        let throttle = throttle();
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        for _ in 0..3 {
            throttle.reserve("k", t0).unwrap();
        }
        assert_eq!(throttle.reserve("k", t0), Err(Duration::seconds(1)), "two free, then 1 s");
        let t1 = t0 + Duration::seconds(1);
        throttle.reserve("k", t1).unwrap();
        assert_eq!(throttle.reserve("k", t1), Err(Duration::seconds(2)), "the delay doubles");
        let mut t = t1;
        for _ in 0..10 {
            t += Duration::seconds(4);
            throttle.reserve("k", t).unwrap();
        }
        assert_eq!(throttle.reserve("k", t), Err(Duration::seconds(4)), "capped");
        assert!(throttle.reserve("k", t + Duration::seconds(4)).is_ok(), "never permanent");
        assert!(throttle.reserve("other", t).is_ok());
        throttle.clear("k");
        assert!(throttle.reserve("k", t).is_ok());
    }

    #[test]
    fn attempts_at_once_each_take_a_place_and_refunds_give_them_back() {
        let throttle = std::sync::Arc::new(throttle());
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let admitted: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..40).map(|_| scope.spawn(|| throttle.reserve("k", t0).is_ok())).collect();
            handles.into_iter().map(|h| usize::from(h.join().unwrap())).sum()
        });
        assert_eq!(admitted, 3, "two free attempts and the one that starts the delay");
        for _ in 0..3 {
            throttle.refund("k");
        }
        assert!(throttle.reserve("k", t0).is_ok(), "refunded attempts no longer count");
    }
}
