//! Applies `core::auth::throttle` around logins, password changes and reset requests: check
//! before the work, count the outcome after it.

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

fn check(throttles: [&Throttle; 2], keys: &AttemptKeys, state: &AppState) -> Result<(), ApiError> {
    let now = state.now();
    for (throttle, key) in throttles.into_iter().zip([&keys.account, &keys.address]) {
        if let Err(wait) = throttle.check(key, now) {
            // Round up, so a client that waits exactly Retry-After is let through.
            let retry_after_secs = (wait.num_milliseconds() + 999) / 1000;
            return Err(CoreError::RateLimited { retry_after_secs }.into());
        }
    }
    Ok(())
}

/// Before a login: refuse while the account or the address must wait.
pub fn check_login(state: &AppState, keys: &AttemptKeys) -> Result<(), ApiError> {
    check([&state.throttles.login_account, &state.throttles.login_address], keys, state)
}

/// After a login: a failure counts against both keys; a success clears the account's record.
pub fn record_login<T>(state: &AppState, keys: &AttemptKeys, outcome: &Result<T, ApiError>) {
    record_password_attempt(state, keys, outcome, "unauthenticated");
}

/// After checking the current password of a password change: a wrong one (the use case's 422)
/// counts like a failed login, under the same limits.
pub fn record_password_check<T>(state: &AppState, keys: &AttemptKeys, outcome: &Result<T, ApiError>) {
    record_password_attempt(state, keys, outcome, "validation_failed");
}

fn record_password_attempt<T>(state: &AppState, keys: &AttemptKeys, outcome: &Result<T, ApiError>, wrong: &str) {
    match outcome {
        Ok(_) => state.throttles.login_account.record_success(&keys.account),
        Err(error) if error.code() == wrong => {
            let now = state.now();
            state.throttles.login_account.record_failure(&keys.account, now);
            state.throttles.login_address.record_failure(&keys.address, now);
        }
        Err(_) => {}
    }
}

/// A reset request counts whether or not the account exists, so the limit reveals nothing.
pub fn check_and_record_reset(state: &AppState, keys: &AttemptKeys) -> Result<(), ApiError> {
    check([&state.throttles.reset_account, &state.throttles.reset_address], keys, state)?;
    let now = state.now();
    state.throttles.reset_account.record_failure(&keys.account, now);
    state.throttles.reset_address.record_failure(&keys.address, now);
    Ok(())
}
