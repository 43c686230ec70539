//! Removing uploaded files that nothing references any more: a replaced logo once the copy that
//! showed it is no longer published, the poster of a deleted work. Uploads are never removed as
//! they are replaced, because the published copy may still show the old file.

use crate::db::{self, DbConnection};
use crate::domain::{ExhibitorId, PavilionId, UploadKey};
use crate::error::CoreError;
use crate::policy::tenancy::{self, CompanyScope, PavilionScope};
use std::collections::HashSet;

/// The company a stored upload belongs to, as its key names it. Opaque: only the sweep reads it
/// back, through [`referenced_by`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct UploadOwner {
    pavilion: PavilionId,
    company: ExhibitorId,
}

/// The company an upload key belongs to: keys are
/// `pavilions/{pavilion}/exhibitors/{company}/logo-….png` and
/// `pavilions/{pavilion}/exhibitors/{company}/works/{work}/poster-….jpg`. `None` for any other
/// key, which the sweep then leaves alone: it only removes what it understands.
pub fn owner_of(key: &str) -> Option<UploadOwner> {
    let mut parts = key.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("pavilions"), Some(pavilion), Some("exhibitors"), Some(company), Some(_))
            if !pavilion.is_empty() && !company.is_empty() =>
        {
            // Keys are written by this crate (see `company_folder`), never taken from a request.
            Some(UploadOwner {
                pavilion: PavilionId::from_trusted(pavilion.to_owned()),
                company: ExhibitorId::from_trusted(company.to_owned()),
            })
        }
        _ => None,
    }
}

/// The folder of every upload of one company (logos, and posters under `works/`).
pub(crate) fn company_folder(company: &CompanyScope) -> String {
    format!("pavilions/{}/exhibitors/{}", company.pavilion().id(), company.company())
}

/// Of `keys`, those neither the company's working copy nor its published copy points at (any
/// more): files a use case let go of, for its caller to delete once the change is committed.
pub fn unreferenced(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    company: &ExhibitorId,
    keys: impl IntoIterator<Item = String>,
) -> Result<Vec<String>, CoreError> {
    let keys: Vec<String> = keys.into_iter().collect();
    if keys.is_empty() {
        return Ok(keys);
    }
    let referenced = referenced_in(conn, scope, company)?;
    Ok(keys.into_iter().filter(|key| !referenced.contains(key)).collect())
}

/// The upload keys of a company's published copy: its logo and its works' posters.
pub(crate) fn published_keys(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    company: &ExhibitorId,
) -> Result<Vec<String>, CoreError> {
    let mut keys = Vec::new();
    if let Some((published, _)) = db::published::profile(conn, scope, company)? {
        keys.extend(published.logo.map(UploadKey::into_string));
    }
    for work in db::published::works_of(conn, scope, company, None, None)? {
        keys.extend(work.details.poster.map(UploadKey::into_string));
    }
    Ok(keys)
}

/// Every upload key the company of stored uploads still points at, for the operator's sweep.
/// A company of no pavilion (never the case for keys this crate wrote) points at nothing.
pub fn referenced_by(conn: &mut DbConnection, owner: &UploadOwner) -> Result<HashSet<String>, CoreError> {
    match db::pavilions::find_by_id(conn, &owner.pavilion)? {
        Some(pavilion) => referenced_in(conn, &tenancy::for_system(pavilion), &owner.company),
        None => Ok(HashSet::new()),
    }
}

/// Every upload key one company's working copy or published copy points at: logos and posters,
/// of the profile and of every work.
fn referenced_in(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    company: &ExhibitorId,
) -> Result<HashSet<String>, CoreError> {
    let mut keys: HashSet<String> = published_keys(conn, scope, company)?.into_iter().collect();
    if let Some(draft) = db::exhibitors::find(conn, scope, company)? {
        keys.extend(draft.profile.logo.map(UploadKey::into_string));
    }
    for work in db::exhibitors::list_works(conn, scope, company, None, None)? {
        keys.extend(work.details.poster.map(UploadKey::into_string));
    }
    Ok(keys)
}

/// The stored files the sweep may remove: unreferenced, and older than `cutoff` (a younger one
/// may be an upload stored a moment ago and not recorded yet).
pub fn removable(
    objects: Vec<crate::storage::StoredObject>,
    referenced: &HashSet<String>,
    cutoff: chrono::DateTime<chrono::Utc>,
) -> Vec<crate::storage::StoredObject> {
    objects.into_iter().filter(|object| !referenced.contains(&object.key) && object.modified <= cutoff).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_company_upload_keys_have_an_owner() {
        let owner = owner_of("pavilions/p1/exhibitors/e1/logo-abc.png").unwrap();
        assert_eq!((owner.pavilion.as_str(), owner.company.as_str()), ("p1", "e1"));
        assert!(owner_of("pavilions/p1/exhibitors/e1/works/w1/poster-abc.webp").is_some());
        for other in ["pavilions/p1/logo.png", "exports/a/exhibitors/b/c", "pavilions//exhibitors/e1/x", "notes.txt"] {
            assert!(owner_of(other).is_none(), "{other}");
        }
    }
}
