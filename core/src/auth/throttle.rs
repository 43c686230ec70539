//! Growing delays for repeated failures (logins) and repeated requests (password resets), per
//! key: an account, a client address. Never a permanent lockout: a delay always ends, and a
//! success clears the account's record. Kept in memory, per process: several replicas each
//! apply the limits on their own (noted in the README).

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

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

struct Entry {
    /// Attempts counted in the current window, including those still being checked.
    attempts: u32,
    last_attempt: DateTime<Utc>,
}

pub struct Throttle {
    policy: ThrottlePolicy,
    entries: Mutex<HashMap<String, Entry>>,
}

/// Keys above this count trigger a sweep of forgotten ones, so memory stays bounded.
const SWEEP_ABOVE: usize = 10_000;

impl Throttle {
    pub fn new(policy: ThrottlePolicy) -> Self {
        Self { policy, entries: Mutex::new(HashMap::new()) }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Until when an entry must wait, from its count: nothing for the free attempts, then the
    /// base delay doubling with each further attempt, capped.
    fn blocked_until(&self, entry: &Entry) -> Option<DateTime<Utc>> {
        let over = entry.attempts.checked_sub(self.policy.free + 1)?;
        let delay = self.policy.base_delay * (1i32 << over.min(20));
        Some(entry.last_attempt + delay.min(self.policy.max_delay))
    }

    /// Counts one attempt before its work starts, or refuses it with the wait (`Err`) while the
    /// key must wait. The check and the count are one step under one lock, so attempts sent
    /// together each take their own place: N at once cost N, exactly as N in a row.
    pub fn reserve(&self, key: &str, now: DateTime<Utc>) -> Result<(), Duration> {
        let forget_after = self.policy.forget_after;
        let mut entries = self.entries();
        if entries.len() > SWEEP_ABOVE {
            entries.retain(|_, entry| {
                now - entry.last_attempt < forget_after || self.blocked_until(entry).is_some_and(|until| until > now)
            });
        }
        let entry = entries.entry(key.to_owned()).or_insert(Entry { attempts: 0, last_attempt: now });
        if now - entry.last_attempt >= forget_after {
            entry.attempts = 0;
        }
        if let Some(until) = self.blocked_until(entry).filter(|until| *until > now) {
            return Err(until - now);
        }
        entry.attempts += 1;
        entry.last_attempt = now;
        Ok(())
    }

    /// Gives back an attempt that turned out not to be a failure (the work was refused before it
    /// ran, or the other key was the one to wait).
    pub fn refund(&self, key: &str) {
        let mut entries = self.entries();
        if let Some(entry) = entries.get_mut(key) {
            entry.attempts = entry.attempts.saturating_sub(1);
            if entry.attempts == 0 {
                entries.remove(key);
            }
        }
    }

    /// Forgets a key: a success clears the account's record.
    pub fn clear(&self, key: &str) {
        self.entries().remove(key);
    }
}

/// The limits in force.
pub struct Throttles {
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
}

impl Default for Throttles {
    fn default() -> Self {
        let policy = |free, base, max, forget| ThrottlePolicy {
            free,
            base_delay: Duration::seconds(base),
            max_delay: Duration::seconds(max),
            forget_after: Duration::seconds(forget),
        };
        Self {
            login_account: Throttle::new(policy(5, 1, 15 * 60, 3600)),
            login_address: Throttle::new(policy(100, 1, 60, 3600)),
            reset_account: Throttle::new(policy(2, 60, 3600, 3600)),
            reset_address: Throttle::new(policy(29, 10, 600, 3600)),
            uploads: Throttle::new(policy(29, 60, 3600, 3600)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle() -> Throttle {
        Throttle::new(ThrottlePolicy {
            free: 2,
            base_delay: Duration::seconds(1),
            max_delay: Duration::seconds(4),
            forget_after: Duration::hours(1),
        })
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
