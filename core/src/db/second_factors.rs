//! Second factors: authenticator apps, recovery codes, and sign-in challenges. Every query is
//! about one account, named by the caller (its own account, or the one a challenge is for).

use super::DbConnection;
use super::schema::{recovery_codes, second_factor_challenges, totp_factors};
use crate::domain::UserId;
use crate::error::CoreError;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

/// An account's authenticator app as stored.
pub struct TotpFactor {
    pub sealed_secret: String,
    pub confirmed: bool,
}

pub fn find_totp(conn: &mut DbConnection, user: &UserId) -> Result<Option<TotpFactor>, CoreError> {
    let row: Option<(String, Option<NaiveDateTime>)> = totp_factors::table
        .find(user.as_str())
        .select((totp_factors::sealed_secret, totp_factors::confirmed_at))
        .first(conn)
        .optional()?;
    Ok(row.map(|(sealed_secret, confirmed_at)| TotpFactor { sealed_secret, confirmed: confirmed_at.is_some() }))
}

/// Whether the account signs in with a confirmed authenticator app.
pub fn has_confirmed_totp(conn: &mut DbConnection, user: &UserId) -> Result<bool, CoreError> {
    let count: i64 = totp_factors::table
        .filter(totp_factors::user_id.eq(user.as_str()))
        .filter(totp_factors::confirmed_at.is_not_null())
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Of these accounts, the ones with a confirmed authenticator app.
pub fn with_confirmed_totp(conn: &mut DbConnection, users: &[&str]) -> Result<Vec<String>, CoreError> {
    Ok(totp_factors::table
        .filter(totp_factors::user_id.eq_any(users))
        .filter(totp_factors::confirmed_at.is_not_null())
        .select(totp_factors::user_id)
        .load(conn)?)
}

/// Starts (or starts over) an enrolment that is not confirmed yet. A confirmed app is replaced
/// only by removing it first, which the caller checks.
pub fn put_unconfirmed_totp(
    conn: &mut DbConnection,
    user: &UserId,
    sealed_secret: &str,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    diesel::delete(totp_factors::table.find(user.as_str())).execute(conn)?;
    diesel::insert_into(totp_factors::table)
        .values((
            totp_factors::user_id.eq(user.as_str()),
            totp_factors::sealed_secret.eq(sealed_secret),
            totp_factors::last_used_step.eq(0i64),
            totp_factors::created_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records that a code of time step `step` was accepted, unless one of that step or a later one
/// already was (a replayed code): false then. Confirms the app on its first accepted code.
pub fn accept_totp_step(
    conn: &mut DbConnection,
    user: &UserId,
    step: i64,
    now: DateTime<Utc>,
) -> Result<bool, CoreError> {
    let updated = diesel::update(
        totp_factors::table
            .filter(totp_factors::user_id.eq(user.as_str()))
            .filter(totp_factors::last_used_step.lt(step)),
    )
    .set(totp_factors::last_used_step.eq(step))
    .execute(conn)?;
    if updated == 1 {
        diesel::update(totp_factors::table.find(user.as_str()).filter(totp_factors::confirmed_at.is_null()))
            .set(totp_factors::confirmed_at.eq(now.naive_utc()))
            .execute(conn)?;
    }
    Ok(updated == 1)
}

/// Removes the account's authenticator app; false if it had none. Its recovery codes stay while
/// a passkey needs them (the caller decides).
pub fn remove_totp(conn: &mut DbConnection, user: &UserId) -> Result<bool, CoreError> {
    let removed = diesel::delete(totp_factors::table.find(user.as_str())).execute(conn)?;
    Ok(removed == 1)
}

/// Removes every recovery code of the account.
pub fn remove_recovery_codes(conn: &mut DbConnection, user: &UserId) -> Result<(), CoreError> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user.as_str()))).execute(conn)?;
    Ok(())
}

/// Replaces the account's recovery codes (the old ones stop working).
pub fn replace_recovery_codes(
    conn: &mut DbConnection,
    user: &UserId,
    hashes: &[String],
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user.as_str()))).execute(conn)?;
    // One statement per code: ten rows, and a multi-row insert is not offered on both backends
    // through one connection type.
    for hash in hashes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::user_id.eq(user.as_str()),
                recovery_codes::code_hash.eq(hash.as_str()),
                recovery_codes::created_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Uses one recovery code; false if it is not one of the account's, or was used already.
pub fn use_recovery_code(
    conn: &mut DbConnection,
    user: &UserId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, CoreError> {
    let updated = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user.as_str()))
            .filter(recovery_codes::code_hash.eq(hash))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok(updated == 1)
}

/// How many of the account's recovery codes are still unused.
pub fn recovery_codes_left(conn: &mut DbConnection, user: &UserId) -> Result<i64, CoreError> {
    Ok(recovery_codes::table
        .filter(recovery_codes::user_id.eq(user.as_str()))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Stores a challenge, and deletes the ones that ran out (the index on expiry keeps it cheap).
pub fn insert_challenge(
    conn: &mut DbConnection,
    token_hash: &str,
    user: &UserId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), CoreError> {
    diesel::delete(second_factor_challenges::table.filter(second_factor_challenges::expires_at.le(now.naive_utc())))
        .execute(conn)?;
    diesel::insert_into(second_factor_challenges::table)
        .values((
            second_factor_challenges::token_hash.eq(token_hash),
            second_factor_challenges::user_id.eq(user.as_str()),
            second_factor_challenges::created_at.eq(now.naive_utc()),
            second_factor_challenges::expires_at.eq(expires_at.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The account a live challenge is for.
pub fn challenge_user(
    conn: &mut DbConnection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<UserId>, CoreError> {
    let user: Option<String> = second_factor_challenges::table
        .filter(second_factor_challenges::token_hash.eq(token_hash))
        .filter(second_factor_challenges::expires_at.gt(now.naive_utc()))
        .select(second_factor_challenges::user_id)
        .first(conn)
        .optional()?;
    Ok(user.map(UserId::from_trusted))
}

/// Uses a challenge up; false if it was used (or ran out) meanwhile.
pub fn consume_challenge(conn: &mut DbConnection, token_hash: &str, now: DateTime<Utc>) -> Result<bool, CoreError> {
    let deleted = diesel::delete(
        second_factor_challenges::table
            .filter(second_factor_challenges::token_hash.eq(token_hash))
            .filter(second_factor_challenges::expires_at.gt(now.naive_utc())),
    )
    .execute(conn)?;
    Ok(deleted == 1)
}
