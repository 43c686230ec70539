//! The public directory: published companies and works of every active pavilion, searched by
//! text in any language and filtered.

use super::{Cursor, Page};
use crate::db::published::{ExhibitorSearch, PublishedExhibitor, PublishedWork, WorkSearch};
use crate::db::{self, DbConnection};
use crate::domain::{COMPANY_TYPES, GENRES, PRODUCTION_STATUSES, PavilionId, Slug, WORK_KINDS, parse_territory};
use crate::error::{CoreError, Violations};
use std::collections::HashMap;

/// A search as a client asks for it, before validation.
#[derive(Debug, Default, Clone)]
pub struct Query {
    pub q: Option<String>,
    pub pavilion: Option<String>,
    pub company_type: Option<String>,
    pub kind: Option<String>,
    pub genre: Option<String>,
    pub production_status: Option<String>,
    pub language: Option<String>,
    pub territory: Option<String>,
}

/// Splits a search text into lower-cased words; every word must appear. Chinese has no spaces,
/// so a run of Chinese characters is one word matched as a substring (西湖 finds 西湖之恋).
fn words(field: &str, q: Option<&str>) -> Result<Vec<String>, CoreError> {
    let Some(q) = q else { return Ok(Vec::new()) };
    if q.chars().count() > 200 {
        return Err(CoreError::invalid(field, "too_long", "must be at most 200 characters"));
    }
    let words: Vec<String> = q
        // LIKE's wildcards and its escape stay inside words, to be matched literally ("50%").
        .split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && !matches!(c, '-' | '\'' | '%' | '_' | '\\')))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(8)
        .collect();
    Ok(words)
}

fn choice(errors: &mut Violations, field: &str, value: Option<String>, allowed: &[&str]) -> Option<String> {
    crate::domain::document::check_choice(errors, field, value.filter(|v| !v.is_empty()), allowed)
}

/// The pavilion filter of a search: `Some(None)` for none, `Some(Some(id))` for one pavilion,
/// and `None` when the slug names no pavilion (the search then matches nothing).
fn pavilion_filter(conn: &mut DbConnection, slug: Option<&str>) -> Result<Option<Option<PavilionId>>, CoreError> {
    let Some(slug) = slug.filter(|s| !s.is_empty()) else { return Ok(Some(None)) };
    let Ok(slug) = Slug::parse(slug) else { return Ok(None) };
    Ok(db::pavilions::find_by_slug(conn, &slug)?.map(|p| Some(p.id)))
}

/// A directory entry with the slug of its pavilion.
pub struct Listed<T> {
    pub item: T,
    pub pavilion: String,
}

fn with_slugs<T>(
    conn: &mut DbConnection,
    items: Vec<T>,
    pavilion_of: impl Fn(&T) -> &PavilionId,
) -> Result<Vec<Listed<T>>, CoreError> {
    let ids: Vec<PavilionId> = items.iter().map(|item| pavilion_of(item).clone()).collect();
    let slugs: HashMap<PavilionId, String> = db::pavilions::slugs_by_id(conn, &ids)?;
    Ok(items
        .into_iter()
        .map(|item| {
            let pavilion = slugs.get(pavilion_of(&item)).cloned().unwrap_or_default();
            Listed { item, pavilion }
        })
        .collect())
}

pub fn exhibitors(
    conn: &mut DbConnection,
    query: Query,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Page<Listed<PublishedExhibitor>>, CoreError> {
    let mut errors = Violations::new();
    let words = errors.check(words("q", query.q.as_deref())).unwrap_or_default();
    let company_type = choice(&mut errors, "company_type", query.company_type, COMPANY_TYPES);
    errors.into_result()?;
    let after = cursor.map(Cursor::decode).transpose()?;
    let Some(pavilion) = pavilion_filter(conn, query.pavilion.as_deref())? else {
        return Ok(Page { items: Vec::new(), next_cursor: None });
    };
    let search = ExhibitorSearch { pavilion, words, company_type };
    let found = db::published::search_exhibitors(conn, &search, after.as_ref().map(Cursor::key), limit + 1)?;
    let page = Page::from_overfetch(found, limit, |e| e.id.as_str());
    let items = with_slugs(conn, page.items, |e| &e.pavilion_id)?;
    Ok(Page { items, next_cursor: page.next_cursor })
}

pub fn works(
    conn: &mut DbConnection,
    query: Query,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Page<Listed<PublishedWork>>, CoreError> {
    let mut errors = Violations::new();
    let words = errors.check(words("q", query.q.as_deref())).unwrap_or_default();
    let kind = choice(&mut errors, "kind", query.kind, WORK_KINDS);
    let genre = choice(&mut errors, "genre", query.genre, GENRES);
    let production_status = choice(&mut errors, "production_status", query.production_status, PRODUCTION_STATUSES);
    let language = query.language.filter(|l| !l.is_empty()).and_then(|language| {
        crate::domain::document::check_languages(&mut errors, "language", std::slice::from_ref(&language)).pop()
    });
    let territory =
        query.territory.filter(|t| !t.is_empty()).and_then(|t| errors.check(parse_territory("territory", &t)));
    errors.into_result()?;
    let after = cursor.map(Cursor::decode).transpose()?;
    let Some(pavilion) = pavilion_filter(conn, query.pavilion.as_deref())? else {
        return Ok(Page { items: Vec::new(), next_cursor: None });
    };
    let search = WorkSearch { pavilion, words, kind, genre, production_status, language, territory };
    let found = db::published::search_works(conn, &search, after.as_ref().map(Cursor::key), limit + 1)?;
    let page = Page::from_overfetch(found, limit, |w| w.id.as_str());
    let items = with_slugs(conn, page.items, |w| &w.pavilion_id)?;
    Ok(Page { items, next_cursor: page.next_cursor })
}
