//! Invitations into a pavilion; tenant rows, always looked up with their pavilion (except by
//! token, which is how an invitee who has no account yet finds theirs).

use super::DbConnection;
use super::schema::invitations;
use crate::domain::Invitation;
use crate::domain::{EmailAddress, ExhibitorId, InvitationId, Locale, PavilionId, Role, UserId};
use crate::error::CoreError;
use crate::policy::tenancy::PavilionScope;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = invitations)]
struct InvitationRow {
    id: String,
    pavilion_id: String,
    email: String,
    role: String,
    exhibitor_id: Option<String>,
    locale: String,
    token_hash: String,
    invited_by: String,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    accepted_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
}

impl InvitationRow {
    fn into_domain(self) -> Result<Invitation, CoreError> {
        let invalid =
            |column: &str| CoreError::Internal(anyhow::anyhow!("invitations.{column} holds an invalid value"));
        Ok(Invitation {
            id: self.id,
            pavilion_id: PavilionId::from_trusted(self.pavilion_id),
            email: EmailAddress::parse(&self.email).map_err(|_| invalid("email"))?,
            role: Role::from_stored(&self.role).ok_or_else(|| invalid("role"))?,
            exhibitor_id: self.exhibitor_id.map(ExhibitorId::from_trusted),
            locale: Locale::parse("locale", &self.locale).map_err(|_| invalid("locale"))?,
            invited_by: UserId::from_trusted(self.invited_by),
            created_at: self.created_at.and_utc(),
            expires_at: self.expires_at.and_utc(),
            accepted_at: self.accepted_at.map(|t| t.and_utc()),
            revoked_at: self.revoked_at.map(|t| t.and_utc()),
        })
    }
}

pub fn insert(conn: &mut DbConnection, invitation: &Invitation, token_hash: &str) -> Result<(), CoreError> {
    let row = InvitationRow {
        id: invitation.id.clone(),
        pavilion_id: invitation.pavilion_id.to_string(),
        email: invitation.email.to_string(),
        role: invitation.role.as_str().to_owned(),
        exhibitor_id: invitation.exhibitor_id.as_ref().map(ToString::to_string),
        locale: invitation.locale.as_str().to_owned(),
        token_hash: token_hash.to_owned(),
        invited_by: invitation.invited_by.to_string(),
        created_at: invitation.created_at.naive_utc(),
        expires_at: invitation.expires_at.naive_utc(),
        accepted_at: None,
        revoked_at: None,
    };
    diesel::insert_into(invitations::table).values(row).execute(conn)?;
    Ok(())
}

/// Revokes the open invitations of this address in this pavilion (a new one replaces them).
pub fn revoke_open_for(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    email: &EmailAddress,
    now: DateTime<Utc>,
) -> Result<usize, CoreError> {
    Ok(diesel::update(
        invitations::table
            .filter(invitations::pavilion_id.eq(scope.id().as_str()))
            .filter(invitations::email.eq(email.as_str()))
            .filter(invitations::accepted_at.is_null())
            .filter(invitations::revoked_at.is_null()),
    )
    .set(invitations::revoked_at.eq(now.naive_utc()))
    .execute(conn)?)
}

/// The invitation a link's token belongs to, in whatever state.
pub fn find_by_token_hash(conn: &mut DbConnection, token_hash: &str) -> Result<Option<Invitation>, CoreError> {
    invitations::table
        .filter(invitations::token_hash.eq(token_hash))
        .select(InvitationRow::as_select())
        .first(conn)
        .optional()?
        .map(InvitationRow::into_domain)
        .transpose()
}

/// Marks an open invitation accepted; false if someone else used it first.
pub fn accept(conn: &mut DbConnection, id: &str, now: DateTime<Utc>) -> Result<bool, CoreError> {
    let updated = diesel::update(
        invitations::table
            .filter(invitations::id.eq(id))
            .filter(invitations::accepted_at.is_null())
            .filter(invitations::revoked_at.is_null()),
    )
    .set(invitations::accepted_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok(updated == 1)
}

/// This pavilion's invitations not yet accepted, revoked or expired, newest first.
pub fn list_open(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    now: DateTime<Utc>,
) -> Result<Vec<Invitation>, CoreError> {
    invitations::table
        .filter(invitations::pavilion_id.eq(scope.id().as_str()))
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::revoked_at.is_null())
        .filter(invitations::expires_at.gt(now.naive_utc()))
        .order(invitations::id.desc())
        .select(InvitationRow::as_select())
        .load(conn)?
        .into_iter()
        .map(InvitationRow::into_domain)
        .collect()
}

/// Revokes one open invitation of this pavilion; false if there is none by that id.
pub fn revoke(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    id: &InvitationId,
    now: DateTime<Utc>,
) -> Result<bool, CoreError> {
    let updated = diesel::update(
        invitations::table
            .filter(invitations::pavilion_id.eq(scope.id().as_str()))
            .filter(invitations::id.eq(id.as_str()))
            .filter(invitations::accepted_at.is_null())
            .filter(invitations::revoked_at.is_null()),
    )
    .set(invitations::revoked_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok(updated == 1)
}
