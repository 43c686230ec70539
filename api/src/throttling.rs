//! Applies `core::auth::throttle` around logins, password changes, reset requests and uploads:
//! each attempt is counted before its work, and given back only when it proved not to be a
//! failure. The counts live in this process (SQLite) or in the database, shared by every replica
//! (PostgreSQL): see `Ledger`.

use crate::state::AppState;
use pavilion_core::CoreError;
use pavilion_core::auth::throttle::{self, Ledger, Throttle};
use pavilion_core::services::accounts::SignInAt;
use pavilion_core::services::limits::{self, SharedAttempt};

/// The keys one attempt counts against: the account (as typed, normalised) and the address.
pub struct AttemptKeys {
    account: String,
    address: String,
}

impl AttemptKeys {
    /// An email typed where people sign in: the organisers' door or a pavilion's (accounts are
    /// per pavilion, so each door counts its own).
    pub fn new(at: &SignInAt, email: &str, ip: Option<&str>) -> Self {
        let scope = match at {
            SignInAt::Organisers => "organisers".to_owned(),
            SignInAt::Buyers => "buyers".to_owned(),
            SignInAt::Pavilion(slug) => format!("pavilion:{slug}"),
        };
        Self { account: format!("{scope}:{}", email.trim().to_lowercase()), address: address(ip) }
    }

    /// An address registering as a buyer: counted per address typed and per client, as reset
    /// requests are, so registering cannot flood an inbox or the accounts table.
    pub fn registration(email: &str, ip: Option<&str>) -> Self {
        Self { account: format!("buyer-registration:{}", email.trim().to_lowercase()), address: address(ip) }
    }

    /// A signed-in account proving its current password (to change it). A stolen access token
    /// must not turn into an unlimited way to guess the password.
    pub fn password_check(user_id: &str, ip: Option<&str>) -> Self {
        Self { account: format!("password-check:{user_id}"), address: address(ip) }
    }

    /// A code or recovery code finishing an account's sign-in: wrong ones meet the same delays
    /// as wrong passwords, per account whichever challenge they come with.
    pub fn second_factor(user_id: &str, ip: Option<&str>) -> Self {
        Self { account: format!("second-factor:{user_id}"), address: address(ip) }
    }
}

impl AttemptKeys {
    /// A passkey answering a sign-in without an email: no account is named until it checks
    /// out, so failures count against the address alone.
    pub fn passkey(ip: Option<&str>) -> Self {
        Self { account: format!("passkey:{}", address(ip)), address: address(ip) }
    }
}

fn address(ip: Option<&str>) -> String {
    ip.unwrap_or("unknown").to_owned()
}

/// Counts one attempt against every key, all or none, or refuses it with 429 while one must
/// wait. `limit` names the kind of attempt in the metrics (`password`, `reset`, `upload`).
async fn reserve(state: &AppState, limit: &'static str, keys: &[(&Throttle, &str)]) -> Result<(), CoreError> {
    let now = state.now();
    let counted = match state.throttles.ledger {
        Ledger::InProcess => throttle::reserve_all(keys, now),
        Ledger::Database => {
            let attempts: Vec<SharedAttempt> = keys
                .iter()
                .map(|(throttle, key)| SharedAttempt {
                    bucket: throttle.name,
                    key: (*key).to_owned(),
                    policy: throttle.policy,
                })
                .collect();
            let forget_before = state.throttles.sweep_due().then(|| now - state.throttles.longest_memory());
            state.run(move |conn, _| limits::reserve(conn, &attempts, now, forget_before)).await?
        }
    };
    counted.map_err(|wait| {
        state.metrics.rate_limited(limit);
        rate_limited(wait)
    })
}

/// Gives one attempt of each key back (`true`: forgets the key's record instead), in one
/// round trip to the database when the counts are shared.
async fn give_back(state: &AppState, keys: &[(&Throttle, &str, bool)]) {
    match state.throttles.ledger {
        Ledger::InProcess => {
            for (throttle, key, clear) in keys {
                if *clear { throttle.clear(key) } else { throttle.refund(key) }
            }
        }
        Ledger::Database => {
            let returned: Vec<(&'static str, String, bool)> =
                keys.iter().map(|(throttle, key, clear)| (throttle.name, (*key).to_owned(), *clear)).collect();
            let outcome = state.run(move |conn, _| limits::give_back(conn, &returned)).await;
            // The attempt it was about already has its answer; a count left standing only makes
            // a later delay come one failure sooner.
            if let Err(error) = outcome {
                tracing::warn!(error = %error, "an attempt could not be given back to its limit");
            }
        }
    }
}

/// The 429 for a wait, rounded up so that a client waiting exactly `Retry-After` gets through.
fn rate_limited(wait: chrono::Duration) -> CoreError {
    CoreError::RateLimited { retry_after_secs: (wait.num_milliseconds() + 999) / 1000 }
}

/// One password check (a login, or the current password of a password change), counted as a
/// failure before the password is hashed, so that checks sent together cannot all slip past the
/// limit. Settle it with the outcome; dropped unsettled (the client went away), it stays counted.
#[must_use = "settle the attempt with its outcome"]
pub struct PasswordAttempt<'a> {
    state: &'a AppState,
    keys: AttemptKeys,
}

/// Before a password check: refuse while the account or the address must wait, else count it.
pub async fn begin_password_attempt(state: &AppState, keys: AttemptKeys) -> Result<PasswordAttempt<'_>, CoreError> {
    let throttles = &state.throttles;
    reserve(state, "password", &[(&throttles.login_account, &keys.account), (&throttles.login_address, &keys.address)])
        .await?;
    Ok(PasswordAttempt { state, keys })
}

impl PasswordAttempt<'_> {
    /// `wrong` tells the error that means "wrong password": that outcome stays counted. A
    /// success clears the account's record and is no failure of the address; any other error
    /// (the hashing queue was full, the database failed) checked no password and is given back.
    pub async fn settle<T>(self, outcome: &Result<T, CoreError>, wrong: fn(&CoreError) -> bool) {
        let (state, throttles) = (self.state, &self.state.throttles);
        match outcome {
            Ok(_) => {
                let keys = [
                    (&throttles.login_account, &*self.keys.account, true),
                    (&throttles.login_address, &*self.keys.address, false),
                ];
                give_back(state, &keys).await;
            }
            Err(error) if wrong(error) => {}
            Err(_) => {
                let keys = [
                    (&throttles.login_account, &*self.keys.account, false),
                    (&throttles.login_address, &*self.keys.address, false),
                ];
                give_back(state, &keys).await;
            }
        }
    }
}

/// Every image upload of an account counts, accepted or not: decoding and storing cost the
/// server, and storage is bounded.
pub async fn reserve_upload(state: &AppState, uploader: &pavilion_core::domain::UserId) -> Result<(), CoreError> {
    reserve(state, "upload", &[(&state.throttles.uploads, uploader.as_str())]).await
}

/// Every passkey sign-in started from an address counts: each stores a ceremony.
pub async fn reserve_passkey_ceremony(state: &AppState, ip: Option<&str>) -> Result<(), CoreError> {
    reserve(state, "passkey", &[(&state.throttles.passkey_ceremonies, &address(ip))]).await
}

/// A reset request counts whether or not the account exists, so the limit reveals nothing.
pub async fn reserve_reset(state: &AppState, keys: &AttemptKeys) -> Result<(), CoreError> {
    let throttles = &state.throttles;
    reserve(state, "reset", &[(&throttles.reset_account, &keys.account), (&throttles.reset_address, &keys.address)])
        .await
}
