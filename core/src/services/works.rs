//! The catalogue of works of one company. Editors of the company work on the working copy; the
//! public reads the works of the last approved version.

use super::context::Context;
use super::exhibitors::{self, check_version, load_for_edit};
use super::{Cursor, Page};
use crate::db::{self, DbConnection};
use crate::domain::{Exhibitor, ExhibitorId, UploadKey, Work, WorkDetails, WorkId};
use crate::error::CoreError;
use crate::policy::Principal;
use crate::policy::tenancy::{CompanyAccess, CompanyScope, PavilionScope};
use crate::storage::UploadTarget;
use chrono::{DateTime, Utc};

/// A work as a caller sees it: the working copy (with its version, for `If-Match`) or the
/// published copy.
#[derive(Debug, Clone)]
pub enum WorkView {
    Draft(Work),
    Published(crate::domain::PublishedWork),
}

impl WorkView {
    pub fn id(&self) -> &WorkId {
        match self {
            WorkView::Draft(work) => &work.id,
            WorkView::Published(work) => &work.id,
        }
    }
}

/// A page of a company's works: editors see the working catalogue; everyone else the published
/// one (404 if the company was never published).
pub fn list(
    conn: &mut DbConnection,
    caller: Option<&Principal>,
    slug: &str,
    exhibitor: &ExhibitorId,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Page<WorkView>, CoreError> {
    let after = cursor.map(Cursor::decode).transpose()?;
    let after = after.as_ref().map(Cursor::key);
    let items = match super::pavilions::company_access(conn, caller, slug, exhibitor)? {
        CompanyAccess::Edit(company) => {
            let scope = company.pavilion();
            db::exhibitors::find(conn, scope, exhibitor)?.ok_or(CoreError::NotFound("exhibitor"))?;
            db::exhibitors::list_works(conn, scope, exhibitor, after, Some(limit + 1))?
                .into_iter()
                .map(WorkView::Draft)
                .collect()
        }
        CompanyAccess::Read(scope) => {
            exhibitors::published(conn, &scope, exhibitor)?;
            db::published::works_of(conn, &scope, exhibitor, after, Some(limit + 1))?
                .into_iter()
                .map(WorkView::Published)
                .collect()
        }
    };
    Ok(Page::from_overfetch(items, limit, |view| view.id().as_str()))
}

pub fn get(
    conn: &mut DbConnection,
    caller: Option<&Principal>,
    slug: &str,
    exhibitor: &ExhibitorId,
    id: &WorkId,
) -> Result<WorkView, CoreError> {
    match super::pavilions::company_access(conn, caller, slug, exhibitor)? {
        CompanyAccess::Edit(company) => db::exhibitors::find_work(conn, company.pavilion(), exhibitor, id)?
            .map(WorkView::Draft)
            .ok_or(CoreError::NotFound("work")),
        CompanyAccess::Read(scope) => {
            exhibitors::published(conn, &scope, exhibitor)?;
            db::published::work(conn, &scope, exhibitor, id)?
                .map(WorkView::Published)
                .ok_or(CoreError::NotFound("work"))
        }
    }
}

pub fn create(ctx: &Context<'_>, slug: &str, exhibitor: &ExhibitorId, details: WorkDetails) -> Result<Work, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        let (company, mut exhibitor) = load_for_edit(conn, caller, slug, exhibitor)?;
        let scope = company.pavilion();
        exhibitors::check_not_locked(&company, &exhibitor, now)?;
        if db::exhibitors::count_works(conn, scope, &exhibitor.id)? >= MAX_WORKS {
            return Err(CoreError::Conflict(format!("a catalogue holds at most {MAX_WORKS} works")));
        }
        let work = Work {
            id: WorkId::generate(),
            pavilion_id: scope.id().clone(),
            exhibitor_id: exhibitor.id.clone(),
            details,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        db::exhibitors::insert_work(conn, &work)?;
        exhibitors::works_changed(conn, scope, &mut exhibitor, now)?;
        Ok(work)
    })
}

/// The company and one of its works, for an editor of that company who is not locked out.
fn load_work_for_edit(
    conn: &mut DbConnection,
    caller: &Principal,
    now: DateTime<Utc>,
    slug: &str,
    exhibitor: &ExhibitorId,
    id: &WorkId,
) -> Result<(CompanyScope, Exhibitor, Work), CoreError> {
    let (company, exhibitor) = load_for_edit(conn, caller, slug, exhibitor)?;
    exhibitors::check_not_locked(&company, &exhibitor, now)?;
    let work =
        db::exhibitors::find_work(conn, company.pavilion(), &exhibitor.id, id)?.ok_or(CoreError::NotFound("work"))?;
    Ok((company, exhibitor, work))
}

/// The most works one company may list; a catalogue, not an archive.
pub const MAX_WORKS: usize = 500;

/// Edits a work (guarded by `If-Match`): `edit` gets the work as stored and returns it changed,
/// inside the transaction. The poster changes only through its upload; an edit may only remove it.
pub fn update(
    ctx: &Context<'_>,
    slug: &str,
    exhibitor: &ExhibitorId,
    id: &WorkId,
    if_match: Option<i64>,
    edit: impl FnOnce(&WorkDetails) -> Result<WorkDetails, CoreError>,
) -> Result<(Work, Vec<String>), CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        let (company, mut exhibitor, mut work) = load_work_for_edit(conn, caller, now, slug, exhibitor, id)?;
        let scope = company.pavilion();
        check_version("work", work.version, if_match)?;
        let details = edit(&work.details)?;
        if details.poster.is_some() && details.poster != work.details.poster {
            return Err(CoreError::invalid("poster", "read_only", "upload a poster to …/poster instead"));
        }
        let mut released = Vec::new();
        if details != work.details {
            let cleared = work.details.poster.clone().filter(|_| details.poster.is_none()).map(UploadKey::into_string);
            work.details = details;
            save(conn, scope, &mut exhibitor, &mut work, now)?;
            // A poster cleared by the patch goes, unless the published copy still shows it.
            released = super::uploads::unreferenced(conn, scope, &exhibitor.id, cleared)?;
        }
        Ok((work, released))
    })
}

/// Writes a changed work if nobody wrote it since it was read (412 otherwise), and lets the
/// company follow (completeness, review state).
fn save(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &mut Exhibitor,
    work: &mut Work,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    work.updated_at = now;
    if !db::exhibitors::update_work(conn, work, work.version)? {
        return Err(CoreError::PreconditionFailed("work"));
    }
    work.version += 1;
    exhibitors::works_changed(conn, scope, exhibitor, now)
}

pub fn delete(
    ctx: &Context<'_>,
    slug: &str,
    exhibitor: &ExhibitorId,
    id: &WorkId,
    if_match: Option<i64>,
) -> Result<Vec<String>, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        let (company, mut exhibitor, work) = load_work_for_edit(conn, caller, now, slug, exhibitor, id)?;
        let scope = company.pavilion();
        check_version("work", work.version, if_match)?;
        if !db::exhibitors::delete_work(conn, scope, &exhibitor.id, &work.id, Some(work.version))? {
            return Err(CoreError::PreconditionFailed("work"));
        }
        exhibitors::works_changed(conn, scope, &mut exhibitor, now)?;
        // Its poster, unless the published copy still shows it (then the next approval lets it go).
        super::uploads::unreferenced(conn, scope, &exhibitor.id, work.details.poster.map(UploadKey::into_string))
    })
}

/// Checks that the caller may replace a work's poster now, before the upload is read and
/// stored; says where it will be stored.
pub fn prepare_poster(
    conn: &mut DbConnection,
    caller: &Principal,
    now: DateTime<Utc>,
    slug: &str,
    exhibitor: &ExhibitorId,
    id: &WorkId,
) -> Result<UploadTarget, CoreError> {
    let (company, _, work) = load_work_for_edit(conn, caller, now, slug, exhibitor, id)?;
    let folder = super::uploads::company_folder(&company);
    Ok(UploadTarget::new(folder, &format!("works/{}", work.id), "poster"))
}

/// Points a work at an uploaded poster (stored under a key from [`prepare_poster`]). Also
/// returns the poster it replaced when nothing points at that file any more, for the caller to
/// delete.
pub fn set_poster(
    ctx: &Context<'_>,
    slug: &str,
    exhibitor: &ExhibitorId,
    id: &WorkId,
    key: String,
) -> Result<(Work, Vec<String>), CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        let (company, mut exhibitor, mut work) = load_work_for_edit(conn, caller, now, slug, exhibitor, id)?;
        let scope = company.pavilion();
        let replaced = work.details.poster.replace(UploadKey::new(key)).map(UploadKey::into_string);
        save(conn, scope, &mut exhibitor, &mut work, now)?;
        let released = super::uploads::unreferenced(conn, scope, &exhibitor.id, replaced)?;
        Ok((work, released))
    })
}

/// The storage key of the poster the caller sees (working or published copy).
pub fn poster_key(
    conn: &mut DbConnection,
    caller: Option<&Principal>,
    slug: &str,
    exhibitor: &ExhibitorId,
    id: &WorkId,
) -> Result<String, CoreError> {
    let poster = match get(conn, caller, slug, exhibitor, id)? {
        WorkView::Draft(work) => work.details.poster,
        WorkView::Published(work) => work.details.poster,
    };
    poster.map(UploadKey::into_string).ok_or(CoreError::NotFound("poster"))
}
