//! Deadline reminders: which rounds ran (a round is one pavilion, deadline and offset; its key
//! makes it run once across replicas), which companies each reached, and who to write to.

use super::DbConnection;
use super::schema::{invitations, pavilions, reminder_rounds, reminders};
use crate::domain::{EmailAddress, ExhibitorId, Locale, PavilionStatus};
use crate::error::CoreError;
use crate::policy::tenancy::PavilionScope;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// The ids of the pavilions, not archived, whose profile deadline is still ahead: those that
/// may have reminders due.
pub fn pavilions_with_deadline_ahead(conn: &mut DbConnection, now: DateTime<Utc>) -> Result<Vec<String>, CoreError> {
    Ok(pavilions::table
        .filter(pavilions::status.ne(PavilionStatus::Archived.as_str()))
        .filter(pavilions::profile_deadline.gt(now.naive_utc()))
        .select(pavilions::id)
        .order(pavilions::id.asc())
        .load(conn)?)
}

/// The offsets whose round already ran for this deadline.
pub fn offsets_done(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    deadline: DateTime<Utc>,
) -> Result<Vec<u16>, CoreError> {
    let offsets: Vec<i32> = reminder_rounds::table
        .filter(reminder_rounds::pavilion_id.eq(scope.id().as_str()))
        .filter(reminder_rounds::deadline.eq(deadline.naive_utc()))
        .select(reminder_rounds::offset_days)
        .load(conn)?;
    Ok(offsets.into_iter().filter_map(|days| u16::try_from(days).ok()).collect())
}

/// A round that ran (`superseded`: passed over for a later offset due at the same time). A
/// second writer of the same round fails on the key: `CoreError::Conflict`.
pub struct Round {
    pub deadline: DateTime<Utc>,
    pub offset_days: u16,
    pub reminded: i64,
    pub superseded: bool,
}

pub fn insert_round(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    round: &Round,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    diesel::insert_into(reminder_rounds::table)
        .values((
            reminder_rounds::pavilion_id.eq(scope.id().as_str()),
            reminder_rounds::deadline.eq(round.deadline.naive_utc()),
            reminder_rounds::offset_days.eq(i32::from(round.offset_days)),
            reminder_rounds::ran_at.eq(now.naive_utc()),
            reminder_rounds::reminded.eq(round.reminded),
            reminder_rounds::superseded.eq(round.superseded),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets how many companies a round reminded, once it knows.
pub fn set_reminded(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    deadline: DateTime<Utc>,
    offset_days: u16,
    reminded: i64,
) -> Result<(), CoreError> {
    diesel::update(
        reminder_rounds::table
            .filter(reminder_rounds::pavilion_id.eq(scope.id().as_str()))
            .filter(reminder_rounds::deadline.eq(deadline.naive_utc()))
            .filter(reminder_rounds::offset_days.eq(i32::from(offset_days))),
    )
    .set(reminder_rounds::reminded.eq(reminded))
    .execute(conn)?;
    Ok(())
}

/// Records that one company was reminded in a round.
pub fn insert_reminder(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    company: &ExhibitorId,
    deadline: DateTime<Utc>,
    offset_days: u16,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    diesel::insert_into(reminders::table)
        .values((
            reminders::pavilion_id.eq(scope.id().as_str()),
            reminders::exhibitor_id.eq(company.as_str()),
            reminders::deadline.eq(deadline.naive_utc()),
            reminders::offset_days.eq(i32::from(offset_days)),
            reminders::sent_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The open invitations of this pavilion's companies: a company whose contact has not signed up
/// is reminded at the invited address. (company, address, language)
pub fn invited_contacts(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    now: DateTime<Utc>,
) -> Result<Vec<(ExhibitorId, EmailAddress, Locale)>, CoreError> {
    let rows: Vec<(Option<String>, String, String)> = invitations::table
        .filter(invitations::pavilion_id.eq(scope.id().as_str()))
        .filter(invitations::exhibitor_id.is_not_null())
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::revoked_at.is_null())
        .filter(invitations::expires_at.gt(now.naive_utc()))
        .order(invitations::id.asc())
        .select((invitations::exhibitor_id, invitations::email, invitations::locale))
        .load(conn)?;
    let invalid = |column: &str| CoreError::Internal(anyhow::anyhow!("invitations.{column} holds an invalid value"));
    rows.into_iter()
        .filter_map(|(company, email, locale)| Some((company?, email, locale)))
        .map(|(company, email, locale)| {
            Ok((
                ExhibitorId::from_trusted(company),
                EmailAddress::parse(&email).map_err(|_| invalid("email"))?,
                Locale::parse("locale", &locale).map_err(|_| invalid("locale"))?,
            ))
        })
        .collect()
}
