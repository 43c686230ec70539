//! What a company's workspace pages read in one go: who is signed in, the pavilion, the
//! company's working copy and its catalogue, for one of the company's editors.

use super::exhibitors::{self, CompanyDraft, CompanyView};
use crate::db::DbConnection;
use crate::domain::{ExhibitorId, ExhibitorProfile, Pavilion};
use crate::error::CoreError;
use crate::policy::Principal;
use chrono::{DateTime, Utc};

/// A company as its editors' workspace pages show it: who is signed in, the pavilion, the
/// working copy, and (when asked for) its working catalogue.
#[derive(Debug, Clone)]
pub struct EditorView {
    pub me: crate::domain::User,
    pub pavilion: Pavilion,
    pub draft: CompanyDraft,
    pub works: Vec<crate::domain::Work>,
    /// The last approved copy (private contacts included) and how many works it published,
    /// when asked for and there is one: what a review compares the working copy with.
    pub published: Option<(ExhibitorProfile, usize)>,
}

/// What a page reads besides the company.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reads {
    pub works: bool,
    pub published: bool,
}

impl Reads {
    pub const COMPANY: Self = Self { works: false, published: false };
    pub const WITH_WORKS: Self = Self { works: true, published: false };
    pub const FOR_REVIEW: Self = Self { works: true, published: true };
}

/// The company for one of its editors (its own accounts, its pavilion's admins, the organiser);
/// `None` when the caller may only read it as the public does (a published company of the
/// caller's pavilion that is not the caller's). Another pavilion's company is not found.
pub fn editor_view(
    conn: &mut DbConnection,
    caller: &Principal,
    now: DateTime<Utc>,
    slug: &str,
    id: &ExhibitorId,
    reads: Reads,
) -> Result<Option<EditorView>, CoreError> {
    let (me, own_pavilion) = super::accounts::whoami(conn, caller)?;
    let CompanyView::Draft(draft) = exhibitors::get(conn, Some(caller), now, slug, id)? else {
        // Published, and not the caller's to edit: "not yours" inside one's own pavilion; another
        // pavilion's company does not exist for its workspace, as every object of another tenant.
        let own = own_pavilion.as_ref().is_some_and(|pavilion| pavilion.slug.as_str() == slug);
        return if own { Ok(None) } else { Err(CoreError::NotFound("exhibitor")) };
    };
    let pavilion = match own_pavilion {
        Some(pavilion) => pavilion,
        None => super::pavilions::get(conn, Some(caller), slug)?,
    };
    let works = if reads.works {
        let limit = i64::try_from(super::works::MAX_WORKS).unwrap_or(i64::MAX);
        super::works::list(conn, Some(caller), slug, id, None, limit)?
            .items
            .into_iter()
            .filter_map(|view| match view {
                super::works::WorkView::Draft(work) => Some(work),
                super::works::WorkView::Published(_) => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    let published = if reads.published { exhibitors::published_copy(conn, caller, slug, id)? } else { None };
    Ok(Some(EditorView { me, pavilion, draft, works, published }))
}
