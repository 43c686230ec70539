//! Pavilions: the organiser creates them, their admins keep their page, the public lists the
//! active ones.

use super::audit::Action;
use super::context::Context;
use super::{Cursor, Page};
use crate::db::{self, DbConnection};
use crate::domain::{
    ExhibitorId, NewPavilion, Pavilion, PavilionChanges, PavilionId, PavilionStatus, PavilionSummary, Slug,
};
use crate::error::CoreError;
use crate::policy::tenancy::{self, CompanyAccess, CompanyScope, Need, PavilionScope};
use crate::policy::{self, Principal};

pub fn create(ctx: &Context<'_>, new: NewPavilion) -> Result<Pavilion, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        policy::authorize_create_pavilion(caller)?;
        if db::pavilions::slug_exists(conn, &new.slug)? {
            return Err(CoreError::Conflict(format!("a pavilion with slug `{}` already exists", new.slug)));
        }
        let mut pavilion = Pavilion {
            id: PavilionId::generate(),
            slug: new.slug,
            name: new.name,
            region: new.region,
            host_association: Default::default(),
            description: Default::default(),
            location: None,
            contact_email: None,
            brand_color: None,
            logo_url: None,
            sender_name: None,
            reply_to: None,
            email_footer: Default::default(),
            profile_deadline: None,
            reminder_days: Default::default(),
            second_factor: Default::default(),
            time_zone: Default::default(),
            status: PavilionStatus::Draft,
            created_at: now,
            updated_at: now,
        };
        let status = new.fields.status;
        new.fields.apply_to(&mut pavilion);
        if let Some(status) = status {
            check_transition(PavilionStatus::Draft, status)?;
        }
        db::pavilions::insert(conn, &pavilion)?;
        ctx.audit(conn, Action::PavilionCreated, Some(&pavilion.id), Some(pavilion.slug.as_str()))?;
        Ok(pavilion)
    })
}

/// A pavilion by slug, as the caller may see it; invisible means not found.
pub fn get(conn: &mut DbConnection, caller: Option<&Principal>, slug: &str) -> Result<Pavilion, CoreError> {
    Ok(scope(conn, caller, slug, Need::View)?.into_pavilion())
}

/// The pavilion, for one who manages it (its admins, the organiser): what its workspace pages
/// read first. Anyone else is refused as the API refuses them (another pavilion's: not found).
pub fn managed(conn: &mut DbConnection, caller: &Principal, slug: &str) -> Result<Pavilion, CoreError> {
    Ok(scope(conn, Some(caller), slug, Need::Manage)?.into_pavilion())
}

pub fn update(ctx: &Context<'_>, slug: &str, changes: PavilionChanges) -> Result<Pavilion, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    ctx.transaction(|conn| {
        let found = find(conn, slug)?;
        let new_slug = changes.slug.as_ref().filter(|new| **new != found.slug);
        let new_status = changes.status.filter(|new| *new != found.status);
        let need = Need::Settings { status_or_slug: new_slug.is_some() || new_status.is_some() };
        let mut pavilion = tenancy::authorize(Some(caller), found, need)?.into_pavilion();
        if let Some(new_slug) = new_slug {
            if pavilion.status != PavilionStatus::Draft {
                return Err(CoreError::invalid(
                    "slug",
                    "slug_immutable",
                    "cannot change once the pavilion has been active",
                ));
            }
            if db::pavilions::slug_exists(conn, new_slug)? {
                return Err(CoreError::Conflict(format!("a pavilion with slug `{new_slug}` already exists")));
            }
        }
        if let Some(status) = new_status {
            check_transition(pavilion.status, status)?;
        }
        changes.apply_to(&mut pavilion);
        pavilion.updated_at = now;
        db::pavilions::update(conn, &pavilion)?;
        ctx.audit(conn, Action::PavilionUpdated, Some(&pavilion.id), Some(pavilion.slug.as_str()))?;
        Ok(pavilion)
    })
}

/// A pavilion by the slug in a URL. A string that cannot be a slug is simply not found; it never
/// reaches the database (PostgreSQL refuses, for one, a NUL byte in text).
fn find(conn: &mut DbConnection, slug: &str) -> Result<Pavilion, CoreError> {
    let slug = Slug::parse(slug).map_err(|_| CoreError::NotFound("pavilion"))?;
    db::pavilions::find_by_slug(conn, &slug)?.ok_or(CoreError::NotFound("pavilion"))
}

/// The one road from a slug in a request to a pavilion's data: found, then authorised for `need`.
pub(crate) fn scope(
    conn: &mut DbConnection,
    caller: Option<&Principal>,
    slug: &str,
    need: Need,
) -> Result<PavilionScope, CoreError> {
    tenancy::authorize(caller, find(conn, slug)?, need)
}

/// A company of the pavilion at `slug`, for one of its editors.
pub(crate) fn company_scope(
    conn: &mut DbConnection,
    caller: &Principal,
    slug: &str,
    company: &ExhibitorId,
) -> Result<CompanyScope, CoreError> {
    tenancy::authorize_company(caller, find(conn, slug)?, company)
}

/// A company of the pavilion at `slug`: its editors' hold on it, or a reader's on its pavilion.
pub(crate) fn company_access(
    conn: &mut DbConnection,
    caller: Option<&Principal>,
    slug: &str,
    company: &ExhibitorId,
) -> Result<CompanyAccess, CoreError> {
    tenancy::company_access(caller, find(conn, slug)?, company)
}

/// The pavilion someone signs in at (or asks a reset link of), if the slug names one: an unknown
/// pavilion is one more way to be wrong, answered like the others.
pub(crate) fn sign_in_scope(conn: &mut DbConnection, slug: &str) -> Result<Option<PavilionScope>, CoreError> {
    match Slug::parse(slug) {
        Ok(slug) => Ok(db::pavilions::find_by_slug(conn, &slug)?.map(tenancy::for_sign_in)),
        Err(_) => Ok(None),
    }
}

fn check_transition(from: PavilionStatus, to: PavilionStatus) -> Result<(), CoreError> {
    if from.can_become(to) {
        Ok(())
    } else {
        Err(CoreError::invalid(
            "status",
            "invalid_transition",
            format!("a {} pavilion cannot become {}", from.as_str(), to.as_str()),
        ))
    }
}

/// Pavilions in slug order. The public sees active ones; the organiser sees all, with counts.
pub fn list(
    conn: &mut DbConnection,
    caller: Option<&Principal>,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Page<PavilionSummary>, CoreError> {
    let after = cursor.map(Cursor::decode).transpose()?;
    let market = caller.and_then(|caller| tenancy::market(caller).ok());
    let pavilions = db::pavilions::list(conn, market.is_none(), after.as_ref().map(Cursor::key), limit + 1)?;
    let Page { items: pavilions, next_cursor } = Page::from_overfetch(pavilions, limit, |p| p.slug.as_str());
    let counts = match &market {
        Some(market) => {
            let ids: Vec<PavilionId> = pavilions.iter().map(|p| p.id.clone()).collect();
            Some(db::pavilions::member_counts(conn, market, &ids)?)
        }
        None => None,
    };
    let items = pavilions
        .into_iter()
        .map(|pavilion| {
            let member_count = counts.as_ref().map(|counts| counts.get(&pavilion.id).copied().unwrap_or(0));
            PavilionSummary { pavilion, member_count }
        })
        .collect();
    Ok(Page { items, next_cursor })
}

/// The slugs of these pavilions, by id: labels for logs that span pavilions.
pub fn slugs_by_id(
    conn: &mut DbConnection,
    ids: &[PavilionId],
) -> Result<std::collections::HashMap<PavilionId, String>, CoreError> {
    db::pavilions::slugs_by_id(conn, ids)
}
