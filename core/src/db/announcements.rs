//! Announcements, and the people an audience reaches.

use super::DbConnection;
use super::schema::{announcements, invitations, users};
use crate::domain::{EmailAddress, Locale, LocalizedText, PavilionId, Role, UserId};
use crate::error::CoreError;
use crate::policy::tenancy::{MarketScope, PavilionScope};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use std::collections::HashSet;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = announcements)]
struct AnnouncementRow {
    id: String,
    pavilion_id: Option<String>,
    author_id: Option<String>,
    subject: String,
    body: String,
    audience: String,
    pavilions: String,
    recipients: i64,
    created_at: NaiveDateTime,
}

/// An announcement as kept.
#[derive(Debug, Clone)]
pub struct StoredAnnouncement {
    pub id: String,
    /// The sending pavilion; `None` for the organiser's.
    pub pavilion_id: Option<PavilionId>,
    pub author_id: Option<UserId>,
    pub subject: LocalizedText,
    pub body: LocalizedText,
    pub audience: Vec<Role>,
    /// The slugs of the pavilions it reached.
    pub pavilions: Vec<String>,
    pub recipients: i64,
    pub created_at: DateTime<Utc>,
}

impl AnnouncementRow {
    fn from_domain(announcement: &StoredAnnouncement) -> Result<Self, CoreError> {
        let audience: Vec<&str> = announcement.audience.iter().map(|role| role.as_str()).collect();
        Ok(Self {
            id: announcement.id.clone(),
            pavilion_id: announcement.pavilion_id.as_ref().map(ToString::to_string),
            author_id: announcement.author_id.as_ref().map(ToString::to_string),
            subject: json(&announcement.subject)?,
            body: json(&announcement.body)?,
            audience: json(&audience)?,
            pavilions: json(&announcement.pavilions)?,
            recipients: announcement.recipients,
            created_at: announcement.created_at.naive_utc(),
        })
    }

    fn into_domain(self) -> Result<StoredAnnouncement, CoreError> {
        let invalid =
            |column: &str| CoreError::Internal(anyhow::anyhow!("announcements.{column} holds an invalid value"));
        let audience: Vec<String> = serde_json::from_str(&self.audience).map_err(|_| invalid("audience"))?;
        Ok(StoredAnnouncement {
            id: self.id,
            pavilion_id: self.pavilion_id.map(PavilionId::from_trusted),
            author_id: self.author_id.map(UserId::from_trusted),
            subject: serde_json::from_str(&self.subject).map_err(|_| invalid("subject"))?,
            body: serde_json::from_str(&self.body).map_err(|_| invalid("body"))?,
            audience: audience
                .iter()
                .map(|role| Role::from_stored(role).ok_or_else(|| invalid("audience")))
                .collect::<Result<_, _>>()?,
            pavilions: serde_json::from_str(&self.pavilions).map_err(|_| invalid("pavilions"))?,
            recipients: self.recipients,
            created_at: self.created_at.and_utc(),
        })
    }
}

/// A JSON column's text.
fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, CoreError> {
    serde_json::to_string(value).map_err(|e| CoreError::Internal(e.into()))
}

pub fn insert(conn: &mut DbConnection, announcement: &StoredAnnouncement) -> Result<(), CoreError> {
    diesel::insert_into(announcements::table).values(AnnouncementRow::from_domain(announcement)?).execute(conn)?;
    Ok(())
}

/// A page of the announcements this pavilion sent, newest first.
pub fn list_for_pavilion(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    before_id: Option<&str>,
    limit: i64,
) -> Result<Vec<StoredAnnouncement>, CoreError> {
    list(conn, Some(scope.id()), before_id, limit)
}

/// A page of every announcement of the deployment, the organiser's and every pavilion's.
pub fn list_all(
    conn: &mut DbConnection,
    _market: &MarketScope,
    before_id: Option<&str>,
    limit: i64,
) -> Result<Vec<StoredAnnouncement>, CoreError> {
    list(conn, None, before_id, limit)
}

/// One pavilion's announcements, or (for a caller holding the market) all, newest first.
fn list(
    conn: &mut DbConnection,
    sender: Option<&PavilionId>,
    before_id: Option<&str>,
    limit: i64,
) -> Result<Vec<StoredAnnouncement>, CoreError> {
    let mut query = announcements::table
        .select(AnnouncementRow::as_select())
        .order(announcements::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(sender) = sender {
        query = query.filter(announcements::pavilion_id.eq(sender.as_str().to_owned()));
    }
    if let Some(before) = before_id {
        query = query.filter(announcements::id.lt(before.to_owned()));
    }
    query.load(conn)?.into_iter().map(AnnouncementRow::into_domain).collect()
}

/// One person an announcement reaches.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub pavilion_id: PavilionId,
    pub email: EmailAddress,
    pub name: Option<String>,
    pub locale: Locale,
}

/// Everyone of these pavilions who holds one of `roles`: each enabled account, and each open
/// invitation to such a role whose address has no account there yet (a company whose contact
/// has not accepted is still one of the pavilion's exhibitors). One message per address and
/// pavilion, in pavilion then address order.
pub fn audience(
    conn: &mut DbConnection,
    scopes: &[PavilionScope],
    roles: &[Role],
    now: DateTime<Utc>,
) -> Result<Vec<Recipient>, CoreError> {
    let pavilion_ids: Vec<&str> = scopes.iter().map(|scope| scope.id().as_str()).collect();
    let roles: Vec<&str> = roles.iter().map(|role| role.as_str()).collect();
    let accounts: Vec<(Option<String>, String, String, String)> = users::table
        .filter(users::pavilion_id.eq_any(&pavilion_ids))
        .filter(users::role.eq_any(&roles))
        .filter(users::disabled_at.is_null())
        .select((users::pavilion_id, users::email, users::name, users::locale))
        .load(conn)?;
    let everyone: Vec<(Option<String>, String)> = users::table
        .filter(users::pavilion_id.eq_any(&pavilion_ids))
        .select((users::pavilion_id, users::email))
        .load(conn)?;
    let invited: Vec<(String, String, String)> = invitations::table
        .filter(invitations::pavilion_id.eq_any(&pavilion_ids))
        .filter(invitations::role.eq_any(&roles))
        .filter(invitations::accepted_at.is_null())
        .filter(invitations::revoked_at.is_null())
        .filter(invitations::expires_at.gt(now.naive_utc()))
        .select((invitations::pavilion_id, invitations::email, invitations::locale))
        .load(conn)?;

    let invalid = |column: &str| CoreError::Internal(anyhow::anyhow!("{column} holds an invalid value"));
    // Anyone with an account, enabled or not, is reached through it or not at all: a disabled
    // account's address is not written to through an old invitation.
    let mut seen: HashSet<(String, String)> =
        everyone.into_iter().filter_map(|(pavilion, email)| Some((pavilion?, email))).collect();
    let mut recipients = Vec::with_capacity(accounts.len() + invited.len());
    for (pavilion, email, name, locale) in accounts {
        let Some(pavilion) = pavilion else { continue };
        recipients.push(Recipient {
            pavilion_id: PavilionId::from_trusted(pavilion),
            email: EmailAddress::parse(&email).map_err(|_| invalid("users.email"))?,
            name: Some(name),
            locale: Locale::parse("locale", &locale).map_err(|_| invalid("users.locale"))?,
        });
    }
    for (pavilion, email, locale) in invited {
        if !seen.insert((pavilion.clone(), email.clone())) {
            continue;
        }
        recipients.push(Recipient {
            pavilion_id: PavilionId::from_trusted(pavilion),
            email: EmailAddress::parse(&email).map_err(|_| invalid("invitations.email"))?,
            name: None,
            locale: Locale::parse("locale", &locale).map_err(|_| invalid("invitations.locale"))?,
        });
    }
    recipients
        .sort_by(|a, b| (a.pavilion_id.as_str(), a.email.as_str()).cmp(&(b.pavilion_id.as_str(), b.email.as_str())));
    Ok(recipients)
}
