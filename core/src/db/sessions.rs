//! Login sessions: one row per login, holding the hash of the current refresh token.

use super::DbConnection;
use super::schema::{passkeys, pavilions, sessions, totp_factors, users};
use crate::domain::{ExhibitorId, PavilionId, Role, SecondFactorRequired, SessionId, SessionKind, UserId};
use crate::error::CoreError;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

#[derive(Insertable)]
#[diesel(table_name = sessions)]
struct NewSessionRow {
    id: String,
    user_id: String,
    pavilion_id: Option<String>,
    refresh_token_hash: String,
    created_at: NaiveDateTime,
    last_used_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    user_agent: Option<String>,
    ip: Option<String>,
    kind: &'static str,
}

pub struct NewSession<'a> {
    pub id: &'a SessionId,
    pub user_id: &'a UserId,
    pub pavilion_id: Option<&'a PavilionId>,
    pub refresh_token_hash: String,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub kind: SessionKind,
}

pub fn insert(conn: &mut DbConnection, session: NewSession<'_>) -> Result<(), CoreError> {
    let row = NewSessionRow {
        id: session.id.to_string(),
        user_id: session.user_id.to_string(),
        pavilion_id: session.pavilion_id.map(ToString::to_string),
        refresh_token_hash: session.refresh_token_hash,
        created_at: session.now.naive_utc(),
        last_used_at: session.now.naive_utc(),
        expires_at: session.expires_at.naive_utc(),
        user_agent: session.user_agent,
        ip: session.ip,
        kind: session.kind.as_str(),
    };
    diesel::insert_into(sessions::table).values(row).execute(conn)?;
    Ok(())
}

/// A live session: not revoked, not expired, its user not disabled.
pub struct LiveSession {
    pub kind: SessionKind,
    pub user_id: UserId,
    pub role: Role,
    pub pavilion_id: Option<PavilionId>,
    pub exhibitor_id: Option<ExhibitorId>,
    pub refresh_token_hash: String,
    /// The refresh token rotated away last; presenting it again is a reuse.
    pub previous_refresh_token_hash: Option<String>,
    /// Whether the account has a confirmed second factor.
    pub has_second_factor: bool,
    /// What the account's pavilion requires (nothing, for organisers).
    pub pavilion_requires: SecondFactorRequired,
}

pub fn find_live(
    conn: &mut DbConnection,
    id: &SessionId,
    now: DateTime<Utc>,
) -> Result<Option<LiveSession>, CoreError> {
    let row: Option<LiveSessionRow> = sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(id.as_str()))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now.naive_utc()))
        .filter(users::disabled_at.is_null())
        .select((
            sessions::kind,
            users::id,
            users::role,
            users::pavilion_id,
            users::exhibitor_id,
            sessions::refresh_token_hash,
            sessions::previous_refresh_token_hash,
            // Read with the session, in the same round trip: every request needs them to know
            // whether the account may go on without a second factor.
            diesel::dsl::exists(
                totp_factors::table
                    .filter(totp_factors::user_id.eq(users::id))
                    .filter(totp_factors::confirmed_at.is_not_null()),
            )
            .or(diesel::dsl::exists(passkeys::table.filter(passkeys::user_id.eq(users::id)))),
            pavilions::table
                .filter(pavilions::id.nullable().eq(users::pavilion_id))
                .select(pavilions::second_factor_admins)
                .single_value(),
            pavilions::table
                .filter(pavilions::id.nullable().eq(users::pavilion_id))
                .select(pavilions::second_factor_exhibitors)
                .single_value(),
        ))
        .first(conn)
        .optional()?;
    row.map(|row| {
        Ok(LiveSession {
            kind: SessionKind::from_stored(&row.kind)
                .ok_or_else(|| anyhow::anyhow!("sessions.kind holds an invalid value"))?,
            user_id: UserId::from_trusted(row.user_id),
            role: Role::from_stored(&row.role).ok_or_else(|| anyhow::anyhow!("users.role holds an invalid value"))?,
            pavilion_id: row.pavilion_id.map(PavilionId::from_trusted),
            exhibitor_id: row.exhibitor_id.map(ExhibitorId::from_trusted),
            refresh_token_hash: row.refresh_token_hash,
            previous_refresh_token_hash: row.previous_refresh_token_hash,
            has_second_factor: row.has_second_factor,
            pavilion_requires: SecondFactorRequired {
                admins: row.admins_must_have_second_factor.unwrap_or(false),
                exhibitors: row.exhibitors_must_have_second_factor.unwrap_or(false),
            },
        })
    })
    .transpose()
}

#[derive(Queryable)]
struct LiveSessionRow {
    kind: String,
    user_id: String,
    role: String,
    pavilion_id: Option<String>,
    exhibitor_id: Option<String>,
    refresh_token_hash: String,
    previous_refresh_token_hash: Option<String>,
    has_second_factor: bool,
    admins_must_have_second_factor: Option<bool>,
    exhibitors_must_have_second_factor: Option<bool>,
}

/// Swaps the refresh token only if the presented one is still current, so two racing refreshes
/// cannot both win. Returns whether this caller won.
pub fn rotate(
    conn: &mut DbConnection,
    id: &SessionId,
    presented_hash: &str,
    new_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<bool, CoreError> {
    let updated = diesel::update(
        sessions::table
            .filter(sessions::id.eq(id.as_str()))
            .filter(sessions::refresh_token_hash.eq(presented_hash))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::previous_refresh_token_hash.eq(presented_hash),
        sessions::refresh_token_hash.eq(new_hash),
        sessions::last_used_at.eq(now.naive_utc()),
        sessions::expires_at.eq(expires_at.naive_utc()),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Notes that a browser session was used, at most once per `every`, so that a page view is not
/// a write.
pub fn touch(
    conn: &mut DbConnection,
    id: &SessionId,
    now: DateTime<Utc>,
    every: chrono::Duration,
) -> Result<(), CoreError> {
    diesel::update(
        sessions::table
            .filter(sessions::id.eq(id.as_str()))
            .filter(sessions::last_used_at.lt((now - every).naive_utc())),
    )
    .set(sessions::last_used_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok(())
}

pub fn revoke(conn: &mut DbConnection, id: &SessionId, now: DateTime<Utc>) -> Result<(), CoreError> {
    diesel::update(sessions::table.filter(sessions::id.eq(id.as_str())).filter(sessions::revoked_at.is_null()))
        .set(sessions::revoked_at.eq(now.naive_utc()))
        .execute(conn)?;
    Ok(())
}

/// Ends every live session of a user (password reset, disabled account).
pub fn revoke_all_for_user(conn: &mut DbConnection, user: &UserId, now: DateTime<Utc>) -> Result<usize, CoreError> {
    Ok(diesel::update(
        sessions::table.filter(sessions::user_id.eq(user.as_str())).filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(now.naive_utc()))
    .execute(conn)?)
}

/// One of a user's own sessions, as they review them.
pub struct SessionInfo {
    pub id: SessionId,
    pub kind: SessionKind,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
}

/// The user's live sessions, newest first.
pub fn list_live_for_user(
    conn: &mut DbConnection,
    user: &UserId,
    now: DateTime<Utc>,
) -> Result<Vec<SessionInfo>, CoreError> {
    let rows: Vec<SessionInfoRow> = sessions::table
        .filter(sessions::user_id.eq(user.as_str()))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now.naive_utc()))
        .order(sessions::id.desc())
        .select((
            sessions::id,
            sessions::kind,
            sessions::created_at,
            sessions::last_used_at,
            sessions::user_agent,
            sessions::ip,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| SessionInfo {
            id: SessionId::from_trusted(row.id),
            // An unknown kind can only be a newer server's: shown as an API session.
            kind: SessionKind::from_stored(&row.kind).unwrap_or(SessionKind::Api),
            created_at: row.created_at.and_utc(),
            last_used_at: row.last_used_at.and_utc(),
            user_agent: row.user_agent,
            ip: row.ip,
        })
        .collect())
}

#[derive(Queryable)]
struct SessionInfoRow {
    id: String,
    kind: String,
    created_at: NaiveDateTime,
    last_used_at: NaiveDateTime,
    user_agent: Option<String>,
    ip: Option<String>,
}

/// Revokes one of this user's sessions; false if the user has no live session by that id.
pub fn revoke_own(conn: &mut DbConnection, user: &UserId, id: &str, now: DateTime<Utc>) -> Result<bool, CoreError> {
    let updated = diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user.as_str()))
            .filter(sessions::id.eq(id))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Ends every session of the user but `keep`.
pub fn revoke_others(
    conn: &mut DbConnection,
    user: &UserId,
    keep: &SessionId,
    now: DateTime<Utc>,
) -> Result<usize, CoreError> {
    Ok(diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user.as_str()))
            .filter(sessions::id.ne(keep.as_str()))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(now.naive_utc()))
    .execute(conn)?)
}
