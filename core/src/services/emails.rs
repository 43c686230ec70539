//! The delivery log, resends and test messages. Queuing itself happens inside other use cases,
//! through `db::outbox::insert`, in their transaction.

use super::context::Context;
use super::{Cursor, Listed, Page, listed, with_slugs};
use crate::db::{self, DbConnection, outbox::LogQuery};
use crate::domain::{EmailAddress, MessageId};
use crate::error::CoreError;
use crate::mail::{EmailRecord, EmailStatus, NewEmail, Payload, StoredEmail};
use crate::policy::Principal;
use crate::policy::tenancy::{self, Need};

/// Filters of a delivery-log page.
pub struct LogFilter {
    pub status: Option<EmailStatus>,
    pub cursor: Option<String>,
    pub limit: i64,
}

fn query<'a>(filter: &LogFilter, cursor: Option<&'a Cursor>) -> LogQuery<'a> {
    LogQuery { status: filter.status, before_id: cursor.map(Cursor::key), limit: filter.limit + 1 }
}

/// A pavilion's delivery log, for its admins and the organiser.
pub fn log_for_pavilion(
    conn: &mut DbConnection,
    caller: &Principal,
    slug: &str,
    filter: LogFilter,
) -> Result<Page<Listed<EmailRecord>>, CoreError> {
    let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
    let cursor = filter.cursor.as_deref().map(Cursor::decode).transpose()?;
    let records = db::outbox::list_for_pavilion(conn, &scope, query(&filter, cursor.as_ref()))?;
    with_slugs(conn, Page::from_overfetch(records, filter.limit, |r| &r.id), |r| r.pavilion_id.as_ref())
}

/// Every pavilion's mail (or one's, by slug), for the organiser.
pub fn log_all(
    conn: &mut DbConnection,
    caller: &Principal,
    pavilion_slug: Option<&str>,
    filter: LogFilter,
) -> Result<Page<Listed<EmailRecord>>, CoreError> {
    let market = tenancy::market(caller)?;
    let pavilion =
        pavilion_slug.map(|slug| super::pavilions::scope(conn, Some(caller), slug, Need::Manage)).transpose()?;
    let cursor = filter.cursor.as_deref().map(Cursor::decode).transpose()?;
    let records = db::outbox::list_all(conn, &market, pavilion.as_ref(), query(&filter, cursor.as_ref()))?;
    with_slugs(conn, Page::from_overfetch(records, filter.limit, |r| &r.id), |r| r.pavilion_id.as_ref())
}

/// One message as it is stored, its content included, for the organiser (what exactly went out).
/// A delivered message's one-time link is no longer there.
pub fn stored(conn: &mut DbConnection, caller: &Principal, id: &MessageId) -> Result<StoredEmail, CoreError> {
    let market = tenancy::market(caller)?;
    db::outbox::find_any(conn, &market, id.as_str())?.ok_or(CoreError::NotFound("email"))
}

/// Queues a test message to the caller, in the pavilion's identity and the caller's locale.
pub fn send_test(ctx: &Context<'_>, slug: &str) -> Result<Listed<EmailRecord>, CoreError> {
    let caller = ctx.caller()?;
    ctx.transaction_with_mail(|conn| {
        let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
        let user = db::users::find_by_id(conn, &caller.user_id)?.ok_or(CoreError::Unauthenticated)?;
        let email = NewEmail {
            pavilion_id: Some(scope.id().clone()),
            recipient: user.email,
            recipient_name: Some(user.name.clone()),
            locale: user.locale,
            payload: Payload::TestMessageV1 { requested_by: user.name },
        };
        let record = db::outbox::insert(conn, ctx.now(), ctx.mail_domain(), &email, None)?;
        Ok(Listed { item: record, pavilion: Some(scope.slug().to_string()) })
    })
}

/// Re-queues a sent or failed message of this pavilion as a new row (a new Message-ID).
pub fn resend_in_pavilion(ctx: &Context<'_>, slug: &str, id: &MessageId) -> Result<Listed<EmailRecord>, CoreError> {
    let caller = ctx.caller()?;
    ctx.transaction_with_mail(|conn| {
        let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
        let stored = db::outbox::find_in_pavilion(conn, &scope, id.as_str())?.ok_or(CoreError::NotFound("email"))?;
        requeue(conn, ctx, stored)
    })
}

/// The organiser's resend, for any message including deployment-level ones.
pub fn resend_any(ctx: &Context<'_>, id: &MessageId) -> Result<Listed<EmailRecord>, CoreError> {
    let market = tenancy::market(ctx.caller()?)?;
    ctx.transaction_with_mail(|conn| {
        let stored = db::outbox::find_any(conn, &market, id.as_str())?.ok_or(CoreError::NotFound("email"))?;
        requeue(conn, ctx, stored)
    })
}

fn requeue(conn: &mut DbConnection, ctx: &Context<'_>, stored: StoredEmail) -> Result<Listed<EmailRecord>, CoreError> {
    let record = stored.record;
    if !matches!(record.status, EmailStatus::Sent | EmailStatus::Failed) {
        return Err(CoreError::Conflict(format!(
            "this message is still {}; only sent or failed messages can be resent",
            record.status.as_str()
        )));
    }
    if stored.payload.is_link_bearing() {
        return Err(CoreError::Conflict(
            "this message carried a one-time link, which is not kept once a message is delivered or given up; \
             send a new invitation, or ask for a new password-reset link, instead"
                .into(),
        ));
    }
    let recipient = EmailAddress::parse(&record.recipient)
        .map_err(|_| CoreError::Internal(anyhow::anyhow!("outbox.recipient holds an invalid address")))?;
    let email = NewEmail {
        pavilion_id: record.pavilion_id.clone(),
        recipient,
        recipient_name: stored.recipient_name,
        locale: record.locale,
        payload: stored.payload,
    };
    let record = db::outbox::insert(conn, ctx.now(), ctx.mail_domain(), &email, Some(&record.id))?;
    Ok(listed(conn, vec![record], |r| r.pavilion_id.as_ref())?.remove(0))
}
