//! The steps that check or set a password, one road for the JSON routes and the pages: counted
//! against the same limits, checked the same way, and never holding a database connection while
//! argon2 runs. Only the session each caller then opens differs (tokens or a cookie).

use crate::state::AppState;
use crate::throttling::{self, AttemptKeys, PasswordAttempt};
use pavilion_core::CoreError;
use pavilion_core::auth::{self, HashedPassword};
use pavilion_core::domain::User;
use pavilion_core::policy::Principal;
use pavilion_core::services::accounts::{self, ClientInfo, SignInAt};
use pavilion_core::services::context::Context;
use pavilion_core::services::invitations::{self, Acceptance};
use pavilion_core::services::password_reset;
use pavilion_core::services::sign_in::{self, Proof};

/// Counts one sign-in attempt where it is made, before any work; 429 while the account or the
/// address must wait. Settle it with the outcome of [`check_credentials`].
pub async fn begin<'a>(
    state: &'a AppState,
    at: &SignInAt,
    email: &str,
    client: &ClientInfo,
) -> Result<PasswordAttempt<'a>, CoreError> {
    throttling::begin_password_attempt(state, AttemptKeys::new(at, email, client.ip.as_deref())).await
}

/// The account behind an email and password where they are typed, in two steps so that no
/// database connection waits on argon2: look the account up, then check the password on the
/// bounded hashing pool. Every failure is the same `unauthenticated`, and goes to the audit log.
pub async fn check_credentials(
    state: &AppState,
    client: ClientInfo,
    at: SignInAt,
    email: String,
    password: String,
) -> Result<User, CoreError> {
    let (typed, place) = (email.clone(), at.clone());
    let candidate = state.run(move |conn, _| accounts::find_candidate(conn, &place, &typed)).await?;
    match state.hash(move || accounts::check_password(candidate, &password)).await {
        Ok(user) => Ok(user),
        Err(error) => {
            if matches!(error, CoreError::Unauthenticated) {
                state.call(None, client, move |ctx| accounts::record_failed_login(ctx, at.slug(), &email)).await?;
            }
            Err(error)
        }
    }
}

/// Changes the caller's password: the new one must be acceptable; then the current one is
/// checked, counted like a sign-in (a stolen session must not become a way to guess it); then
/// the new one is stored and every other session ends.
pub async fn change_password(
    state: &AppState,
    caller: Principal,
    client: ClientInfo,
    current_password: String,
    new_password: String,
) -> Result<(), CoreError> {
    let keys = AttemptKeys::password_check(caller.user_id.as_str(), client.ip.as_deref());
    let checking = caller.clone();
    let change = state
        .run(move |conn, _| accounts::check_password_change(conn, &checking, &current_password, &new_password))
        .await?;
    let attempt = throttling::begin_password_attempt(state, keys).await?;
    let proof = state.hash(move || accounts::hash_password_change(change)).await;
    attempt.settle(&proof, |error| matches!(error, CoreError::Validation(_))).await;
    let (replaced, new) = proof?;
    state.call(Some(caller), client, move |ctx| accounts::change_password(ctx, &replaced, &new)).await
}

/// The first steps of accepting an invitation: the link still works, the name and password are
/// acceptable, and the password is hashed. The caller then accepts with the session it opens.
pub async fn prepare_acceptance(
    state: &AppState,
    token: String,
    name: String,
    password: String,
) -> Result<(String, HashedPassword), CoreError> {
    let Acceptance { name, password } = state
        .run(move |conn, state| invitations::check_acceptance(conn, state.now(), &token, &name, &password))
        .await?;
    let password = state.hash(move || auth::hash_password(&password)).await?;
    Ok((name, password))
}

/// The first steps of a reset: the link still works and the new password is acceptable, then
/// hashed. The caller then confirms (and, on a page, signs in).
pub async fn prepare_reset(state: &AppState, token: String, password: String) -> Result<HashedPassword, CoreError> {
    let password =
        state.run(move |conn, state| password_reset::check_new_password(conn, state.now(), &token, &password)).await?;
    state.hash(move || auth::hash_password(&password)).await
}

/// A buyer registers: every field checked, then the password hashed on the hashing pool (for a
/// new address and one that has an account alike, so the time tells nothing), then the use case.
pub async fn register_buyer(
    state: &AppState,
    client: ClientInfo,
    input: pavilion_core::services::buyers::RegistrationInput,
) -> Result<(), CoreError> {
    use pavilion_core::services::buyers;
    let (registration, password) = buyers::check_registration(input)?;
    let hashed = state.hash(move || auth::hash_password(&password)).await?;
    state.call(None, client, move |ctx| buyers::register(ctx, registration, &hashed)).await
}

/// What was given to finish a sign-in, read the same way for the JSON route and the page: an
/// authenticator app's code, a recovery code, or a passkey's answer (JSON).
pub fn proof(code: Option<String>, recovery_code: Option<String>, passkey: Option<String>) -> Result<Proof, CoreError> {
    let present = |value: Option<String>| value.filter(|value| !value.trim().is_empty());
    let mut given = [
        present(code).map(Proof::Code),
        present(recovery_code).map(Proof::RecoveryCode),
        present(passkey).map(Proof::Passkey),
    ]
    .into_iter()
    .flatten();
    match (given.next(), given.next()) {
        (Some(proof), None) => Ok(proof),
        (None, _) => Err(CoreError::invalid(
            "code",
            "required",
            "give the code from your app, a recovery code, or a passkey's answer",
        )),
        (Some(_), Some(_)) => Err(CoreError::invalid(
            "recovery_code",
            "one_of",
            "give one of a code, a recovery code or a passkey's answer, not several",
        )),
    }
}

/// Finishes a sign-in with its challenge and a second factor: counted against the account's
/// limit like a password (429 while it must wait), a wrong one audited. `finish` checks the
/// factor and opens the session the caller wants (tokens or a cookie), in one transaction.
pub async fn finish_sign_in<T, F>(
    state: &AppState,
    client: ClientInfo,
    challenge: &str,
    finish: F,
) -> Result<T, CoreError>
where
    F: FnOnce(&Context<'_>) -> Result<T, CoreError> + Send + 'static,
    T: Send + 'static,
{
    let presented = challenge.to_owned();
    let account = state.run(move |conn, state| sign_in::challenged_account(conn, state.now(), &presented)).await?;
    let attempt =
        throttling::begin_password_attempt(state, AttemptKeys::second_factor(account.as_str(), client.ip.as_deref()))
            .await?;
    let outcome = state.call(None, client.clone(), finish).await;
    attempt.settle(&outcome, |error| matches!(error, CoreError::Unauthenticated)).await;
    if matches!(outcome, Err(CoreError::Unauthenticated)) {
        state.call(None, client, move |ctx| sign_in::record_failed_second_factor(ctx, &account)).await?;
    }
    outcome
}

/// Finishes signing in with a passkey alone: failures (an unknown passkey, one of another place,
/// a forged answer) meet growing delays per address, as wrong passwords do.
pub async fn finish_passkey_sign_in<T, F>(state: &AppState, client: ClientInfo, finish: F) -> Result<T, CoreError>
where
    F: FnOnce(&Context<'_>) -> Result<T, CoreError> + Send + 'static,
    T: Send + 'static,
{
    let attempt = throttling::begin_password_attempt(state, AttemptKeys::passkey(client.ip.as_deref())).await?;
    let outcome = state.call(None, client, finish).await;
    attempt.settle(&outcome, |error| matches!(error, CoreError::Unauthenticated)).await;
    outcome
}
