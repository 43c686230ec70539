//! Announcements: the organiser writes to every pavilion or chosen ones, to their admins, their
//! exhibitors or both; a pavilion's admins write to their own. One subject and body in up to
//! three languages; each person receives it in their own language, or the nearest one it was
//! written in, from the sending pavilion's email identity (the organiser's from the
//! deployment's). Every message is queued in the outbox in one transaction with the
//! announcement, and the worker delivers them; its delivery figures are the outbox's.

use super::context::Context;
use super::{Cursor, Page};
use crate::db::announcements::{Recipient, StoredAnnouncement};
use crate::db::{self, DbConnection};
use crate::domain::{LocalizedText, Pavilion, PavilionId, PavilionStatus, Role};
use crate::error::{CoreError, FieldError, Violations};
use crate::mail::{EmailStatus, NewEmail, Payload};
use crate::policy::Principal;
use crate::policy::tenancy::{self, Need, PavilionScope};
use std::collections::HashMap;

pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 20_000;

/// What a caller asks to send.
#[derive(Debug, Clone, Default)]
pub struct AnnouncementInput {
    pub subject: LocalizedText,
    pub body: LocalizedText,
    /// `pavilion_admin`, `exhibitor`, or both.
    pub audience: Vec<String>,
    /// The organiser's choice of pavilions, by slug; `None` for every pavilion not archived.
    pub pavilions: Option<Vec<String>>,
}

/// What was queued.
#[derive(Debug, Clone)]
pub struct Sent {
    pub id: String,
    pub recipients: i64,
}

/// An announcement's messages by where they stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivery {
    /// Waiting or being sent.
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
}

/// An announcement as its lists show it.
#[derive(Debug, Clone)]
pub struct Announcement {
    pub stored: StoredAnnouncement,
    /// The sending pavilion's slug; `None` for the organiser's.
    pub from: Option<String>,
    pub author: Option<String>,
    pub delivery: Delivery,
}

/// A checked announcement.
struct Message {
    subject: LocalizedText,
    body: LocalizedText,
    audience: Vec<Role>,
}

fn check(input: &AnnouncementInput) -> Result<Message, CoreError> {
    let mut errors = Violations::new();
    let subject = errors.check(input.subject.clone().clean_line("subject", SUBJECT_MAX, true));
    let body = errors.check(input.body.clone().clean("body", BODY_MAX, true));
    let mut audience = Vec::new();
    for raw in &input.audience {
        match Role::from_stored(raw).filter(|role| *role != Role::Organiser) {
            Some(role) if !audience.contains(&role) => audience.push(role),
            Some(_) => {}
            None => errors.push(FieldError::new(
                "audience",
                "invalid_audience",
                format!("{raw:?} is not an audience: use pavilion_admin, exhibitor or both"),
            )),
        }
    }
    if input.audience.is_empty() {
        errors.push(FieldError::new(
            "audience",
            "required",
            "choose who receives it: pavilion_admin, exhibitor or both",
        ));
    }
    if let (Some(subject), Some(body)) = (&subject, &body) {
        // A reader gets the subject and the body in one language; a language with only one of
        // them would mix two.
        for locale in crate::domain::Locale::ALL {
            let (has_subject, has_body) = (subject.get_exact(locale).is_some(), body.get_exact(locale).is_some());
            if has_subject != has_body {
                let (field, other) = if has_subject { ("body", "subject") } else { ("subject", "body") };
                errors.push(FieldError::new(
                    format!("{field}.{}", locale.as_str()),
                    "missing_translation",
                    format!("the {other} is written in {}: write the {field} in it too, or neither", locale.as_str()),
                ));
            }
        }
    }
    errors.into_result()?;
    Ok(Message { subject: subject.unwrap_or_default(), body: body.unwrap_or_default(), audience })
}

/// The organiser's announcement, to every pavilion not archived or to the chosen ones.
pub fn send_to_market(ctx: &Context<'_>, input: AnnouncementInput) -> Result<Sent, CoreError> {
    let caller = ctx.caller()?;
    let market = tenancy::market(caller)?;
    let message = check(&input)?;
    ctx.transaction_with_mail(|conn| {
        let scopes = match &input.pavilions {
            None => pavilions_to_choose(conn, caller)?
                .into_iter()
                .map(|pavilion| tenancy::within_market(&market, pavilion))
                .collect(),
            Some(slugs) => chosen(conn, caller, slugs)?,
        };
        queue(conn, ctx, caller, None, &scopes, message)
    })
}

/// The pavilions an organiser may write to: every one not archived, in slug order.
pub fn pavilions_to_choose(conn: &mut DbConnection, caller: &Principal) -> Result<Vec<Pavilion>, CoreError> {
    let market = tenancy::market(caller)?;
    Ok(db::pavilions::all(conn, &market)?
        .into_iter()
        .filter(|pavilion| pavilion.status != PavilionStatus::Archived)
        .collect())
}

/// The pavilions an organiser chose, each checked; an unknown slug is an error on the field.
fn chosen(conn: &mut DbConnection, caller: &Principal, slugs: &[String]) -> Result<Vec<PavilionScope>, CoreError> {
    if slugs.is_empty() {
        return Err(CoreError::invalid(
            "pavilions",
            "required",
            "choose at least one pavilion, or leave the list out to write to every pavilion",
        ));
    }
    let mut scopes: Vec<PavilionScope> = Vec::with_capacity(slugs.len());
    for slug in slugs {
        match super::pavilions::scope(conn, Some(caller), slug, Need::Manage) {
            Ok(scope) if scopes.iter().any(|seen| seen.id() == scope.id()) => {}
            Ok(scope) => scopes.push(scope),
            Err(CoreError::NotFound(_)) => {
                return Err(CoreError::invalid(
                    "pavilions",
                    "unknown_pavilion",
                    format!("no pavilion has the slug {slug:?}"),
                ));
            }
            Err(other) => return Err(other),
        }
    }
    Ok(scopes)
}

/// A pavilion's announcement to its own people, in its identity (its admins and the organiser).
pub fn send_in_pavilion(ctx: &Context<'_>, slug: &str, input: AnnouncementInput) -> Result<Sent, CoreError> {
    let caller = ctx.caller()?;
    let message = check(&input)?;
    ctx.transaction_with_mail(|conn| {
        let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
        let sender = scope.id().clone();
        queue(conn, ctx, caller, Some(sender), &[scope], message)
    })
}

/// Keeps the announcement and queues one message for each person of its audience.
fn queue(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    caller: &Principal,
    sender: Option<PavilionId>,
    scopes: &[PavilionScope],
    message: Message,
) -> Result<Sent, CoreError> {
    let author = db::users::find_by_id(conn, &caller.user_id)?.ok_or(CoreError::Unauthenticated)?;
    let recipients = db::announcements::audience(conn, scopes, &message.audience, ctx.now())?;
    if recipients.is_empty() {
        return Err(CoreError::invalid(
            "audience",
            "no_recipients",
            "nobody in the chosen pavilions has this role yet; nothing was sent",
        ));
    }
    let emails: Vec<NewEmail> =
        recipients.into_iter().map(|person| email_for(person, &message, sender.as_ref(), &author.name)).collect();
    let announcement = StoredAnnouncement {
        id: uuid::Uuid::now_v7().to_string(),
        pavilion_id: sender.clone(),
        author_id: Some(author.id.clone()),
        subject: message.subject,
        body: message.body,
        audience: message.audience,
        pavilions: scopes.iter().map(|scope| scope.slug().to_string()).collect(),
        recipients: emails.len() as i64,
        created_at: ctx.now(),
    };
    db::announcements::insert(conn, &announcement)?;
    db::outbox::insert_announcement(conn, ctx.now(), ctx.mail_domain(), &announcement.id, &emails)?;
    ctx.audit(conn, super::audit::Action::AnnouncementSent, sender.as_ref(), Some(&announcement.id))?;
    Ok(Sent { id: announcement.id, recipients: announcement.recipients })
}

/// One person's message: in their language, or the nearest the announcement was written in.
fn email_for(person: Recipient, message: &Message, sender: Option<&PavilionId>, author: &str) -> NewEmail {
    // `check` made both required and written in the same languages, so both are found, in one.
    let (locale, title) = message.subject.pick(person.locale).unwrap_or((person.locale, ""));
    let text = message.body.get_exact(locale).unwrap_or_default();
    NewEmail {
        pavilion_id: sender.cloned(),
        recipient: person.email,
        recipient_name: person.name,
        locale,
        payload: Payload::AnnouncementV1 {
            title: title.to_owned(),
            message: text.to_owned(),
            sent_by: author.to_owned(),
        },
    }
}

/// The announcements a pavilion sent, newest first, with their delivery figures.
pub fn list_in_pavilion(
    conn: &mut DbConnection,
    caller: &Principal,
    slug: &str,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Page<Announcement>, CoreError> {
    let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
    let cursor = cursor.map(Cursor::decode).transpose()?;
    let stored = db::announcements::list_for_pavilion(conn, &scope, cursor.as_ref().map(Cursor::key), limit + 1)?;
    with_figures(conn, Page::from_overfetch(stored, limit, |a| &a.id))
}

/// Every announcement of the deployment, the organiser's and the pavilions', newest first.
pub fn list_all(
    conn: &mut DbConnection,
    caller: &Principal,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Page<Announcement>, CoreError> {
    let market = tenancy::market(caller)?;
    let cursor = cursor.map(Cursor::decode).transpose()?;
    let stored = db::announcements::list_all(conn, &market, cursor.as_ref().map(Cursor::key), limit + 1)?;
    with_figures(conn, Page::from_overfetch(stored, limit, |a| &a.id))
}

/// Adds each announcement's sender, author and delivery figures, in three queries for the page.
fn with_figures(conn: &mut DbConnection, page: Page<StoredAnnouncement>) -> Result<Page<Announcement>, CoreError> {
    let ids: Vec<&str> = page.items.iter().map(|a| a.id.as_str()).collect();
    let mut delivery: HashMap<String, Delivery> = HashMap::new();
    for (id, status, count) in db::outbox::count_by_announcement(conn, &ids)? {
        let figures = delivery.entry(id).or_default();
        match EmailStatus::parse(&status) {
            Some(EmailStatus::Pending | EmailStatus::Sending) => figures.queued += count,
            Some(EmailStatus::Sent) => figures.sent += count,
            Some(EmailStatus::Failed) => figures.failed += count,
            None => {}
        }
    }
    let senders: Vec<PavilionId> = page.items.iter().filter_map(|a| a.pavilion_id.clone()).collect();
    let slugs = db::pavilions::slugs_by_id(conn, &senders)?;
    let mut authors: HashMap<String, String> = HashMap::new();
    for author in page.items.iter().filter_map(|a| a.author_id.as_ref()) {
        if !authors.contains_key(author.as_str())
            && let Some(user) = db::users::find_by_id(conn, author)?
        {
            authors.insert(author.to_string(), user.name);
        }
    }
    let items = page
        .items
        .into_iter()
        .map(|stored| Announcement {
            from: stored.pavilion_id.as_ref().and_then(|id| slugs.get(id).cloned()),
            author: stored.author_id.as_ref().and_then(|id| authors.get(id.as_str()).cloned()),
            delivery: delivery.get(&stored.id).copied().unwrap_or_default(),
            stored,
        })
        .collect();
    Ok(Page { items, next_cursor: page.next_cursor })
}
