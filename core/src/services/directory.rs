//! The public directory: published companies and works of every active pavilion, searched by
//! text in any language and filtered.

use super::{Cursor, Listed, Page, with_slugs};
use crate::db::published::{ExhibitorSearch, WorkSearch};
use crate::db::{self, DbConnection};
use crate::domain::vocabulary::check_choice;
use crate::domain::{
    CompanyType, Genre, Pavilion, ProductionStatus, PublishedExhibitor, PublishedWork, Vocabulary, WorkKind,
    parse_territory,
};
use crate::error::{CoreError, Violations};
use crate::policy::tenancy::{self, Need, PavilionScope};

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

/// A filter from a vocabulary; an empty parameter is no filter.
fn choice<T: Vocabulary>(errors: &mut Violations, field: &str, value: Option<String>) -> Option<T> {
    check_choice::<T>(errors, field, value.as_deref().filter(|v| !v.is_empty()))
}

/// The pavilion filter of a search: `Some(None)` for none, `Some(Some(scope))` for one pavilion,
/// and `None` when the slug names no pavilion the public may see (the search then matches
/// nothing).
fn pavilion_filter(conn: &mut DbConnection, slug: Option<&str>) -> Result<Option<Option<PavilionScope>>, CoreError> {
    let Some(slug) = slug.filter(|s| !s.is_empty()) else { return Ok(Some(None)) };
    match super::pavilions::scope(conn, None, slug, Need::View) {
        Ok(scope) => Ok(Some(Some(scope))),
        Err(CoreError::NotFound(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

/// An active pavilion with how many companies and works it has published.
#[derive(Debug)]
pub struct MarketPavilion {
    pub pavilion: Pavilion,
    pub companies: i64,
    pub works: i64,
}

/// The most pavilions one market shows on its home page.
const MARKET_MAX: i64 = 1000;

/// The market's home: every active pavilion, in slug order, with its published counts.
pub fn market(conn: &mut DbConnection) -> Result<Vec<MarketPavilion>, CoreError> {
    let pavilions = db::pavilions::list(conn, true, None, MARKET_MAX)?;
    let scopes: Vec<PavilionScope> = pavilions
        .into_iter()
        .map(|pavilion| tenancy::authorize(None, pavilion, Need::View))
        .collect::<Result<_, _>>()?;
    let counts = db::published::counts(conn, &scopes)?;
    Ok(scopes
        .into_iter()
        .map(|scope| {
            let (companies, works) = counts.get(scope.id()).copied().unwrap_or((0, 0));
            MarketPavilion { pavilion: scope.into_pavilion(), companies, works }
        })
        .collect())
}

/// Pages per sitemap file: each is listed in three languages, and a sitemap holds at most 50,000
/// addresses.
pub const SITEMAP_PAGES: i64 = 16_000;

pub use crate::db::published::PublicPage;

/// How many sitemap files the public site needs (at least one).
pub fn sitemap_parts(conn: &mut DbConnection) -> Result<i64, CoreError> {
    let (pavilions, companies, works) = db::published::public_page_counts(conn)?;
    let pages = pavilions + companies + works;
    Ok((pages + SITEMAP_PAGES - 1).div_euclid(SITEMAP_PAGES).max(1))
}

/// The public pages of sitemap file `part` (from 0): active pavilions, then their published
/// companies, then their published works. The market's home page is the caller's to add.
pub fn sitemap_part(conn: &mut DbConnection, part: i64) -> Result<Vec<PublicPage>, CoreError> {
    let (pavilions, companies, _) = db::published::public_page_counts(conn)?;
    type Load = fn(&mut DbConnection, i64, i64) -> Result<Vec<PublicPage>, CoreError>;
    let lists: [Load; 3] = [db::published::pavilion_pages, db::published::company_pages, db::published::work_pages];
    let mut pages = Vec::new();
    for (list, offset, limit) in part_ranges(pavilions, companies, part, SITEMAP_PAGES) {
        pages.extend(lists[list](conn, offset, limit)?);
    }
    Ok(pages)
}

/// The rows of the three lists end to end (pavilions, companies, works) that part `part` of
/// `size` pages holds, as (list, offset, limit).
fn part_ranges(pavilions: i64, companies: i64, part: i64, size: i64) -> Vec<(usize, i64, i64)> {
    let (start, end) = (part * size, (part + 1) * size);
    let bounds = [(0, pavilions), (pavilions, pavilions + companies), (pavilions + companies, i64::MAX)];
    bounds
        .into_iter()
        .enumerate()
        .filter_map(|(list, (first, last))| {
            let (from, to) = (start.max(first), end.min(last));
            (from < to).then_some((list, from - first, to - from))
        })
        .collect()
}

/// A search of companies checked: `None` when its pavilion filter names no pavilion the public
/// may see (the search then matches nothing).
fn exhibitor_search(conn: &mut DbConnection, query: Query) -> Result<Option<ExhibitorSearch>, CoreError> {
    let mut errors = Violations::new();
    let words = errors.check(words("q", query.q.as_deref())).unwrap_or_default();
    let company_type = choice::<CompanyType>(&mut errors, "company_type", query.company_type);
    errors.into_result()?;
    Ok(pavilion_filter(conn, query.pavilion.as_deref())?.map(|pavilion| ExhibitorSearch {
        pavilion,
        words,
        company_type,
    }))
}

/// A search of works checked, as [`exhibitor_search`].
fn work_search(conn: &mut DbConnection, query: Query) -> Result<Option<WorkSearch>, CoreError> {
    let mut errors = Violations::new();
    let words = errors.check(words("q", query.q.as_deref())).unwrap_or_default();
    let kind = choice::<WorkKind>(&mut errors, "kind", query.kind);
    let genre = choice::<Genre>(&mut errors, "genre", query.genre);
    let production_status = choice::<ProductionStatus>(&mut errors, "production_status", query.production_status);
    let language = query.language.filter(|l| !l.is_empty()).and_then(|language| {
        crate::domain::document::check_languages(&mut errors, "language", std::slice::from_ref(&language)).pop()
    });
    let territory =
        query.territory.filter(|t| !t.is_empty()).and_then(|t| errors.check(parse_territory("territory", &t)));
    errors.into_result()?;
    Ok(pavilion_filter(conn, query.pavilion.as_deref())?.map(|pavilion| WorkSearch {
        pavilion,
        words,
        kind,
        genre,
        production_status,
        language,
        territory,
    }))
}

pub fn exhibitors(
    conn: &mut DbConnection,
    query: Query,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Page<Listed<PublishedExhibitor>>, CoreError> {
    let after = cursor.map(Cursor::decode).transpose()?;
    let Some(search) = exhibitor_search(conn, query)? else {
        return Ok(Page { items: Vec::new(), next_cursor: None });
    };
    let found = db::published::search_exhibitors(conn, &search, after.as_ref().map(Cursor::key), limit + 1)?;
    with_slugs(conn, Page::from_overfetch(found, limit, |e| e.id.as_str()), |e| Some(&e.pavilion_id))
}

pub fn works(
    conn: &mut DbConnection,
    query: Query,
    cursor: Option<&str>,
    limit: i64,
) -> Result<Page<Listed<PublishedWork>>, CoreError> {
    let after = cursor.map(Cursor::decode).transpose()?;
    let Some(search) = work_search(conn, query)? else {
        return Ok(Page { items: Vec::new(), next_cursor: None });
    };
    let found = db::published::search_works(conn, &search, after.as_ref().map(Cursor::key), limit + 1)?;
    with_slugs(conn, Page::from_overfetch(found, limit, |w| w.id.as_str()), |w| Some(&w.pavilion_id))
}

/// How many results a search has, as a page shows it: exact up to [`COUNT_CAP`], else "more".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultCount {
    Exactly(i64),
    MoreThan(i64),
}

/// How long a search's count is reused: as long as the page itself may be cached (`max-age`).
const COUNT_FRESH_SECS: i64 = 60;

/// The most counts kept; past it, stale ones go, then all.
const COUNTS_KEPT: usize = 4_096;

/// Counts of recent searches. Counting reads every match (up to the cap), where a page stops at
/// its 25th: on a busy directory the same searches recur, and a count a minute old is as fresh
/// as the cached page a visitor may be shown anyway.
#[derive(Default)]
pub struct RecentCounts(
    std::sync::Mutex<std::collections::HashMap<String, (chrono::DateTime<chrono::Utc>, ResultCount)>>,
);

impl RecentCounts {
    pub fn get(&self, key: &str, now: chrono::DateTime<chrono::Utc>) -> Option<ResultCount> {
        let counts = self.0.lock().ok()?;
        counts
            .get(key)
            .filter(|(at, _)| now - *at < chrono::Duration::seconds(COUNT_FRESH_SECS))
            .map(|(_, count)| *count)
    }

    pub fn put(&self, key: String, now: chrono::DateTime<chrono::Utc>, count: ResultCount) {
        let Ok(mut counts) = self.0.lock() else { return };
        if counts.len() >= COUNTS_KEPT {
            counts.retain(|_, (at, _)| now - *at < chrono::Duration::seconds(COUNT_FRESH_SECS));
            if counts.len() >= COUNTS_KEPT {
                counts.clear();
            }
        }
        counts.insert(key, (now, count));
    }
}

/// Counting stops here: a broad search must not count the whole directory on every page.
pub const COUNT_CAP: i64 = 1_000;

impl ResultCount {
    fn of(counted: usize) -> Self {
        let counted = counted as i64;
        if counted > COUNT_CAP { Self::MoreThan(COUNT_CAP) } else { Self::Exactly(counted) }
    }
}

/// Where the rows of a counted page come from.
#[derive(Debug, PartialEq, Eq)]
enum PageRead {
    /// These ids (one more than a page, when there is a next page).
    Ids(Vec<String>),
    /// The page lies past the counted ids: search for it on its own.
    Search,
}

/// A page of results and how many there are, from one search of ids: the ids (up to the cap)
/// give the count, and the page is cut from them, so only its rows are read.
fn plan_page(ids: Vec<String>, after: Option<&str>, limit: i64) -> (ResultCount, PageRead) {
    let count = ResultCount::of(ids.len());
    let window: Vec<String> =
        ids.into_iter().filter(|id| after.is_none_or(|after| id.as_str() > after)).take(limit as usize + 1).collect();
    let complete = matches!(count, ResultCount::Exactly(_)) || window.len() as i64 > limit;
    (count, if complete { PageRead::Ids(window) } else { PageRead::Search })
}

/// Works as [`works`] finds them, with their count, for the directory page.
pub fn works_counted(
    conn: &mut DbConnection,
    query: Query,
    cursor: Option<&str>,
    limit: i64,
) -> Result<(ResultCount, Page<Listed<PublishedWork>>), CoreError> {
    let after = cursor.map(Cursor::decode).transpose()?;
    let Some(search) = work_search(conn, query)? else {
        return Ok((ResultCount::Exactly(0), Page { items: Vec::new(), next_cursor: None }));
    };
    let after = after.as_ref().map(Cursor::key);
    let ids = db::published::matching_work_ids(conn, &search, COUNT_CAP + 1)?;
    let (count, read) = plan_page(ids, after, limit);
    let found = match read {
        PageRead::Ids(ids) => db::published::works_by_ids(conn, &ids)?,
        PageRead::Search => db::published::search_works(conn, &search, after, limit + 1)?,
    };
    let page = Page::from_overfetch(found, limit, |w| w.id.as_str());
    Ok((count, with_slugs(conn, page, |w| Some(&w.pavilion_id))?))
}

/// Companies as [`exhibitors`] finds them, with their count, for the directory page.
pub fn exhibitors_counted(
    conn: &mut DbConnection,
    query: Query,
    cursor: Option<&str>,
    limit: i64,
) -> Result<(ResultCount, Page<Listed<PublishedExhibitor>>), CoreError> {
    let after = cursor.map(Cursor::decode).transpose()?;
    let Some(search) = exhibitor_search(conn, query)? else {
        return Ok((ResultCount::Exactly(0), Page { items: Vec::new(), next_cursor: None }));
    };
    let after = after.as_ref().map(Cursor::key);
    let ids = db::published::matching_exhibitor_ids(conn, &search, COUNT_CAP + 1)?;
    let (count, read) = plan_page(ids, after, limit);
    let found = match read {
        PageRead::Ids(ids) => db::published::exhibitors_by_ids(conn, &ids)?,
        PageRead::Search => db::published::search_exhibitors(conn, &search, after, limit + 1)?,
    };
    let page = Page::from_overfetch(found, limit, |e| e.id.as_str());
    Ok((count, with_slugs(conn, page, |e| Some(&e.pavilion_id))?))
}

/// The active pavilions a search can be narrowed to, for the directory's pavilion filter.
pub fn pavilion_choices(conn: &mut DbConnection) -> Result<Vec<Pavilion>, CoreError> {
    db::pavilions::list(conn, true, None, MARKET_MAX)
}

#[cfg(test)]
mod sitemap_tests {
    use super::part_ranges;

    #[test]
    fn parts_cut_the_three_lists_end_to_end() {
        // 3 pavilions, 5 companies, then works; parts of 4 pages.
        assert_eq!(part_ranges(3, 5, 0, 4), vec![(0, 0, 3), (1, 0, 1)]);
        assert_eq!(part_ranges(3, 5, 1, 4), vec![(1, 1, 4)]);
        assert_eq!(part_ranges(3, 5, 2, 4), vec![(2, 0, 4)]);
        assert_eq!(part_ranges(3, 5, 3, 4), vec![(2, 4, 4)]);
        assert_eq!(part_ranges(0, 0, 0, 4), vec![(2, 0, 4)]);
    }
}

#[cfg(test)]
mod plan_page_tests {
    use super::{COUNT_CAP, PageRead, ResultCount, plan_page};

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{i:05}")).collect()
    }

    #[test]
    fn the_count_and_the_page_come_from_one_list_of_ids() {
        let (count, read) = plan_page(ids(30), None, 24);
        assert_eq!(count, ResultCount::Exactly(30));
        assert_eq!(read, PageRead::Ids(ids(25)), "a page and one more, which says there is a next page");
        let (count, read) = plan_page(ids(30), Some("00023"), 24);
        assert_eq!(count, ResultCount::Exactly(30), "the count is the whole search's, on every page");
        assert_eq!(read, PageRead::Ids(ids(30)[24..].to_vec()));
        assert_eq!(plan_page(Vec::new(), None, 24), (ResultCount::Exactly(0), PageRead::Ids(Vec::new())));
    }

    #[test]
    fn past_the_cap_the_count_says_more_and_a_page_beyond_the_ids_is_searched_for() {
        let counted = COUNT_CAP as usize + 1;
        let (count, read) = plan_page(ids(counted), None, 24);
        assert_eq!((count, read), (ResultCount::MoreThan(COUNT_CAP), PageRead::Ids(ids(25))));
        let late = format!("{:05}", counted - 10);
        assert_eq!(plan_page(ids(counted), Some(&late), 24), (ResultCount::MoreThan(COUNT_CAP), PageRead::Search));
    }
}
