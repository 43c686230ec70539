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
    failures: u32,
    blocked_until: DateTime<Utc>,
    last_failure: DateTime<Utc>,
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

    /// `Err(wait)` while the key must wait.
    pub fn check(&self, key: &str, now: DateTime<Utc>) -> Result<(), Duration> {
        match self.entries().get(key) {
            Some(entry) if entry.blocked_until > now => Err(entry.blocked_until - now),
            _ => Ok(()),
        }
    }

    pub fn record_failure(&self, key: &str, now: DateTime<Utc>) {
        let policy = self.policy;
        let mut entries = self.entries();
        if entries.len() > SWEEP_ABOVE {
            entries.retain(|_, entry| now - entry.last_failure < policy.forget_after && entry.blocked_until > now);
        }
        let entry =
            entries.entry(key.to_owned()).or_insert(Entry { failures: 0, blocked_until: now, last_failure: now });
        if now - entry.last_failure >= policy.forget_after {
            entry.failures = 0;
        }
        entry.failures += 1;
        entry.last_failure = now;
        if entry.failures > policy.free {
            let doublings = (entry.failures - policy.free - 1).min(20);
            let delay = policy.base_delay * (1i32 << doublings);
            entry.blocked_until = now + delay.min(policy.max_delay);
        }
    }

    pub fn record_success(&self, key: &str) {
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_end_and_reset_on_success() {
        let throttle = Throttle::new(ThrottlePolicy {
            free: 2,
            base_delay: Duration::seconds(1),
            max_delay: Duration::seconds(4),
            forget_after: Duration::hours(1),
        });
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        throttle.record_failure("k", t0);
        throttle.record_failure("k", t0);
        assert!(throttle.check("k", t0).is_ok(), "two free failures");
        throttle.record_failure("k", t0);
        assert_eq!(throttle.check("k", t0), Err(Duration::seconds(1)));
        throttle.record_failure("k", t0);
        assert_eq!(throttle.check("k", t0), Err(Duration::seconds(2)));
        for _ in 0..10 {
            throttle.record_failure("k", t0);
        }
        assert_eq!(throttle.check("k", t0), Err(Duration::seconds(4)), "capped");
        assert!(throttle.check("k", t0 + Duration::seconds(4)).is_ok(), "never permanent");
        assert!(throttle.check("other", t0).is_ok());
        throttle.record_success("k");
        assert!(throttle.check("k", t0).is_ok());
    }
}
