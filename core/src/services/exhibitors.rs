//! Exhibitor companies: created by their pavilion, kept up to date by their own accounts,
//! reviewed and published by the pavilion. The public reads only the published copy.

use super::audit::Action;
use super::context::Context;
use super::invitations::{self, InviteCommand};
use super::{Cursor, Page};
use crate::db::{self, DbConnection};
use crate::domain::{
    Completeness, EmailAddress, Exhibitor, ExhibitorFilter, ExhibitorId, ExhibitorProfile, ExhibitorStatus, Invitation,
    Locale, Pavilion, Role, Slug, UploadKey, clean_text,
};
use crate::error::CoreError;
use crate::mail::{NewEmail, Payload};
use crate::policy::tenancy::{self, CompanyAccess, CompanyScope, Need, PavilionScope};
use crate::policy::{CompanyEditor, Principal};
use crate::storage::UploadTarget;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Where a company's public page is: the link in the approval email.
fn company_url(ctx: &Context<'_>, slug: &Slug, id: &ExhibitorId) -> String {
    format!("{}/pavilions/{slug}/exhibitors/{id}", ctx.public_url())
}

/// Where the company's workspace is (its review, its editors): the link in the emails that ask
/// someone to act. Without a language, it answers in the reader's (or asks them to sign in).
fn workspace_url(ctx: &Context<'_>, slug: &Slug, id: &ExhibitorId) -> String {
    format!("{}/workspace/pavilions/{slug}/companies/{id}", ctx.public_url())
}

/// The person invited as a new company's first account.
#[derive(Debug, Clone)]
pub struct FirstContact {
    pub email: EmailAddress,
    /// The invitation's language; `en` when not given.
    pub locale: Option<Locale>,
}

/// A company's working copy, as its editors see it.
#[derive(Debug, Clone)]
pub struct CompanyDraft {
    pub exhibitor: Exhibitor,
    pub pavilion: Slug,
    pub completeness: Completeness,
    /// Whether the company's own accounts are locked out by the deadline right now.
    pub edits_locked: bool,
    /// Top-level profile fields (and `works`) that differ from the published copy; empty when
    /// nothing changed or nothing was ever published.
    pub changed_since_published: Vec<String>,
}

/// A company as the public sees it: the last approved copy, private contacts removed.
#[derive(Debug, Clone)]
pub struct CompanyPublic {
    pub id: ExhibitorId,
    pub pavilion: Slug,
    pub profile: ExhibitorProfile,
    pub published_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub enum CompanyView {
    Draft(CompanyDraft),
    Published(CompanyPublic),
}

/// Whether the deadline keeps this company's own accounts from editing.
fn locked_for_company(pavilion: &Pavilion, exhibitor: &Exhibitor, now: DateTime<Utc>) -> bool {
    pavilion.profile_deadline.is_some_and(|deadline| now >= deadline) && !exhibitor.edits_unlocked
}

/// Refuses an edit by the company itself after the deadline (admins are never locked out).
pub(crate) fn check_not_locked(
    company: &CompanyScope,
    exhibitor: &Exhibitor,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    if company.editor() == CompanyEditor::Company && locked_for_company(company.pavilion().pavilion(), exhibitor, now) {
        Err(CoreError::Locked(
            "the pavilion's deadline for profiles has passed; ask its admins to unlock your company".into(),
        ))
    } else {
        Ok(())
    }
}

/// An editor's hold on a company, and the company.
pub(crate) fn load_for_edit(
    conn: &mut DbConnection,
    caller: &Principal,
    slug: &str,
    id: &ExhibitorId,
) -> Result<(CompanyScope, Exhibitor), CoreError> {
    let company = super::pavilions::company_scope(conn, caller, slug, id)?;
    let exhibitor = find(conn, company.pavilion(), id)?;
    Ok((company, exhibitor))
}

/// A company of this pavilion, or not found.
fn find(conn: &mut DbConnection, scope: &PavilionScope, id: &ExhibitorId) -> Result<Exhibitor, CoreError> {
    db::exhibitors::find(conn, scope, id)?.ok_or(CoreError::NotFound("exhibitor"))
}

/// Checks `If-Match` against the stored version.
pub(crate) fn check_version(what: &'static str, stored: i64, expected: Option<i64>) -> Result<(), CoreError> {
    match expected {
        Some(expected) if expected != stored => Err(CoreError::PreconditionFailed(what)),
        _ => Ok(()),
    }
}

/// A new company (its pavilion's admins, the organiser). With a contact address, that person is
/// invited as the company's first account in the same transaction.
pub fn create(
    ctx: &Context<'_>,
    slug: &str,
    profile: ExhibitorProfile,
    contact: Option<FirstContact>,
) -> Result<(CompanyDraft, Option<Invitation>), CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction_with_mail(|conn| {
        let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
        let (exhibitor, invitation) = add(conn, ctx, &scope, profile, contact, now)?;
        let draft = CompanyDraft {
            edits_locked: locked_for_company(scope.pavilion(), &exhibitor, now),
            completeness: exhibitor.profile.completeness(0),
            exhibitor,
            pavilion: scope.slug().clone(),
            changed_since_published: Vec::new(),
        };
        Ok((draft, invitation))
    })
}

/// Adds a company to a pavilion inside the caller's transaction (creating one, importing a
/// list), audited, its contact invited when given.
pub(crate) fn add(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    scope: &PavilionScope,
    profile: ExhibitorProfile,
    contact: Option<FirstContact>,
    now: DateTime<Utc>,
) -> Result<(Exhibitor, Option<Invitation>), CoreError> {
    let exhibitor = Exhibitor {
        id: ExhibitorId::generate(),
        pavilion_id: scope.id().clone(),
        completeness: profile.completeness(0).score,
        profile,
        status: ExhibitorStatus::Draft,
        version: 1,
        review_comment: None,
        edits_unlocked: false,
        submitted_at: None,
        published_at: None,
        created_at: now,
        updated_at: now,
    };
    db::exhibitors::insert(conn, &exhibitor)?;
    ctx.audit(conn, Action::ExhibitorCreated, Some(scope.id()), Some(exhibitor.id.as_str()))?;
    let invitation = contact
        .map(|FirstContact { email, locale }| {
            let command =
                InviteCommand { email, role: Role::Exhibitor, exhibitor_id: Some(exhibitor.id.clone()), locale };
            invitations::invite_in(conn, ctx, scope, command)
        })
        .transpose()?;
    Ok((exhibitor, invitation))
}

fn draft_view(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: Exhibitor,
    now: DateTime<Utc>,
) -> Result<CompanyDraft, CoreError> {
    let works = db::exhibitors::list_works(conn, scope, &exhibitor.id, None, None)?;
    let mut changed = Vec::new();
    if let Some((published, _)) = db::published::profile(conn, scope, &exhibitor.id)? {
        changed = exhibitor.profile.changed_fields(&published);
        let published_works = db::published::works_of(conn, scope, &exhibitor.id, None, None)?;
        let now_works: HashMap<&str, _> = works.iter().map(|w| (w.id.as_str(), &w.details)).collect();
        let then_works: HashMap<&str, _> = published_works.iter().map(|w| (w.id.as_str(), &w.details)).collect();
        if now_works != then_works {
            changed.push("works".to_owned());
        }
    }
    Ok(CompanyDraft {
        completeness: exhibitor.profile.completeness(works.len()),
        edits_locked: locked_for_company(scope.pavilion(), &exhibitor, now),
        exhibitor,
        pavilion: scope.slug().clone(),
        changed_since_published: changed,
    })
}

/// One company: its editors get the working copy; everyone else the published copy, or 404 if
/// it was never approved (or its pavilion is not public).
pub fn get(
    conn: &mut DbConnection,
    caller: Option<&Principal>,
    now: DateTime<Utc>,
    slug: &str,
    id: &ExhibitorId,
) -> Result<CompanyView, CoreError> {
    match super::pavilions::company_access(conn, caller, slug, id)? {
        CompanyAccess::Edit(company) => {
            let exhibitor = find(conn, company.pavilion(), id)?;
            Ok(CompanyView::Draft(draft_view(conn, company.pavilion(), exhibitor, now)?))
        }
        CompanyAccess::Read(scope) => published(conn, &scope, id).map(CompanyView::Published),
    }
}

/// The published copy of a company, for a reader of its pavilion.
pub(crate) fn published(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    id: &ExhibitorId,
) -> Result<CompanyPublic, CoreError> {
    if scope.pavilion().status != crate::domain::PavilionStatus::Active {
        // Only editors read companies of a pavilion that is not public, through their draft.
        return Err(CoreError::NotFound("exhibitor"));
    }
    let (profile, published_at) = db::published::profile(conn, scope, id)?.ok_or(CoreError::NotFound("exhibitor"))?;
    Ok(CompanyPublic { id: id.clone(), pavilion: scope.slug().clone(), profile: profile.public_view(), published_at })
}

/// A page of a pavilion's companies: every company, with review state and completeness, for
/// its admins and the organiser (filterable); the published ones for everyone else.
pub fn list(
    conn: &mut DbConnection,
    caller: Option<&Principal>,
    now: DateTime<Utc>,
    slug: &str,
    filter: &ExhibitorFilter,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Page<CompanyView>, CoreError> {
    let scope = super::pavilions::scope(conn, caller, slug, Need::View)?;
    let after = cursor.map(Cursor::decode).transpose()?;
    let after = after.as_ref().map(Cursor::key);
    // Its managers see every company; everyone else what is published.
    let managed =
        caller.and_then(|caller| tenancy::authorize(Some(caller), scope.pavilion().clone(), Need::Manage).ok());
    let items = if let Some(scope) = managed {
        let exhibitors = db::exhibitors::list(conn, &scope, filter, after, limit + 1)?;
        let ids: Vec<&ExhibitorId> = exhibitors.iter().map(|e| &e.id).collect();
        let counts = db::exhibitors::work_counts(conn, &scope, &ids)?;
        exhibitors
            .into_iter()
            .map(|exhibitor| {
                let works = counts.get(&exhibitor.id).copied().unwrap_or(0);
                CompanyView::Draft(CompanyDraft {
                    completeness: exhibitor.profile.completeness(works),
                    edits_locked: locked_for_company(scope.pavilion(), &exhibitor, now),
                    exhibitor,
                    pavilion: scope.slug().clone(),
                    // Worked out per company on its own page; too costly for a whole list.
                    changed_since_published: Vec::new(),
                })
            })
            .collect()
    } else {
        let slug = scope.slug().clone();
        let search = db::published::ExhibitorSearch { pavilion: Some(scope), ..Default::default() };
        db::published::search_exhibitors(conn, &search, after, limit + 1)?
            .into_iter()
            .map(|company| {
                CompanyView::Published(CompanyPublic {
                    id: company.id,
                    pavilion: slug.clone(),
                    profile: company.profile.public_view(),
                    published_at: company.published_at,
                })
            })
            .collect()
    };
    Ok(Page::from_overfetch(items, limit, |view| match view {
        CompanyView::Draft(draft) => draft.exhibitor.id.as_str(),
        CompanyView::Published(public) => public.id.as_str(),
    }))
}

/// Edits the working copy: `edit` gets the profile as stored and returns it changed (a JSON merge
/// patch applied to it, a form's fields), inside the transaction, so nothing written in between
/// is lost. See [`record_edit`] for what an edit does to the review state. The logo changes only
/// through its upload; an edit may only remove it.
pub fn update(
    ctx: &Context<'_>,
    slug: &str,
    id: &ExhibitorId,
    if_match: Option<i64>,
    edit: impl FnOnce(&ExhibitorProfile) -> Result<ExhibitorProfile, CoreError>,
) -> Result<(CompanyDraft, Vec<String>), CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        let (company, mut exhibitor) = load_for_edit(conn, caller, slug, id)?;
        let scope = company.pavilion();
        check_not_locked(&company, &exhibitor, now)?;
        check_version("exhibitor", exhibitor.version, if_match)?;
        let profile = edit(&exhibitor.profile)?;
        if profile.logo.is_some() && profile.logo != exhibitor.profile.logo {
            return Err(CoreError::invalid("logo", "read_only", "upload a logo to …/logo instead"));
        }
        let mut released = Vec::new();
        if profile != exhibitor.profile {
            let cleared = exhibitor.profile.logo.clone().filter(|_| profile.logo.is_none()).map(UploadKey::into_string);
            exhibitor.profile = profile;
            record_edit(conn, scope, &mut exhibitor, now)?;
            // A logo cleared by the patch goes, unless the published copy still shows it.
            released = super::uploads::unreferenced(conn, scope, &exhibitor.id, cleared)?;
        }
        Ok((draft_view(conn, scope, exhibitor, now)?, released))
    })
}

/// Saves an edited company. Its completeness is worked out again, and an edit withdraws it
/// from review: an approved company goes back to draft (the public keeps the approved copy
/// until the next approval), and a submitted one too, so the pavilion never approves content
/// it has not seen; the company submits again.
pub(crate) fn record_edit(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &mut Exhibitor,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let works = db::exhibitors::count_works(conn, scope, &exhibitor.id)?;
    exhibitor.completeness = exhibitor.profile.completeness(works).score;
    if matches!(exhibitor.status, ExhibitorStatus::Approved | ExhibitorStatus::Submitted) {
        exhibitor.status = ExhibitorStatus::Draft;
    }
    exhibitor.updated_at = now;
    save(conn, exhibitor)
}

/// Writes the company if nobody wrote since it was read, and moves its version on.
fn save(conn: &mut DbConnection, exhibitor: &mut Exhibitor) -> Result<(), CoreError> {
    if !db::exhibitors::update(conn, exhibitor, exhibitor.version)? {
        return Err(CoreError::PreconditionFailed("exhibitor"));
    }
    exhibitor.version += 1;
    Ok(())
}

/// After a work was added, changed or removed: the company is an edited company too, but its
/// row (and so its ETag) is written only when its completeness or review state changes.
pub(crate) fn works_changed(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &mut Exhibitor,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let works = db::exhibitors::count_works(conn, scope, &exhibitor.id)?;
    let in_review = matches!(exhibitor.status, ExhibitorStatus::Approved | ExhibitorStatus::Submitted);
    if exhibitor.profile.completeness(works).score != exhibitor.completeness || in_review {
        record_edit(conn, scope, exhibitor, now)?;
    }
    Ok(())
}

/// The company sends its profile for review; the pavilion's admins are told by email.
pub fn submit(ctx: &Context<'_>, slug: &str, id: &ExhibitorId) -> Result<CompanyDraft, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction_with_mail(|conn| {
        let (company, mut exhibitor) = load_for_edit(conn, caller, slug, id)?;
        let scope = company.pavilion();
        check_not_locked(&company, &exhibitor, now)?;
        match exhibitor.status {
            ExhibitorStatus::Draft | ExhibitorStatus::ChangesRequested => {}
            ExhibitorStatus::Submitted => {
                return Err(CoreError::Conflict("this profile is already waiting for review".into()));
            }
            ExhibitorStatus::Approved => {
                return Err(CoreError::Conflict("nothing changed since the last approval".into()));
            }
        }
        exhibitor.status = ExhibitorStatus::Submitted;
        exhibitor.submitted_at = Some(now);
        exhibitor.updated_at = now;
        save(conn, &mut exhibitor)?;
        let submitter = db::users::find_by_id(conn, &caller.user_id)?.ok_or(CoreError::Unauthenticated)?;
        let review_url = workspace_url(ctx, scope.slug(), &exhibitor.id);
        let admins = db::exhibitors::admins_of(conn, scope)?;
        notify(conn, ctx, scope, admins, |locale| Payload::ExhibitorSubmittedV1 {
            company: company_name(&exhibitor.profile, locale),
            submitted_by: submitter.name.clone(),
            review_url: review_url.clone(),
        })?;
        ctx.audit(conn, Action::ExhibitorSubmitted, Some(scope.id()), Some(exhibitor.id.as_str()))?;
        draft_view(conn, scope, exhibitor, now)
    })
}

/// Approves a submitted company: its working copy and works become the published copy, the
/// deadline exception ends, and the company's accounts are told by email. With `if_match`, only
/// the version the reviewer read is approved.
pub fn approve(
    ctx: &Context<'_>,
    slug: &str,
    id: &ExhibitorId,
    if_match: Option<i64>,
) -> Result<(CompanyDraft, Vec<String>), CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction_with_mail(|conn| {
        let (scope, mut exhibitor) = load_for_review(conn, caller, slug, id)?;
        // The version the reviewer read: anything written since (a resubmission) is not approved.
        check_version("exhibitor", exhibitor.version, if_match)?;
        let works = db::exhibitors::list_works(conn, &scope, &exhibitor.id, None, None)?;
        let previously_published = super::uploads::published_keys(conn, &scope, &exhibitor.id)?;
        db::published::publish(conn, &scope, &exhibitor.id, &exhibitor.profile, &works, now)?;
        // Files the old published copy showed and that the new one replaced, for the caller to delete.
        let released = super::uploads::unreferenced(conn, &scope, &exhibitor.id, previously_published)?;
        exhibitor.status = ExhibitorStatus::Approved;
        exhibitor.published_at = Some(now);
        exhibitor.review_comment = None;
        exhibitor.edits_unlocked = false;
        exhibitor.updated_at = now;
        save(conn, &mut exhibitor)?;
        let profile_url = company_url(ctx, scope.slug(), &exhibitor.id);
        let accounts = db::exhibitors::users_of(conn, &scope, &exhibitor.id)?;
        notify(conn, ctx, &scope, accounts, |locale| Payload::ExhibitorApprovedV1 {
            company: company_name(&exhibitor.profile, locale),
            profile_url: profile_url.clone(),
        })?;
        ctx.audit(conn, Action::ExhibitorApproved, Some(scope.id()), Some(exhibitor.id.as_str()))?;
        Ok((draft_view(conn, &scope, exhibitor, now)?, released))
    })
}

/// Sends a submitted company back with a comment, by email to its accounts.
pub fn request_changes(
    ctx: &Context<'_>,
    slug: &str,
    id: &ExhibitorId,
    comment: &str,
) -> Result<CompanyDraft, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    let comment = clean_text("comment", comment, 4000)?;
    if comment.is_empty() {
        return Err(CoreError::invalid("comment", "required", "say what should change"));
    }
    ctx.transaction_with_mail(|conn| {
        let (scope, mut exhibitor) = load_for_review(conn, caller, slug, id)?;
        exhibitor.status = ExhibitorStatus::ChangesRequested;
        exhibitor.review_comment = Some(comment.clone());
        exhibitor.updated_at = now;
        save(conn, &mut exhibitor)?;
        let edit_url = workspace_url(ctx, scope.slug(), &exhibitor.id);
        let accounts = db::exhibitors::users_of(conn, &scope, &exhibitor.id)?;
        notify(conn, ctx, &scope, accounts, |locale| Payload::ChangesRequestedV1 {
            company: company_name(&exhibitor.profile, locale),
            comment: comment.clone(),
            edit_url: edit_url.clone(),
        })?;
        ctx.audit(conn, Action::ExhibitorChangesRequested, Some(scope.id()), Some(exhibitor.id.as_str()))?;
        draft_view(conn, &scope, exhibitor, now)
    })
}

/// Checks that the caller may replace the company's logo now, before the upload is read and
/// stored; says where it will be stored.
pub fn prepare_logo(
    conn: &mut DbConnection,
    caller: &Principal,
    now: DateTime<Utc>,
    slug: &str,
    id: &ExhibitorId,
) -> Result<UploadTarget, CoreError> {
    let (company, exhibitor) = load_for_edit(conn, caller, slug, id)?;
    check_not_locked(&company, &exhibitor, now)?;
    Ok(UploadTarget::new(super::uploads::company_folder(&company), "", "logo"))
}

/// Points the working copy at an uploaded logo (stored under a key from [`prepare_logo`]).
/// Also returns the logo it replaced if nothing points at that file any more (it was never
/// published), for the caller to delete.
pub fn set_logo(
    ctx: &Context<'_>,
    slug: &str,
    id: &ExhibitorId,
    key: String,
) -> Result<(CompanyDraft, Vec<String>), CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        let (company, mut exhibitor) = load_for_edit(conn, caller, slug, id)?;
        let scope = company.pavilion();
        check_not_locked(&company, &exhibitor, now)?;
        let replaced = exhibitor.profile.logo.replace(UploadKey::new(key)).map(UploadKey::into_string);
        record_edit(conn, scope, &mut exhibitor, now)?;
        let released = super::uploads::unreferenced(conn, scope, &exhibitor.id, replaced)?;
        Ok((draft_view(conn, scope, exhibitor, now)?, released))
    })
}

/// The storage key of the logo the caller sees: the working copy's for its editors, the
/// published one for everyone else.
pub fn logo_key(
    conn: &mut DbConnection,
    caller: Option<&Principal>,
    slug: &str,
    id: &ExhibitorId,
) -> Result<String, CoreError> {
    // Only the profile is needed: not the works and published copies a full read compares.
    let logo = match super::pavilions::company_access(conn, caller, slug, id)? {
        CompanyAccess::Edit(company) => find(conn, company.pavilion(), id)?.profile.logo,
        CompanyAccess::Read(scope) => published(conn, &scope, id)?.profile.logo,
    };
    logo.map(UploadKey::into_string).ok_or(CoreError::NotFound("logo"))
}

/// The last approved copy of a company (private contacts included) and how many works it
/// published, for the company's editors: what a review compares the working copy with. `None`
/// when nothing was ever approved.
pub fn published_copy(
    conn: &mut DbConnection,
    caller: &Principal,
    slug: &str,
    id: &ExhibitorId,
) -> Result<Option<(ExhibitorProfile, usize)>, CoreError> {
    let company = super::pavilions::company_scope(conn, caller, slug, id)?;
    let scope = company.pavilion();
    let Some((profile, _)) = db::published::profile(conn, scope, id)? else { return Ok(None) };
    let works = db::published::works_of(conn, scope, id, None, None)?.len();
    Ok(Some((profile, works)))
}

/// Lets a company edit after the deadline, until its next approval.
pub fn unlock(ctx: &Context<'_>, slug: &str, id: &ExhibitorId) -> Result<CompanyDraft, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
        let mut exhibitor = find(conn, &scope, id)?;
        if !exhibitor.edits_unlocked {
            exhibitor.edits_unlocked = true;
            exhibitor.updated_at = now;
            save(conn, &mut exhibitor)?;
        }
        ctx.audit(conn, Action::ExhibitorUnlocked, Some(scope.id()), Some(exhibitor.id.as_str()))?;
        draft_view(conn, &scope, exhibitor, now)
    })
}

/// Review decisions are the pavilion's, and only on a submitted profile.
fn load_for_review(
    conn: &mut DbConnection,
    caller: &Principal,
    slug: &str,
    id: &ExhibitorId,
) -> Result<(PavilionScope, Exhibitor), CoreError> {
    let company = super::pavilions::company_scope(conn, caller, slug, id)?;
    if company.editor() != CompanyEditor::Pavilion {
        return Err(CoreError::Forbidden);
    }
    let scope = company.pavilion().clone();
    let exhibitor = find(conn, &scope, id)?;
    if exhibitor.status != ExhibitorStatus::Submitted {
        return Err(CoreError::Conflict(format!(
            "only a submitted profile can be reviewed; this one is {}",
            exhibitor.status.as_str().replace('_', " ")
        )));
    }
    Ok((scope, exhibitor))
}

fn company_name(profile: &ExhibitorProfile, locale: Locale) -> String {
    profile.name.get(locale).unwrap_or_default().to_owned()
}

/// Queues one message per recipient, each in the recipient's language, in the caller's
/// transaction.
fn notify(
    conn: &mut DbConnection,
    ctx: &Context<'_>,
    scope: &PavilionScope,
    recipients: Vec<(EmailAddress, String, Locale)>,
    payload: impl Fn(Locale) -> Payload,
) -> Result<(), CoreError> {
    for (recipient, name, locale) in recipients {
        let email = NewEmail {
            pavilion_id: Some(scope.id().clone()),
            recipient,
            recipient_name: Some(name),
            locale,
            payload: payload(locale),
        };
        db::outbox::insert(conn, ctx.now(), ctx.mail_domain(), &email, None)?;
    }
    Ok(())
}
