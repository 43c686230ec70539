//! Outbox rows: queued in a use case's transaction, claimed by workers with a lease, kept as the
//! delivery log.

use super::DbConnection;
use super::schema::outbox;
use crate::domain::{Locale, PavilionId};
use crate::error::CoreError;
use crate::mail::StoredEmail;
use crate::mail::{EmailRecord, EmailStatus, NewEmail, Payload};
use crate::policy::tenancy::{MarketScope, PavilionScope};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox)]
struct OutboxRow {
    id: String,
    pavilion_id: Option<String>,
    kind: String,
    payload: String,
    recipient: String,
    recipient_name: Option<String>,
    locale: String,
    status: String,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    claimed_until: Option<NaiveDateTime>,
    last_error: Option<String>,
    message_id: String,
    resend_of: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    sent_at: Option<NaiveDateTime>,
    announcement_id: Option<String>,
}

impl OutboxRow {
    fn into_stored(self) -> Result<StoredEmail, CoreError> {
        let invalid = |column: &str| CoreError::Internal(anyhow::anyhow!("outbox.{column} holds an invalid value"));
        let payload: Payload = serde_json::from_str(&self.payload).map_err(|_| invalid("payload"))?;
        let record = EmailRecord {
            id: self.id,
            pavilion_id: self.pavilion_id.map(PavilionId::from_trusted),
            kind: self.kind,
            recipient: self.recipient,
            locale: Locale::parse("locale", &self.locale).map_err(|_| invalid("locale"))?,
            status: EmailStatus::parse(&self.status).ok_or_else(|| invalid("status"))?,
            attempts: self.attempts,
            next_attempt_at: self.next_attempt_at.and_utc(),
            last_error: self.last_error,
            message_id: self.message_id,
            resend_of: self.resend_of,
            created_at: self.created_at.and_utc(),
            sent_at: self.sent_at.map(|t| t.and_utc()),
        };
        Ok(StoredEmail { record, payload, recipient_name: self.recipient_name })
    }
}

/// A row for `email`, pending from `now`. `mail_domain` makes its stable Message-ID:
/// `<{id}@{mail_domain}>`.
fn new_row(
    now: DateTime<Utc>,
    mail_domain: &str,
    email: &NewEmail,
    resend_of: Option<&str>,
    announcement_id: Option<&str>,
) -> Result<OutboxRow, CoreError> {
    let id = uuid::Uuid::now_v7().to_string();
    Ok(OutboxRow {
        message_id: format!("<{id}@{mail_domain}>"),
        id,
        pavilion_id: email.pavilion_id.as_ref().map(ToString::to_string),
        kind: email.payload.kind().to_owned(),
        payload: serde_json::to_string(&email.payload).map_err(anyhow::Error::new)?,
        recipient: email.recipient.to_string(),
        recipient_name: email.recipient_name.clone(),
        locale: email.locale.as_str().to_owned(),
        status: EmailStatus::Pending.as_str().to_owned(),
        attempts: 0,
        next_attempt_at: now.naive_utc(),
        claimed_until: None,
        last_error: None,
        resend_of: resend_of.map(str::to_owned),
        created_at: now.naive_utc(),
        updated_at: now.naive_utc(),
        sent_at: None,
        announcement_id: announcement_id.map(str::to_owned),
    })
}

/// Queues a message.
pub fn insert(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    mail_domain: &str,
    email: &NewEmail,
    resend_of: Option<&str>,
) -> Result<EmailRecord, CoreError> {
    let row = new_row(now, mail_domain, email, resend_of, None)?;
    diesel::insert_into(outbox::table).values(&row).execute(conn)?;
    Ok(row.into_stored()?.record)
}

/// Queues one announcement's messages, a batch of rows per statement (an announcement may reach
/// thousands of people; the caller's transaction holds them all).
pub fn insert_announcement(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    mail_domain: &str,
    announcement_id: &str,
    emails: &[NewEmail],
) -> Result<(), CoreError> {
    // Well under SQLite's 32,766 bound parameters a statement (18 columns a row).
    const ROWS_PER_STATEMENT: usize = 500;
    for chunk in emails.chunks(ROWS_PER_STATEMENT) {
        let rows = chunk
            .iter()
            .map(|email| new_row(now, mail_domain, email, None, Some(announcement_id)))
            .collect::<Result<Vec<_>, CoreError>>()?;
        // A multi-row INSERT is written per backend: the one connection type over both has no
        // batch insert of its own.
        let statement = diesel::insert_into(outbox::table).values(&rows);
        match conn {
            DbConnection::Postgres(pg) => statement.execute(pg)?,
            DbConnection::Sqlite(sqlite) => statement.execute(sqlite)?,
        };
    }
    Ok(())
}

/// Messages of each of these announcements by status: (announcement, status, count).
pub fn count_by_announcement(
    conn: &mut DbConnection,
    announcement_ids: &[&str],
) -> Result<Vec<(String, String, i64)>, CoreError> {
    let rows: Vec<(Option<String>, String, i64)> = outbox::table
        .filter(outbox::announcement_id.eq_any(announcement_ids))
        .group_by((outbox::announcement_id, outbox::status))
        .select((outbox::announcement_id, outbox::status, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().filter_map(|(id, status, n)| Some((id?, status, n))).collect())
}

/// One message of this pavilion.
pub fn find_in_pavilion(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    id: &str,
) -> Result<Option<StoredEmail>, CoreError> {
    outbox::table
        .filter(outbox::pavilion_id.eq(scope.id().as_str()))
        .filter(outbox::id.eq(id))
        .select(OutboxRow::as_select())
        .first(conn)
        .optional()?
        .map(OutboxRow::into_stored)
        .transpose()
}

/// Any message of the deployment: the organiser's oversight view.
pub fn find_any(conn: &mut DbConnection, _market: &MarketScope, id: &str) -> Result<Option<StoredEmail>, CoreError> {
    outbox::table
        .find(id)
        .select(OutboxRow::as_select())
        .first(conn)
        .optional()?
        .map(OutboxRow::into_stored)
        .transpose()
}

/// A page of the delivery log, newest first.
pub struct LogQuery<'a> {
    pub status: Option<EmailStatus>,
    pub before_id: Option<&'a str>,
    pub limit: i64,
}

/// This pavilion's messages.
pub fn list_for_pavilion(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    query: LogQuery<'_>,
) -> Result<Vec<EmailRecord>, CoreError> {
    list(conn, Some(scope.id()), query)
}

/// Every message of the deployment, or one pavilion's: the organiser's oversight view.
pub fn list_all(
    conn: &mut DbConnection,
    _market: &MarketScope,
    pavilion: Option<&PavilionScope>,
    query: LogQuery<'_>,
) -> Result<Vec<EmailRecord>, CoreError> {
    list(conn, pavilion.map(PavilionScope::id), query)
}

/// The log, of one pavilion or (for a caller holding the market) of all.
fn list(
    conn: &mut DbConnection,
    pavilion: Option<&PavilionId>,
    query: LogQuery<'_>,
) -> Result<Vec<EmailRecord>, CoreError> {
    let mut select =
        outbox::table.select(OutboxRow::as_select()).order(outbox::id.desc()).limit(query.limit).into_boxed();
    if let Some(pavilion) = pavilion {
        select = select.filter(outbox::pavilion_id.eq(pavilion.as_str().to_owned()));
    }
    if let Some(status) = query.status {
        select = select.filter(outbox::status.eq(status.as_str()));
    }
    if let Some(before) = query.before_id {
        select = select.filter(outbox::id.lt(before.to_owned()));
    }
    select.load(conn)?.into_iter().map(|row| row.into_stored().map(|stored| stored.record)).collect()
}

/// Due at `now`: pending rows whose time has come, and claimed rows whose lease ran out.
#[diesel::dsl::auto_type]
fn due_at(now: NaiveDateTime) -> _ {
    let pending: &'static str = EmailStatus::Pending.as_str();
    let sending: &'static str = EmailStatus::Sending.as_str();
    outbox::status
        .eq(pending)
        .and(outbox::next_attempt_at.le(now))
        .or(outbox::status.eq(sending).and(outbox::claimed_until.lt(now)))
}

/// Claims up to `limit` due rows for one worker until `lease_until`: pending rows whose time has
/// come, and rows whose previous worker's lease ran out (it died mid-send; delivery is at least
/// once, under the same Message-ID). Each claim is a conditional update that only one worker can
/// win, on either backend, so two workers never hold the same row.
pub fn claim(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<StoredEmail>, CoreError> {
    let now = now.naive_utc();
    let due = due_at(now);
    let candidates: Vec<String> =
        outbox::table.filter(due).select(outbox::id).order(outbox::next_attempt_at.asc()).limit(limit).load(conn)?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for id in candidates {
        let won = diesel::update(outbox::table.filter(outbox::id.eq(&id)).filter(due))
            .set((
                outbox::status.eq(EmailStatus::Sending.as_str()),
                outbox::claimed_until.eq(lease_until.naive_utc()),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::updated_at.eq(now),
            ))
            .execute(conn)?;
        if won == 1 {
            let row = outbox::table.find(&id).select(OutboxRow::as_select()).first(conn)?;
            claimed.push(row.into_stored()?);
        }
    }
    Ok(claimed)
}

/// The payload column as kept once a message reached a final state: a one-time link it carried
/// is removed, since the link lives on only in the recipient's mailbox. `None`: unchanged.
fn final_payload(payload: &Payload) -> Result<Option<String>, CoreError> {
    if !payload.has_secret_link() {
        return Ok(None);
    }
    let kept = payload.clone().without_secret_link();
    Ok(Some(serde_json::to_string(&kept).map_err(|e| CoreError::Internal(e.into()))?))
}

pub fn mark_sent(conn: &mut DbConnection, id: &str, payload: &Payload, now: DateTime<Utc>) -> Result<(), CoreError> {
    if let Some(kept) = final_payload(payload)? {
        diesel::update(outbox::table.find(id)).set(outbox::payload.eq(kept)).execute(conn)?;
    }
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(EmailStatus::Sent.as_str()),
            outbox::sent_at.eq(now.naive_utc()),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(None::<String>),
            outbox::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Back to `pending` until `next_attempt_at`, remembering why.
/// Puts a claimed message back for `next_attempt_at`. `waiting_for_server`: the SMTP server could
/// not be reached, so the message may go as soon as it is reached again
/// (`release_waiting_for_server`).
pub fn mark_retry(
    conn: &mut DbConnection,
    id: &str,
    now: DateTime<Utc>,
    next_attempt_at: DateTime<Utc>,
    error: &str,
    waiting_for_server: bool,
) -> Result<(), CoreError> {
    diesel::update(outbox::table.find(id).filter(outbox::status.eq(EmailStatus::Sending.as_str())))
        .set((
            outbox::status.eq(EmailStatus::Pending.as_str()),
            outbox::next_attempt_at.eq(next_attempt_at.naive_utc()),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(error),
            outbox::waiting_for_server.eq(waiting_for_server),
            outbox::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Makes every message that was put back only because the SMTP server could not be reached due
/// now: the server answers again, and their back-off, grown during the outage, no longer means
/// anything. Messages put back for a reply about themselves (a full mailbox, greylisting) keep
/// their wait. Returns how many were released.
pub fn release_waiting_for_server(conn: &mut DbConnection, now: DateTime<Utc>) -> Result<usize, CoreError> {
    let now = now.naive_utc();
    Ok(diesel::update(
        outbox::table
            .filter(outbox::status.eq(EmailStatus::Pending.as_str()))
            .filter(outbox::next_attempt_at.gt(now))
            .filter(outbox::waiting_for_server.eq(true)),
    )
    .set((outbox::next_attempt_at.eq(now), outbox::waiting_for_server.eq(false)))
    .execute(conn)?)
}

pub fn mark_failed(
    conn: &mut DbConnection,
    id: &str,
    payload: &Payload,
    now: DateTime<Utc>,
    error: &str,
) -> Result<(), CoreError> {
    let updated = diesel::update(outbox::table.find(id).filter(outbox::status.eq(EmailStatus::Sending.as_str())))
        .set((
            outbox::status.eq(EmailStatus::Failed.as_str()),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(error),
            outbox::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    if updated == 1
        && let Some(kept) = final_payload(payload)?
    {
        diesel::update(outbox::table.find(id)).set(outbox::payload.eq(kept)).execute(conn)?;
    }
    Ok(())
}

/// Removes the one-time links still kept in messages that reached a final state (rows written
/// before links were removed on delivery, or a crash between the two updates). Returns how many.
pub fn forget_delivered_links(conn: &mut DbConnection) -> Result<usize, CoreError> {
    let rows: Vec<(String, String)> = outbox::table
        .filter(outbox::status.eq_any([EmailStatus::Sent.as_str(), EmailStatus::Failed.as_str()]))
        .filter(outbox::kind.eq_any(["invitation", "password_reset"]))
        .select((outbox::id, outbox::payload))
        .load(conn)?;
    let mut forgotten = 0;
    for (id, raw) in rows {
        let Ok(payload) = serde_json::from_str::<Payload>(&raw) else { continue };
        if let Some(kept) = final_payload(&payload)? {
            diesel::update(outbox::table.find(&id)).set(outbox::payload.eq(kept)).execute(conn)?;
            forgotten += 1;
        }
    }
    Ok(forgotten)
}

/// What waits to be sent: messages due now (a retry whose time came, or a claim whose worker
/// went away) and when the oldest of them first came due.
pub struct Backlog {
    pub due: i64,
    pub oldest_due: Option<DateTime<Utc>>,
}

/// The backlog at `now`, from the `(status, next_attempt_at)` index: what the metrics report.
pub fn backlog(conn: &mut DbConnection, now: DateTime<Utc>) -> Result<Backlog, CoreError> {
    let (count, oldest): (i64, Option<NaiveDateTime>) = outbox::table
        .filter(due_at(now.naive_utc()))
        .select((diesel::dsl::count_star(), diesel::dsl::min(outbox::next_attempt_at)))
        .first(conn)?;
    Ok(Backlog { due: count, oldest_due: oldest.map(|at| at.and_utc()) })
}

/// Delivery attempts made so far over every message, for tests and oversight figures.
pub fn total_attempts(conn: &mut DbConnection) -> Result<i64, CoreError> {
    let total: Option<i64> = outbox::table.select(diesel::dsl::sum(outbox::attempts)).first(conn)?;
    Ok(total.unwrap_or(0))
}

/// Rows by status, for tests and oversight figures.
pub fn count_by_status(conn: &mut DbConnection, status: EmailStatus) -> Result<i64, CoreError> {
    Ok(outbox::table.filter(outbox::status.eq(status.as_str())).count().get_result(conn)?)
}
