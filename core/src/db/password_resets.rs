//! Password-reset links.

use super::DbConnection;
use super::schema::password_resets;
use crate::domain::UserId;
use crate::error::CoreError;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

/// Stores a new link; the user's earlier links that are still open stop working (replaced).
pub fn insert(
    conn: &mut DbConnection,
    user: &UserId,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), CoreError> {
    diesel::update(
        password_resets::table
            .filter(password_resets::user_id.eq(user.as_str()))
            .filter(password_resets::used_at.is_null())
            .filter(password_resets::replaced_at.is_null()),
    )
    .set(password_resets::replaced_at.eq(now.naive_utc()))
    .execute(conn)?;
    diesel::insert_into(password_resets::table)
        .values((
            password_resets::id.eq(uuid::Uuid::now_v7().to_string()),
            password_resets::user_id.eq(user.as_str()),
            password_resets::token_hash.eq(token_hash),
            password_resets::created_at.eq(now.naive_utc()),
            password_resets::expires_at.eq(expires_at.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A reset link's state: who it is for, when it expires, whether it was used or replaced by a
/// newer one.
pub struct ResetLink {
    pub id: String,
    pub user_id: UserId,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
    pub replaced: bool,
}

pub fn find_by_token_hash(conn: &mut DbConnection, token_hash: &str) -> Result<Option<ResetLink>, CoreError> {
    type Row = (String, String, NaiveDateTime, Option<NaiveDateTime>, Option<NaiveDateTime>);
    let row: Option<Row> = password_resets::table
        .filter(password_resets::token_hash.eq(token_hash))
        .select((
            password_resets::id,
            password_resets::user_id,
            password_resets::expires_at,
            password_resets::used_at,
            password_resets::replaced_at,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(id, user_id, expires_at, used_at, replaced_at)| ResetLink {
        id,
        user_id: UserId::from_trusted(user_id),
        expires_at: expires_at.and_utc(),
        used: used_at.is_some(),
        replaced: replaced_at.is_some(),
    }))
}

/// Uses a link; false if it was used meanwhile. Every other open link of the user dies too.
pub fn consume(conn: &mut DbConnection, link: &ResetLink, now: DateTime<Utc>) -> Result<bool, CoreError> {
    let updated = diesel::update(
        password_resets::table
            .filter(password_resets::id.eq(&link.id))
            .filter(password_resets::used_at.is_null())
            .filter(password_resets::replaced_at.is_null()),
    )
    .set(password_resets::used_at.eq(now.naive_utc()))
    .execute(conn)?;
    diesel::update(
        password_resets::table
            .filter(password_resets::user_id.eq(link.user_id.as_str()))
            .filter(password_resets::used_at.is_null()),
    )
    .set(password_resets::used_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok(updated == 1)
}
