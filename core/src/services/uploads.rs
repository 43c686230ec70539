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

/// Every upload key one company's working copy or published copy points at: logos and posters,
/// of the profile and of every work.
pub fn referenced_by(
    conn: &mut DbConnection,
    pavilion: &PavilionId,
    company: &ExhibitorId,
) -> Result<HashSet<String>, CoreError> {
    let mut keys = HashSet::new();
    if let Some(draft) = db::exhibitors::find(conn, pavilion, company)? {
        keys.extend(draft.profile.logo);
    }
    if let Some((published, _)) = db::published::profile(conn, pavilion, company)? {
        keys.extend(published.logo);
    }
    for work in db::exhibitors::list_works(conn, pavilion, company, None, None)? {
        keys.extend(work.details.poster);
    }
    for work in db::published::works_of(conn, pavilion, company, None, None)? {
        keys.extend(work.details.poster);
    }
    Ok(keys)
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
