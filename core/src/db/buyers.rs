//! Buyers' profiles and status, and the links that confirm their addresses. A buyer is a user of
//! no pavilion with the role `buyer`; this table holds the rest.

use super::DbConnection;
use super::schema::{buyers, email_confirmations};
use crate::domain::{BuyerProfile, BuyerStatus, Genre, Medium, Territory, UserId, Vocabulary, WorkKind};
use crate::error::CoreError;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

fn codes<T: Copy>(values: &[T], code: impl Fn(T) -> &'static str) -> String {
    serde_json::to_string(&values.iter().map(|value| code(*value)).collect::<Vec<_>>()).unwrap_or_default()
}

/// Stores a new buyer's profile, in `status`.
pub fn insert(
    conn: &mut DbConnection,
    user: &UserId,
    status: BuyerStatus,
    profile: &BuyerProfile,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    diesel::insert_into(buyers::table)
        .values((
            buyers::user_id.eq(user.as_str()),
            buyers::status.eq(status.as_str()),
            buyers::company.eq(&profile.company),
            buyers::company_type.eq(profile.company_type.as_str()),
            buyers::country.eq(profile.country.alpha2()),
            buyers::territories.eq(codes(&profile.territories, Territory::code)),
            buyers::media.eq(codes(&profile.media, Medium::as_str)),
            buyers::kinds.eq(codes(&profile.kinds, WorkKind::as_str)),
            buyers::genres.eq(codes(&profile.genres, Genre::as_str)),
            buyers::website.eq(profile.website.as_deref()),
            buyers::created_at.eq(now.naive_utc()),
            buyers::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Where a buyer account stands; `None` for an account that is no buyer's.
pub fn status(conn: &mut DbConnection, user: &UserId) -> Result<Option<BuyerStatus>, CoreError> {
    let raw: Option<String> =
        buyers::table.filter(buyers::user_id.eq(user.as_str())).select(buyers::status).first(conn).optional()?;
    raw.map(|raw| {
        BuyerStatus::from_name(&raw).ok_or_else(|| CoreError::Internal(anyhow::anyhow!("buyers.status holds {raw}")))
    })
    .transpose()
}

/// Moves a buyer from `from` to `to`; false if it was not in `from` (another request moved it).
pub fn move_status(
    conn: &mut DbConnection,
    user: &UserId,
    from: BuyerStatus,
    to: BuyerStatus,
    now: DateTime<Utc>,
) -> Result<bool, CoreError> {
    let moved = diesel::update(
        buyers::table.filter(buyers::user_id.eq(user.as_str())).filter(buyers::status.eq(from.as_str())),
    )
    .set((buyers::status.eq(to.as_str()), buyers::updated_at.eq(now.naive_utc())))
    .execute(conn)?;
    Ok(moved == 1)
}

/// Stores a new confirmation link for a buyer's address.
pub fn insert_confirmation(
    conn: &mut DbConnection,
    user: &UserId,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), CoreError> {
    diesel::insert_into(email_confirmations::table)
        .values((
            email_confirmations::token_hash.eq(token_hash),
            email_confirmations::user_id.eq(user.as_str()),
            email_confirmations::created_at.eq(now.naive_utc()),
            email_confirmations::expires_at.eq(expires_at.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// A confirmation link's state.
pub struct Confirmation {
    pub user_id: UserId,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
}

pub fn find_confirmation(conn: &mut DbConnection, token_hash: &str) -> Result<Option<Confirmation>, CoreError> {
    let row: Option<(String, NaiveDateTime, Option<NaiveDateTime>)> = email_confirmations::table
        .filter(email_confirmations::token_hash.eq(token_hash))
        .select((email_confirmations::user_id, email_confirmations::expires_at, email_confirmations::used_at))
        .first(conn)
        .optional()?;
    Ok(row.map(|(user_id, expires_at, used_at)| Confirmation {
        user_id: UserId::from_trusted(user_id),
        expires_at: expires_at.and_utc(),
        used: used_at.is_some(),
    }))
}

/// Uses a link; false if it was used meanwhile (of two confirmations at once, one wins).
pub fn use_confirmation(conn: &mut DbConnection, token_hash: &str, now: DateTime<Utc>) -> Result<bool, CoreError> {
    let used = diesel::update(
        email_confirmations::table
            .filter(email_confirmations::token_hash.eq(token_hash))
            .filter(email_confirmations::used_at.is_null()),
    )
    .set(email_confirmations::used_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok(used == 1)
}
