//! Applies `core::auth::throttle` around logins, password changes and reset requests: each
//! attempt is counted before its work, and given back only when it proved not to be a failure.

use crate::error::ApiError;
use crate::state::AppState;
use pavilion_core::CoreError;
use pavilion_core::auth::throttle::Throttle;

/// The keys one attempt counts against: the account (as typed, normalised) and the address.
pub struct AttemptKeys {
    account: String,
    address: String,
}

impl AttemptKeys {
    /// `scope` separates the organiser login from each pavilion's (accounts are per pavilion).
    pub fn new(scope: &str, email: &str, ip: Option<&str>) -> Self {
        Self {
            account: format!("{scope}:{}", email.trim().to_lowercase()),
            address: ip.unwrap_or("unknown").to_owned(),
        }
    }

    /// A signed-in account proving its current password (to change it). A stolen access token
    /// must not turn into an unlimited way to guess the password.
    pub fn password_check(user_id: &str, ip: Option<&str>) -> Self {
        Self { account: format!("password-check:{user_id}"), address: ip.unwrap_or("unknown").to_owned() }
    }
}

/// Counts one attempt against both keys before its work, or refuses it with 429 while either
/// must wait. A refusal by the address gives the account's place back.
fn reserve(throttles: [&Throttle; 2], keys: &AttemptKeys, state: &AppState) -> Result<(), ApiError> {
    let now = state.now();
    let [account, address] = throttles;
    let refused = match account.reserve(&keys.account, now) {
        Err(wait) => Some(wait),
        Ok(()) => address.reserve(&keys.address, now).err().inspect(|_| account.refund(&keys.account)),
    };
    refused.map_or(Ok(()), |wait| Err(rate_limited(wait)))
}

/// The 429 for a wait, rounded up so that a client waiting exactly `Retry-After` gets through.
fn rate_limited(wait: chrono::Duration) -> ApiError {
    CoreError::RateLimited { retry_after_secs: (wait.num_milliseconds() + 999) / 1000 }.into()
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
pub fn begin_password_attempt(state: &AppState, keys: AttemptKeys) -> Result<PasswordAttempt<'_>, ApiError> {
    reserve([&state.throttles.login_account, &state.throttles.login_address], &keys, state)?;
    Ok(PasswordAttempt { state, keys })
}

impl PasswordAttempt<'_> {
    /// `wrong` is the error code that means "wrong password": that outcome stays counted. A
    /// success clears the account's record and is no failure of the address; any other error
    /// (the hashing queue was full, the database failed) checked no password and is given back.
    pub fn settle<T>(self, outcome: &Result<T, ApiError>, wrong: &str) {
        let throttles = &self.state.throttles;
        match outcome {
            Ok(_) => {
                throttles.login_account.clear(&self.keys.account);
                throttles.login_address.refund(&self.keys.address);
            }
            Err(error) if error.code() == wrong => {}
            Err(_) => {
                throttles.login_account.refund(&self.keys.account);
                throttles.login_address.refund(&self.keys.address);
            }
        }
    }
}

/// Every image upload of an account counts, accepted or not: decoding and storing cost the
/// server, and storage is bounded.
pub fn reserve_upload(state: &AppState, uploader: &pavilion_core::domain::UserId) -> Result<(), ApiError> {
    state
        .throttles
        .uploads
        .reserve(uploader.as_str(), state.now())
        .map_err(|wait| CoreError::RateLimited { retry_after_secs: (wait.num_milliseconds() + 999) / 1000 }.into())
}

/// A reset request counts whether or not the account exists, so the limit reveals nothing.
pub fn reserve_reset(state: &AppState, keys: &AttemptKeys) -> Result<(), ApiError> {
    reserve([&state.throttles.reset_account, &state.throttles.reset_address], keys, state)
}
