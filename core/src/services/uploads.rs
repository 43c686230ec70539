//! Removing uploaded files that nothing references any more: a replaced logo once the copy that
//! showed it is no longer published, the poster of a deleted work. Uploads are never removed as
//! they are replaced, because the published copy may still show the old file.

use crate::db::{self, DbConnection};
use crate::domain::{ExhibitorId, PavilionId};
use crate::error::CoreError;
use std::collections::HashSet;

/// The company an upload key belongs to: keys are
/// `pavilions/{pavilion}/exhibitors/{company}/logo-….png` and
/// `pavilions/{pavilion}/exhibitors/{company}/works/{work}/poster-….jpg`. `None` for any other
/// key, which the sweep then leaves alone: it only removes what it understands.
pub fn owner_of(key: &str) -> Option<(PavilionId, ExhibitorId)> {
    let mut parts = key.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("pavilions"), Some(pavilion), Some("exhibitors"), Some(company), Some(_))
            if !pavilion.is_empty() && !company.is_empty() =>
        {
            Some((PavilionId::from_trusted(pavilion.to_owned()), ExhibitorId::from_trusted(company.to_owned())))
        }
        _ => None,
    }
}

/// The folder of every upload of one company (logos, and posters under `works/`).
pub fn company_folder(pavilion: &PavilionId, company: &ExhibitorId) -> String {
    format!("pavilions/{pavilion}/exhibitors/{company}")
}

/// Of `keys`, those neither the company's working copy nor its published copy points at (any
/// more): files a use case let go of, for its caller to delete once the change is committed.
pub fn unreferenced(
    conn: &mut DbConnection,
    pavilion: &PavilionId,
    company: &ExhibitorId,
    keys: impl IntoIterator<Item = String>,
) -> Result<Vec<String>, CoreError> {
    let keys: Vec<String> = keys.into_iter().collect();
    if keys.is_empty() {
        return Ok(keys);
    }
    let referenced = referenced_by(conn, pavilion, company)?;
    Ok(keys.into_iter().filter(|key| !referenced.contains(key)).collect())
}

/// The upload keys of a company's published copy: its logo and its works' posters.
pub fn published_keys(
    conn: &mut DbConnection,
    pavilion: &PavilionId,
    company: &ExhibitorId,
) -> Result<Vec<String>, CoreError> {
    let mut keys = Vec::new();
    if let Some((published, _)) = db::published::profile(conn, pavilion, company)? {
        keys.extend(published.logo);
    }
    for work in db::published::works_of(conn, pavilion, company, None, None)? {
        keys.extend(work.details.poster);
    }
    Ok(keys)
}

/// Every upload key one company's working copy or published copy points at: logos and posters,
/// of the profile and of every work.
pub fn referenced_by(
    conn: &mut DbConnection,
    pavilion: &PavilionId,
    company: &ExhibitorId,
) -> Result<HashSet<String>, CoreError> {
    let mut keys: HashSet<String> = published_keys(conn, pavilion, company)?.into_iter().collect();
    if let Some(draft) = db::exhibitors::find(conn, pavilion, company)? {
        keys.extend(draft.profile.logo);
    }
    for work in db::exhibitors::list_works(conn, pavilion, company, None, None)? {
        keys.extend(work.details.poster);
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
        let (pavilion, company) = owner_of("pavilions/p1/exhibitors/e1/logo-abc.png").unwrap();
        assert_eq!((pavilion.as_str(), company.as_str()), ("p1", "e1"));
        assert!(owner_of("pavilions/p1/exhibitors/e1/works/w1/poster-abc.webp").is_some());
        for other in ["pavilions/p1/logo.png", "exports/a/exhibitors/b/c", "pavilions//exhibitors/e1/x", "notes.txt"] {
            assert!(owner_of(other).is_none(), "{other}");
        }
    }
}
