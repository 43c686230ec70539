//! Deadline reminders. Each pavilion sets how many days before its profile deadline its
//! reminders go out (`reminder_days`, default 14 and 3). When an offset comes due, every company
//! that has not submitted, or whose profile is not complete, gets one email listing what it is
//! missing and the deadline on the pavilion's clocks, in each person's language; the pavilion's
//! admins get a digest of who was reminded.
//!
//! Exactly once: a round (pavilion, deadline, offset) is a row whose key only one writer can
//! insert, in the same transaction as its mail, so two replicas reaching it at once send it
//! once, and a restart never sends it again. A round whose time passed while no server ran is
//! sent when one comes back, unless the deadline itself passed; when several came due meanwhile,
//! only the latest is sent and the others are recorded as passed over. A new deadline starts
//! its rounds afresh.

use super::context::Context;
use crate::db::reminders::Round;
use crate::db::{self, DbConnection};
use crate::domain::{EmailAddress, ExhibitorFilter, ExhibitorStatus, Locale, PavilionId};
use crate::error::CoreError;
use crate::mail::{NewEmail, Payload, RemindedCompany};
use crate::policy::tenancy::{self, PavilionScope};
use chrono::{DateTime, Duration, Utc};

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    /// Rounds this pass ran (another replica's are not counted).
    pub rounds: usize,
    /// Companies reminded in them.
    pub companies: usize,
}

/// Runs every round that is due and has not run yet. Called by the reminder task of each
/// server process on a timer; safe to call from many at once.
pub fn send_due(ctx: &Context<'_>) -> Result<Pass, CoreError> {
    let now = ctx.now();
    // First, which pavilions have a round due: a read, so that a quiet pass writes nothing.
    let candidates = ctx.read(|conn| {
        let mut due = Vec::new();
        for id in db::reminders::pavilions_with_deadline_ahead(conn, now)? {
            let id = PavilionId::from_trusted(id);
            if let Some((scope, deadline)) = with_deadline(conn, &id, now)?
                && !due_offsets(conn, &scope, deadline, now)?.is_empty()
            {
                due.push(id);
            }
        }
        Ok(due)
    })?;
    let mut pass = Pass::default();
    for id in candidates {
        match send_due_in(ctx, &id) {
            Ok(Some(companies)) => {
                pass.rounds += 1;
                pass.companies += companies;
            }
            Ok(None) => {}
            // Another replica inserted the round first: it sends it.
            Err(CoreError::Conflict(_)) => tracing::debug!(pavilion = %id, "another server sent this round"),
            Err(error) => return Err(error),
        }
    }
    Ok(pass)
}

/// The pavilion and its deadline, while the deadline is ahead.
fn with_deadline(
    conn: &mut DbConnection,
    id: &PavilionId,
    now: DateTime<Utc>,
) -> Result<Option<(PavilionScope, DateTime<Utc>)>, CoreError> {
    let Some(pavilion) = db::pavilions::find_by_id(conn, id)? else { return Ok(None) };
    let Some(deadline) = pavilion.profile_deadline.filter(|deadline| *deadline > now) else { return Ok(None) };
    Ok(Some((tenancy::for_system(pavilion), deadline)))
}

/// The offsets whose time came and whose round has not run, largest first.
fn due_offsets(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    deadline: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<u16>, CoreError> {
    let done = db::reminders::offsets_done(conn, scope, deadline)?;
    Ok(scope
        .pavilion()
        .reminder_days
        .days()
        .iter()
        .copied()
        .filter(|days| deadline - Duration::days(i64::from(*days)) <= now && !done.contains(days))
        .collect())
}

/// The due round of one pavilion, if any: how many companies it reminded.
fn send_due_in(ctx: &Context<'_>, id: &PavilionId) -> Result<Option<usize>, CoreError> {
    let now = ctx.now();
    ctx.transaction_with_mail(|conn| {
        let Some((scope, deadline)) = with_deadline(conn, id, now)? else { return Ok(None) };
        let due = due_offsets(conn, &scope, deadline, now)?;
        let Some((&latest, passed_over)) = due.split_last() else { return Ok(None) };
        for &days in passed_over {
            let round = Round { deadline, offset_days: days, reminded: 0, superseded: true };
            db::reminders::insert_round(conn, &scope, &round, now)?;
        }
        // The key: a second writer fails here, and its whole transaction with it.
        let round = Round { deadline, offset_days: latest, reminded: 0, superseded: false };
        db::reminders::insert_round(conn, &scope, &round, now)?;
        let reminded = remind(conn, ctx, &scope, deadline, latest)?;
        db::reminders::set_reminded(conn, &scope, deadline, latest, reminded as i64)?;
        Ok(Some(reminded))
    })
}

/// Queues one reminder to each person of each company that is not done, and the admins' digest
/// (which also names the companies not done that nobody could be written to). Returns how many
/// companies were reminded.
fn remind(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    scope: &PavilionScope,
    deadline: DateTime<Utc>,
    offset_days: u16,
) -> Result<usize, CoreError> {
    let now = ctx.now();
    let pavilion = scope.pavilion();
    let zone = pavilion.time_zone;
    let (local_deadline, zone_name) = (zone.local(deadline), zone.name().to_owned());
    // Whole days left, rounded up: a deadline 2 days and 3 hours away is "3 days".
    let days_left = ((deadline - now).num_minutes() + 24 * 60 - 1) / (24 * 60);
    let companies = db::exhibitors::list(conn, scope, &ExhibitorFilter::default(), None, i64::MAX)?;
    let ids: Vec<_> = companies.iter().map(|company| &company.id).collect();
    let works = db::exhibitors::work_counts(conn, scope, &ids)?;
    let invited = db::reminders::invited_contacts(conn, scope, now)?;
    let base = format!("{}/workspace/pavilions/{}", ctx.public_url(), scope.slug());
    let mut reminded: Vec<(crate::domain::LocalizedText, RemindedCompany)> = Vec::new();
    for company in &companies {
        let completeness = company.profile.completeness(works.get(&company.id).copied().unwrap_or(0));
        let not_submitted = matches!(company.status, ExhibitorStatus::Draft | ExhibitorStatus::ChangesRequested);
        if !not_submitted && completeness.missing.is_empty() {
            continue;
        }
        let mut people: Vec<(EmailAddress, Option<String>, Locale)> =
            db::exhibitors::users_of(conn, scope, &company.id)?
                .into_iter()
                .map(|(email, name, locale)| (email, Some(name), locale))
                .collect();
        for (_, email, locale) in invited.iter().filter(|(of, _, _)| *of == company.id) {
            if !people.iter().any(|(known, _, _)| known == email) {
                people.push((email.clone(), None, *locale));
            }
        }
        let unreachable = people.is_empty();
        if !unreachable {
            db::reminders::insert_reminder(conn, scope, &company.id, deadline, offset_days, now)?;
        }
        for (recipient, recipient_name, locale) in people {
            let email = NewEmail {
                pavilion_id: Some(scope.id().clone()),
                recipient,
                recipient_name,
                locale,
                payload: Payload::DeadlineReminderV1 {
                    company: company.profile.name.get(locale).unwrap_or_default().to_owned(),
                    deadline: local_deadline.clone(),
                    time_zone: zone_name.clone(),
                    days_left,
                    missing: completeness.missing.iter().map(|item| (*item).to_owned()).collect(),
                    not_submitted,
                    workspace_url: format!("{base}/companies/{}", company.id),
                },
            };
            db::outbox::insert(conn, now, ctx.mail_domain(), &email, None)?;
        }
        let line =
            RemindedCompany { name: String::new(), missing: completeness.missing.len(), not_submitted, unreachable };
        reminded.push((company.profile.name.clone(), line));
    }
    if !reminded.is_empty() {
        for (recipient, name, locale) in db::exhibitors::admins_of(conn, scope)? {
            let companies = reminded
                .iter()
                .map(|(names, line)| RemindedCompany {
                    name: names.get(locale).unwrap_or_default().to_owned(),
                    ..line.clone()
                })
                .collect();
            let email = NewEmail {
                pavilion_id: Some(scope.id().clone()),
                recipient,
                recipient_name: Some(name),
                locale,
                payload: Payload::ReminderDigestV1 {
                    deadline: local_deadline.clone(),
                    time_zone: zone_name.clone(),
                    days_left,
                    companies,
                    companies_url: format!("{base}/companies?view=all"),
                },
            };
            db::outbox::insert(conn, now, ctx.mail_domain(), &email, None)?;
        }
    }
    let reached = reminded.iter().filter(|(_, line)| !line.unreachable).count();
    let summary = format!("{offset_days} days before the deadline: {reached} companies reminded");
    ctx.audit(conn, super::audit::Action::RemindersSent, Some(scope.id()), Some(&summary))?;
    Ok(reached)
}
