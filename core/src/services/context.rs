//! What every write use case runs with: the database, the time, who acts and from where, the
//! deployment's settings (links in emails, mail domain, link lifetimes), and the outbox worker's
//! wake-up. A use case owns its whole effect through it: one transaction, its audit entries, its
//! queued mail and the wake-up once that mail is committed. The JSON routes, the web pages, the
//! command line and scheduled jobs all call the same use case with a context of their own, and
//! leave the same trace.

use super::audit::{self, Action, Entry};
use crate::config::Settings;
use crate::db::{Database, DbConnection};
use crate::domain::{PavilionId, UserId};
use crate::error::CoreError;
use crate::policy::Principal;
use chrono::{DateTime, Utc};
use tokio::sync::Notify;

/// Where a login comes from, kept on the session for the owner to review.
#[derive(Debug, Default, Clone)]
pub struct ClientInfo {
    pub user_agent: Option<String>,
    pub ip: Option<String>,
}

pub struct Context<'a> {
    db: &'a Database,
    settings: &'a Settings,
    now: DateTime<Utc>,
    caller: Option<&'a Principal>,
    client: &'a ClientInfo,
    mail_wake: &'a Notify,
}

impl<'a> Context<'a> {
    pub fn new(
        db: &'a Database,
        settings: &'a Settings,
        now: DateTime<Utc>,
        caller: Option<&'a Principal>,
        client: &'a ClientInfo,
        mail_wake: &'a Notify,
    ) -> Self {
        Self { db, settings, now, caller, client, mail_wake }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn settings(&self) -> &Settings {
        self.settings
    }

    /// The signed-in caller; a use case that needs one and has none is `Unauthenticated`.
    pub fn caller(&self) -> Result<&'a Principal, CoreError> {
        self.caller.ok_or(CoreError::Unauthenticated)
    }

    pub fn client(&self) -> &ClientInfo {
        self.client
    }

    /// The base of every link in an email, without a trailing slash.
    pub(crate) fn public_url(&self) -> &str {
        self.settings.public_url.trim_end_matches('/')
    }

    /// The domain of Message-IDs.
    pub(crate) fn mail_domain(&self) -> &str {
        self.settings.mail_domain()
    }

    /// Runs `work` on a connection without a transaction: reads that decide whether there is
    /// anything to write (on SQLite a write transaction would hold the database's one lock).
    pub(crate) fn read<T>(&self, work: impl FnOnce(&mut DbConnection) -> Result<T, CoreError>) -> Result<T, CoreError> {
        self.db.run(work)
    }

    /// Runs `work` in one transaction: all of it is written, or none of it.
    pub(crate) fn transaction<T>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        self.db.transaction(work)
    }

    /// Runs `work` in one transaction that queues mail, and wakes the outbox worker once it is
    /// committed (never before: the worker must find the rows).
    pub(crate) fn transaction_with_mail<T>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, CoreError>,
    ) -> Result<T, CoreError> {
        let value = self.db.transaction(work)?;
        self.mail_wake.notify_one();
        Ok(value)
    }

    /// Appends to the audit log, inside the use case's transaction: the caller is the actor, the
    /// client address is recorded.
    pub(crate) fn audit(
        &self,
        conn: &mut DbConnection,
        action: Action,
        pavilion: Option<&PavilionId>,
        target: Option<&str>,
    ) -> Result<(), CoreError> {
        self.audit_by(conn, self.caller.map(|caller| &caller.user_id), action, pavilion, target)
    }

    /// As [`Self::audit`], for an actor who is not (yet) the caller: a login, an accepted
    /// invitation, a completed reset.
    pub(crate) fn audit_by(
        &self,
        conn: &mut DbConnection,
        actor: Option<&UserId>,
        action: Action,
        pavilion: Option<&PavilionId>,
        target: Option<&str>,
    ) -> Result<(), CoreError> {
        let entry = Entry { action, pavilion_id: pavilion, actor_id: actor, target, ip: self.client.ip.as_deref() };
        audit::record(conn, self.now, entry)
    }
}
