//! Passkeys and the ceremonies that add them or sign in with them. A passkey is read by its
//! owner's id, or (signing in) by the credential id the authenticator presents, then checked
//! against the account the sign-in is for.

use super::DbConnection;
use super::schema::{passkey_ceremonies, passkeys, second_factor_challenges};
use crate::domain::UserId;
use crate::error::CoreError;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

/// A passkey as stored: `credential` is webauthn-rs's `Passkey` as JSON.
#[derive(Queryable, Selectable)]
#[diesel(table_name = passkeys)]
pub struct StoredPasskey {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub credential_id: String,
    pub user_handle: String,
    pub credential: String,
    pub created_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
}

pub struct NewPasskey<'a> {
    pub id: &'a str,
    pub user: &'a UserId,
    pub name: &'a str,
    pub credential_id: &'a str,
    pub user_handle: &'a str,
    pub credential: &'a str,
}

/// The account's passkeys, oldest first.
pub fn for_user(conn: &mut DbConnection, user: &UserId) -> Result<Vec<StoredPasskey>, CoreError> {
    Ok(passkeys::table
        .filter(passkeys::user_id.eq(user.as_str()))
        .order((passkeys::created_at.asc(), passkeys::id.asc()))
        .select(StoredPasskey::as_select())
        .load(conn)?)
}

pub fn has_any(conn: &mut DbConnection, user: &UserId) -> Result<bool, CoreError> {
    let count: i64 = passkeys::table.filter(passkeys::user_id.eq(user.as_str())).count().get_result(conn)?;
    Ok(count > 0)
}

/// Of these accounts, the ones with a passkey.
pub fn with_passkeys(conn: &mut DbConnection, users: &[&str]) -> Result<Vec<String>, CoreError> {
    Ok(passkeys::table.filter(passkeys::user_id.eq_any(users)).select(passkeys::user_id).distinct().load(conn)?)
}

/// The passkey an authenticator presents, whoever's it is (the caller checks).
pub fn find_by_credential_id(conn: &mut DbConnection, credential_id: &str) -> Result<Option<StoredPasskey>, CoreError> {
    Ok(passkeys::table
        .filter(passkeys::credential_id.eq(credential_id))
        .select(StoredPasskey::as_select())
        .first(conn)
        .optional()?)
}

pub fn insert(conn: &mut DbConnection, passkey: NewPasskey<'_>, now: DateTime<Utc>) -> Result<(), CoreError> {
    diesel::insert_into(passkeys::table)
        .values((
            passkeys::id.eq(passkey.id),
            passkeys::user_id.eq(passkey.user.as_str()),
            passkeys::name.eq(passkey.name),
            passkeys::credential_id.eq(passkey.credential_id),
            passkeys::user_handle.eq(passkey.user_handle),
            passkeys::credential.eq(passkey.credential),
            passkeys::created_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a sign-in with the passkey, and its credential as the authenticator left it (its
/// signature counter moves on).
pub fn record_use(conn: &mut DbConnection, id: &str, credential: &str, now: DateTime<Utc>) -> Result<(), CoreError> {
    diesel::update(passkeys::table.find(id))
        .set((passkeys::credential.eq(credential), passkeys::last_used_at.eq(now.naive_utc())))
        .execute(conn)?;
    Ok(())
}

/// Renames one of the account's passkeys; false if it has none of that id.
pub fn rename(conn: &mut DbConnection, user: &UserId, id: &str, name: &str) -> Result<bool, CoreError> {
    let updated = diesel::update(passkeys::table.find(id).filter(passkeys::user_id.eq(user.as_str())))
        .set(passkeys::name.eq(name))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Removes one of the account's passkeys; false if it has none of that id.
pub fn remove(conn: &mut DbConnection, user: &UserId, id: &str) -> Result<bool, CoreError> {
    let removed = diesel::delete(passkeys::table.find(id).filter(passkeys::user_id.eq(user.as_str()))).execute(conn)?;
    Ok(removed == 1)
}

/// Removes every passkey of the account; how many there were.
pub fn remove_all(conn: &mut DbConnection, user: &UserId) -> Result<usize, CoreError> {
    Ok(diesel::delete(passkeys::table.filter(passkeys::user_id.eq(user.as_str()))).execute(conn)?)
}

/// What a ceremony is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Register,
    SignIn,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Register => "register",
            Self::SignIn => "sign_in",
        }
    }
}

pub struct NewCeremony<'a> {
    pub token_hash: &'a str,
    pub purpose: Purpose,
    pub user: Option<&'a UserId>,
    pub sign_in_at: Option<&'a str>,
    pub state: &'a str,
}

/// Stores a ceremony, and deletes the ones that ran out.
pub fn insert_ceremony(
    conn: &mut DbConnection,
    ceremony: NewCeremony<'_>,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), CoreError> {
    diesel::delete(passkey_ceremonies::table.filter(passkey_ceremonies::expires_at.le(now.naive_utc())))
        .execute(conn)?;
    diesel::insert_into(passkey_ceremonies::table)
        .values((
            passkey_ceremonies::token_hash.eq(ceremony.token_hash),
            passkey_ceremonies::purpose.eq(ceremony.purpose.as_str()),
            passkey_ceremonies::user_id.eq(ceremony.user.map(UserId::as_str)),
            passkey_ceremonies::sign_in_at.eq(ceremony.sign_in_at),
            passkey_ceremonies::state.eq(ceremony.state),
            passkey_ceremonies::created_at.eq(now.naive_utc()),
            passkey_ceremonies::expires_at.eq(expires_at.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A live ceremony as stored.
pub struct StoredCeremony {
    pub user_id: Option<String>,
    pub sign_in_at: Option<String>,
    pub state: String,
}

/// Uses a live ceremony of this purpose up, and returns it; `None` if there is none (unknown,
/// used, or ran out).
pub fn take_ceremony(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<StoredCeremony>, CoreError> {
    let live = passkey_ceremonies::table
        .filter(passkey_ceremonies::token_hash.eq(token_hash))
        .filter(passkey_ceremonies::purpose.eq(purpose.as_str()))
        .filter(passkey_ceremonies::expires_at.gt(now.naive_utc()));
    let row: Option<(Option<String>, Option<String>, String)> = live
        .select((passkey_ceremonies::user_id, passkey_ceremonies::sign_in_at, passkey_ceremonies::state))
        .first(conn)
        .optional()?;
    let Some((user_id, sign_in_at, state)) = row else { return Ok(None) };
    // Two answers racing for one ceremony: only the one that deletes it goes on.
    if diesel::delete(live).execute(conn)? != 1 {
        return Ok(None);
    }
    Ok(Some(StoredCeremony { user_id, sign_in_at, state }))
}

/// Puts passkey options (sent to the browser) and their state (kept) on a sign-in challenge.
pub fn attach_to_challenge(
    conn: &mut DbConnection,
    token_hash: &str,
    options: &str,
    state: &str,
) -> Result<(), CoreError> {
    diesel::update(second_factor_challenges::table.find(token_hash))
        .set((second_factor_challenges::passkey_options.eq(options), second_factor_challenges::passkey_state.eq(state)))
        .execute(conn)?;
    Ok(())
}

/// The passkey options and state of a live challenge, if it has them.
pub fn challenge_passkey(
    conn: &mut DbConnection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(String, String)>, CoreError> {
    let row: Option<(Option<String>, Option<String>)> = second_factor_challenges::table
        .filter(second_factor_challenges::token_hash.eq(token_hash))
        .filter(second_factor_challenges::expires_at.gt(now.naive_utc()))
        .select((second_factor_challenges::passkey_options, second_factor_challenges::passkey_state))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(options, state)| options.zip(state)))
}
