//! The catalogue of works of one company. Editors of the company work on the working copy; the
//! public reads the works of the last approved version.

use super::context::Context;
use super::exhibitors::{self, check_version, load_for_edit};
use super::{Cursor, Page};
use crate::db::{self, DbConnection};
use crate::domain::{Exhibitor, ExhibitorId, Pavilion, Work, WorkDetails, WorkId};
use crate::error::CoreError;
use crate::policy::{self, Principal};
use crate::storage::UploadTarget;
use chrono::{DateTime, Utc};
use serde_json::Value;

/// A work as a caller sees it: the working copy (with its version, for `If-Match`) or the
/// published copy.
#[derive(Debug, Clone)]
pub enum WorkView {
    Draft(Work),
    Published(db::published::PublishedWork),
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
    let pavilion = super::pavilions::find(conn, slug)?;
    let after = cursor.map(Cursor::decode).transpose()?;
    let after = after.as_ref().map(Cursor::key);
    let items = if policy::can_edit_company(caller, &pavilion, exhibitor) {
        db::exhibitors::find(conn, &pavilion.id, exhibitor)?.ok_or(CoreError::NotFound("exhibitor"))?;
        db::exhibitors::list_works(conn, &pavilion.id, exhibitor, after, Some(limit + 1))?
            .into_iter()
            .map(WorkView::Draft)
            .collect()
    } else {
        exhibitors::published(conn, caller, &pavilion, exhibitor)?;
        db::published::works_of(conn, &pavilion.id, exhibitor, after, Some(limit + 1))?
            .into_iter()
            .map(WorkView::Published)
            .collect()
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
    let pavilion = super::pavilions::find(conn, slug)?;
    if policy::can_edit_company(caller, &pavilion, exhibitor) {
        return db::exhibitors::find_work(conn, &pavilion.id, exhibitor, id)?
            .map(WorkView::Draft)
            .ok_or(CoreError::NotFound("work"));
    }
    exhibitors::published(conn, caller, &pavilion, exhibitor)?;
    db::published::work(conn, &pavilion.id, exhibitor, id)?.map(WorkView::Published).ok_or(CoreError::NotFound("work"))
}

pub fn create(ctx: &Context<'_>, slug: &str, exhibitor: &ExhibitorId, details: WorkDetails) -> Result<Work, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        let (pavilion, mut exhibitor, editor) = load_for_edit(conn, caller, slug, exhibitor)?;
        exhibitors::check_not_locked(editor, &pavilion, &exhibitor, now)?;
        if db::exhibitors::count_works(conn, &pavilion.id, &exhibitor.id)? >= MAX_WORKS {
            return Err(CoreError::Conflict(format!("a catalogue holds at most {MAX_WORKS} works")));
        }
        let work = Work {
            id: WorkId::generate(),
            pavilion_id: pavilion.id.clone(),
            exhibitor_id: exhibitor.id.clone(),
            details,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        db::exhibitors::insert_work(conn, &work)?;
        exhibitors::works_changed(conn, &pavilion, &mut exhibitor, now)?;
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
) -> Result<(Pavilion, Exhibitor, Work), CoreError> {
    let (pavilion, exhibitor, editor) = load_for_edit(conn, caller, slug, exhibitor)?;
    exhibitors::check_not_locked(editor, &pavilion, &exhibitor, now)?;
    let work = db::exhibitors::find_work(conn, &pavilion.id, &exhibitor.id, id)?.ok_or(CoreError::NotFound("work"))?;
    Ok((pavilion, exhibitor, work))
}

/// The most works one company may list; a catalogue, not an archive.
pub const MAX_WORKS: usize = 500;

/// Applies a merge patch to a work (guarded by `If-Match`).
pub fn update(
    ctx: &Context<'_>,
    slug: &str,
    exhibitor: &ExhibitorId,
    id: &WorkId,
    if_match: Option<i64>,
    patch: &Value,
) -> Result<(Work, Vec<String>), CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        let (pavilion, mut exhibitor, mut work) = load_work_for_edit(conn, caller, now, slug, exhibitor, id)?;
        check_version("work", work.version, if_match)?;
        let details = work.details.patched(patch)?;
        let mut released = Vec::new();
        if details != work.details {
            let cleared = work.details.poster.clone().filter(|_| details.poster.is_none());
            work.details = details;
            save(conn, &pavilion, &mut exhibitor, &mut work, now)?;
            // A poster cleared by the patch goes, unless the published copy still shows it.
            released = super::uploads::unreferenced(conn, &pavilion.id, &exhibitor.id, cleared)?;
        }
        Ok((work, released))
    })
}

/// Writes a changed work if nobody wrote it since it was read (412 otherwise), and lets the
/// company follow (completeness, review state).
fn save(
    conn: &mut DbConnection,
    pavilion: &Pavilion,
    exhibitor: &mut Exhibitor,
    work: &mut Work,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    work.updated_at = now;
    if !db::exhibitors::update_work(conn, work, work.version)? {
        return Err(CoreError::PreconditionFailed("work"));
    }
    work.version += 1;
    exhibitors::works_changed(conn, pavilion, exhibitor, now)
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
        let (pavilion, mut exhibitor, work) = load_work_for_edit(conn, caller, now, slug, exhibitor, id)?;
        check_version("work", work.version, if_match)?;
        if !db::exhibitors::delete_work(conn, &pavilion.id, &exhibitor.id, &work.id, Some(work.version))? {
            return Err(CoreError::PreconditionFailed("work"));
        }
        exhibitors::works_changed(conn, &pavilion, &mut exhibitor, now)?;
        // Its poster, unless the published copy still shows it (then the next approval lets it go).
        super::uploads::unreferenced(conn, &pavilion.id, &exhibitor.id, work.details.poster)
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
    let (pavilion, exhibitor, work) = load_work_for_edit(conn, caller, now, slug, exhibitor, id)?;
    let folder = super::uploads::company_folder(&pavilion.id, &exhibitor.id);
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
        let (pavilion, mut exhibitor, mut work) = load_work_for_edit(conn, caller, now, slug, exhibitor, id)?;
        let replaced = work.details.poster.replace(key);
        save(conn, &pavilion, &mut exhibitor, &mut work, now)?;
        let released = super::uploads::unreferenced(conn, &pavilion.id, &exhibitor.id, replaced)?;
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
    poster.ok_or(CoreError::NotFound("poster"))
}
