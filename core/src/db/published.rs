//! The published directory: the last approved copy of each company and its works, with the
//! columns search filters on. Written only by approval; read by the public.

use super::DbConnection;

type Backend = <DbConnection as diesel::Connection>::Backend;
use super::schema::{pavilions, published_exhibitors, published_works};
use crate::domain::{
    CompanyType, ExhibitorId, ExhibitorProfile, Genre, PavilionId, PavilionStatus, ProductionStatus,
    PublishedExhibitor, PublishedWork, Territory, Vocabulary, Work, WorkId, WorkKind,
};
use crate::error::CoreError;
use crate::policy::tenancy::PavilionScope;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::sql;
use diesel::expression::BoxableExpression;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

/// `|a|b|`: a list one `LIKE '%|a|%'` can match an element of, on both backends.
fn bars<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = String::from("|");
    for value in values {
        text.push_str(value);
        text.push('|');
    }
    text
}

#[derive(Insertable)]
#[diesel(table_name = published_exhibitors)]
struct PublishedExhibitorRow<'a> {
    pavilion_id: &'a str,
    exhibitor_id: &'a str,
    profile: String,
    company_type: Option<&'a str>,
    sort_name: String,
    search_text: String,
    published_at: NaiveDateTime,
    search_bigrams: String,
}

#[derive(Insertable)]
#[diesel(table_name = published_works)]
struct PublishedWorkRow<'a> {
    pavilion_id: &'a str,
    work_id: &'a str,
    exhibitor_id: &'a str,
    data: String,
    kind: &'a str,
    production_status: &'a str,
    genres: String,
    languages: String,
    territories: String,
    search_text: String,
    published_at: NaiveDateTime,
    search_bigrams: String,
}

/// Replaces the published copy of a company and its works with these.
pub fn publish(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &ExhibitorId,
    profile: &ExhibitorProfile,
    works: &[Work],
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let (pavilion_id, exhibitor_id) = (scope.id().as_str(), exhibitor.as_str());
    diesel::delete(
        published_works::table
            .filter(published_works::pavilion_id.eq(pavilion_id))
            .filter(published_works::exhibitor_id.eq(exhibitor_id)),
    )
    .execute(conn)?;
    diesel::delete(
        published_exhibitors::table
            .filter(published_exhibitors::pavilion_id.eq(pavilion_id))
            .filter(published_exhibitors::exhibitor_id.eq(exhibitor_id)),
    )
    .execute(conn)?;
    diesel::insert_into(published_exhibitors::table)
        .values(PublishedExhibitorRow {
            pavilion_id,
            exhibitor_id,
            profile: super::documents::profile_to_text(profile)?,
            company_type: profile.company_type.map(|kind| kind.as_str()),
            sort_name: profile.sort_name(),
            search_text: profile.search_text(),
            published_at: now.naive_utc(),
            search_bigrams: profile.search_bigrams(),
        })
        .execute(conn)?;
    let rows = works
        .iter()
        .map(|work| {
            let details = &work.details;
            Ok(PublishedWorkRow {
                pavilion_id,
                work_id: work.id.as_str(),
                exhibitor_id,
                data: super::documents::work_to_text(details)?,
                kind: details.kind.as_str(),
                production_status: details.production_status.as_str(),
                genres: bars(details.genres.iter().map(|genre| genre.as_str())),
                languages: bars(details.languages.iter().map(String::as_str)),
                territories: bars(details.territories().into_iter().map(Territory::code)),
                search_text: details.search_text(),
                published_at: now.naive_utc(),
                search_bigrams: details.search_bigrams(),
            })
        })
        .collect::<Result<Vec<_>, CoreError>>()?;
    // One statement per row: diesel's MultiConnection has no batch insert.
    for row in rows {
        diesel::insert_into(published_works::table).values(row).execute(conn)?;
    }
    Ok(())
}

/// The published profile of one company, if it has been approved once.
pub fn profile(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &ExhibitorId,
) -> Result<Option<(ExhibitorProfile, DateTime<Utc>)>, CoreError> {
    let row: Option<(String, NaiveDateTime)> = published_exhibitors::table
        .filter(published_exhibitors::pavilion_id.eq(scope.id().as_str()))
        .filter(published_exhibitors::exhibitor_id.eq(exhibitor.as_str()))
        .select((published_exhibitors::profile, published_exhibitors::published_at))
        .first(conn)
        .optional()?;
    row.map(|(profile, at)| {
        Ok((super::documents::profile_from_text("published_exhibitors.profile", &profile)?, at.and_utc()))
    })
    .transpose()
}

type PublishedWorkTuple = (String, String, String, String, NaiveDateTime);

/// The columns a [`PublishedWork`] is read from, in [`PublishedWorkTuple`] order.
const WORK_COLUMNS: (
    published_works::work_id,
    published_works::pavilion_id,
    published_works::exhibitor_id,
    published_works::data,
    published_works::published_at,
) = (
    published_works::work_id,
    published_works::pavilion_id,
    published_works::exhibitor_id,
    published_works::data,
    published_works::published_at,
);

fn published_work((id, pavilion, exhibitor, data, at): PublishedWorkTuple) -> Result<PublishedWork, CoreError> {
    Ok(PublishedWork {
        id: WorkId::from_trusted(id),
        pavilion_id: PavilionId::from_trusted(pavilion),
        exhibitor_id: ExhibitorId::from_trusted(exhibitor),
        details: super::documents::work_from_text("published_works.data", &data)?,
        published_at: at.and_utc(),
    })
}

/// The published works of one company, in creation order.
pub fn works_of(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &ExhibitorId,
    after_id: Option<&str>,
    limit: Option<i64>,
) -> Result<Vec<PublishedWork>, CoreError> {
    let mut query = published_works::table
        .filter(published_works::pavilion_id.eq(scope.id().as_str()))
        .filter(published_works::exhibitor_id.eq(exhibitor.as_str()))
        .select(WORK_COLUMNS)
        .order(published_works::work_id.asc())
        .into_boxed();
    if let Some(after) = after_id {
        query = query.filter(published_works::work_id.gt(after.to_owned()));
    }
    if let Some(limit) = limit {
        query = query.limit(limit);
    }
    query.load::<PublishedWorkTuple>(conn)?.into_iter().map(published_work).collect()
}

/// One published work of one company.
pub fn work(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    exhibitor: &ExhibitorId,
    id: &WorkId,
) -> Result<Option<PublishedWork>, CoreError> {
    published_works::table
        .filter(published_works::pavilion_id.eq(scope.id().as_str()))
        .filter(published_works::exhibitor_id.eq(exhibitor.as_str()))
        .filter(published_works::work_id.eq(id.as_str()))
        .select(WORK_COLUMNS)
        .first::<PublishedWorkTuple>(conn)
        .optional()?
        .map(published_work)
        .transpose()
}

/// Published companies and works of each of these pavilions: two grouped queries.
pub fn counts(
    conn: &mut DbConnection,
    scopes: &[PavilionScope],
) -> Result<std::collections::HashMap<PavilionId, (i64, i64)>, CoreError> {
    let ids: Vec<&str> = scopes.iter().map(|scope| scope.id().as_str()).collect();
    let companies: Vec<(String, i64)> = published_exhibitors::table
        .filter(published_exhibitors::pavilion_id.eq_any(&ids))
        .group_by(published_exhibitors::pavilion_id)
        .select((published_exhibitors::pavilion_id, diesel::dsl::count_star()))
        .load(conn)?;
    let works: Vec<(String, i64)> = published_works::table
        .filter(published_works::pavilion_id.eq_any(&ids))
        .group_by(published_works::pavilion_id)
        .select((published_works::pavilion_id, diesel::dsl::count_star()))
        .load(conn)?;
    let mut counts = std::collections::HashMap::new();
    for scope in scopes {
        counts.insert(scope.id().clone(), (0, 0));
    }
    for (id, n) in companies {
        counts.entry(PavilionId::from_trusted(id)).or_insert((0, 0)).0 = n;
    }
    for (id, n) in works {
        counts.entry(PavilionId::from_trusted(id)).or_insert((0, 0)).1 = n;
    }
    Ok(counts)
}

/// A public page's address parts and when it last changed, for sitemaps.
#[derive(Debug, Clone)]
pub struct PublicPage {
    pub pavilion: String,
    pub exhibitor: Option<String>,
    pub work: Option<String>,
    pub changed_at: DateTime<Utc>,
}

/// How many pages the public site has: active pavilions, their published companies, their
/// published works.
pub fn public_page_counts(conn: &mut DbConnection) -> Result<(i64, i64, i64), CoreError> {
    let active = PavilionStatus::Active.as_str();
    let pavilions: i64 = pavilions::table.filter(pavilions::status.eq(active)).count().get_result(conn)?;
    let companies: i64 = published_exhibitors::table
        .inner_join(pavilions::table)
        .filter(pavilions::status.eq(active))
        .count()
        .get_result(conn)?;
    let works: i64 = published_works::table
        .inner_join(pavilions::table)
        .filter(pavilions::status.eq(active))
        .count()
        .get_result(conn)?;
    Ok((pavilions, companies, works))
}

/// Active pavilions' pages, `limit` from `offset`, in slug order.
pub fn pavilion_pages(conn: &mut DbConnection, offset: i64, limit: i64) -> Result<Vec<PublicPage>, CoreError> {
    let rows: Vec<(String, NaiveDateTime)> = pavilions::table
        .filter(pavilions::status.eq(PavilionStatus::Active.as_str()))
        .order(pavilions::slug.asc())
        .select((pavilions::slug, pavilions::updated_at))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(pavilion, at)| PublicPage { pavilion, exhibitor: None, work: None, changed_at: at.and_utc() })
        .collect())
}

/// Published companies' pages of active pavilions, `limit` from `offset`.
pub fn company_pages(conn: &mut DbConnection, offset: i64, limit: i64) -> Result<Vec<PublicPage>, CoreError> {
    let rows: Vec<(String, String, NaiveDateTime)> = published_exhibitors::table
        .inner_join(pavilions::table)
        .filter(pavilions::status.eq(PavilionStatus::Active.as_str()))
        .order((pavilions::slug.asc(), published_exhibitors::exhibitor_id.asc()))
        .select((pavilions::slug, published_exhibitors::exhibitor_id, published_exhibitors::published_at))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(pavilion, exhibitor, at)| PublicPage {
            pavilion,
            exhibitor: Some(exhibitor),
            work: None,
            changed_at: at.and_utc(),
        })
        .collect())
}

/// Published works' pages of active pavilions, `limit` from `offset`.
pub fn work_pages(conn: &mut DbConnection, offset: i64, limit: i64) -> Result<Vec<PublicPage>, CoreError> {
    let rows: Vec<(String, String, String, NaiveDateTime)> = published_works::table
        .inner_join(pavilions::table)
        .filter(pavilions::status.eq(PavilionStatus::Active.as_str()))
        .order((pavilions::slug.asc(), published_works::work_id.asc()))
        .select((
            pavilions::slug,
            published_works::exhibitor_id,
            published_works::work_id,
            published_works::published_at,
        ))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(pavilion, exhibitor, work, at)| PublicPage {
            pavilion,
            exhibitor: Some(exhibitor),
            work: Some(work),
            changed_at: at.and_utc(),
        })
        .collect())
}

/// What the directory of companies can be searched by. Texts are already lower-cased.
#[derive(Debug, Default, Clone)]
pub struct ExhibitorSearch {
    pub pavilion: Option<PavilionScope>,
    pub words: Vec<String>,
    pub company_type: Option<CompanyType>,
}

/// The query behind a search of companies, every filter applied, before its columns are chosen.
type ExhibitorsQuery<'a> =
    diesel::dsl::IntoBoxed<'a, diesel::dsl::InnerJoin<published_exhibitors::table, pavilions::table>, Backend>;

fn filtered_exhibitors(
    conn: &mut DbConnection,
    search: &ExhibitorSearch,
) -> Result<ExhibitorsQuery<'static>, CoreError> {
    let mut query = published_exhibitors::table
        .inner_join(pavilions::table)
        .filter(pavilions::status.eq(PavilionStatus::Active.as_str()))
        .into_boxed();
    if let Some(pavilion) = &search.pavilion {
        query = query.filter(published_exhibitors::pavilion_id.eq(pavilion.id().as_str().to_owned()));
    }
    let text = TextMatch::plan(conn, &EXHIBITORS_INDEX, &search.words)?;
    for word in text.scanned {
        query = match word {
            SearchWord::Bigram(pattern) => query.filter(published_exhibitors::search_bigrams.like(pattern)),
            SearchWord::Substring(pattern) => {
                query.filter(published_exhibitors::search_text.like(pattern).escape(LIKE_ESCAPE))
            }
        };
    }
    if let Some(expression) = text.indexed {
        query = query.filter(sql::<Bool>(EXHIBITORS_INDEX.rows_matching).bind::<Text, _>(expression).sql(")"));
    }
    if let Some(kind) = &search.company_type {
        query = query.filter(published_exhibitors::company_type.eq(kind.as_str()));
    }
    Ok(query)
}

/// Published companies of active pavilions matching every word and filter, in id order.
pub fn search_exhibitors(
    conn: &mut DbConnection,
    search: &ExhibitorSearch,
    after_id: Option<&str>,
    limit: i64,
) -> Result<Vec<PublishedExhibitor>, CoreError> {
    let mut query = filtered_exhibitors(conn, search)?
        .select((
            published_exhibitors::exhibitor_id,
            published_exhibitors::pavilion_id,
            published_exhibitors::profile,
            published_exhibitors::published_at,
        ))
        .order(published_exhibitors::exhibitor_id.asc())
        .limit(limit);
    if let Some(after) = after_id {
        query = query.filter(published_exhibitors::exhibitor_id.gt(after.to_owned()));
    }
    query.load::<(String, String, String, NaiveDateTime)>(conn)?.into_iter().map(published_exhibitor).collect()
}

/// How many companies a search finds, counted up to `cap` (a page says "more than" beyond it,
/// so that a broad search never counts the whole directory).
/// The ids of the companies a search finds, in id order, at most `limit`: enough to count them
/// and to cut a page from, without reading their profiles.
pub fn matching_exhibitor_ids(
    conn: &mut DbConnection,
    search: &ExhibitorSearch,
    limit: i64,
) -> Result<Vec<String>, CoreError> {
    Ok(filtered_exhibitors(conn, search)?
        .select(published_exhibitors::exhibitor_id)
        .order(published_exhibitors::exhibitor_id.asc())
        .limit(limit)
        .load(conn)?)
}

/// Published companies of active pavilions by id, in id order.
pub fn exhibitors_by_ids(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<PublishedExhibitor>, CoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    published_exhibitors::table
        .inner_join(pavilions::table)
        .filter(pavilions::status.eq(PavilionStatus::Active.as_str()))
        .filter(published_exhibitors::exhibitor_id.eq_any(ids))
        .select((
            published_exhibitors::exhibitor_id,
            published_exhibitors::pavilion_id,
            published_exhibitors::profile,
            published_exhibitors::published_at,
        ))
        .order(published_exhibitors::exhibitor_id.asc())
        .load::<(String, String, String, NaiveDateTime)>(conn)?
        .into_iter()
        .map(published_exhibitor)
        .collect()
}

fn published_exhibitor(
    (id, pavilion, profile, at): (String, String, String, NaiveDateTime),
) -> Result<PublishedExhibitor, CoreError> {
    Ok(PublishedExhibitor {
        id: ExhibitorId::from_trusted(id),
        pavilion_id: PavilionId::from_trusted(pavilion),
        profile: super::documents::profile_from_text("published_exhibitors.profile", &profile)?,
        published_at: at.and_utc(),
    })
}

/// What the directory of works can be searched by. Texts are already lower-cased.
#[derive(Debug, Default, Clone)]
pub struct WorkSearch {
    pub pavilion: Option<PavilionScope>,
    pub words: Vec<String>,
    pub kind: Option<WorkKind>,
    pub genre: Option<Genre>,
    pub production_status: Option<ProductionStatus>,
    pub language: Option<String>,
    /// Rights that cover this territory (see `Territory::covers`: worldwide, a region holding it,
    /// a country of it).
    pub territory: Option<Territory>,
}

/// What a search of works reads from: its works joined with their pavilions.
type WorksSource = diesel::dsl::InnerJoinQuerySource<published_works::table, pavilions::table>;

/// The query behind a search of works, every filter applied, before its columns are chosen.
type WorksQuery<'a> =
    diesel::dsl::IntoBoxed<'a, diesel::dsl::InnerJoin<published_works::table, pavilions::table>, Backend>;

fn filtered_works(conn: &mut DbConnection, search: &WorkSearch) -> Result<WorksQuery<'static>, CoreError> {
    let mut query = published_works::table
        .inner_join(pavilions::table)
        .filter(pavilions::status.eq(PavilionStatus::Active.as_str()))
        .into_boxed();
    if let Some(pavilion) = &search.pavilion {
        query = query.filter(published_works::pavilion_id.eq(pavilion.id().as_str().to_owned()));
    }
    let text = TextMatch::plan(conn, &WORKS_INDEX, &search.words)?;
    for word in text.scanned {
        query = match word {
            SearchWord::Bigram(pattern) => query.filter(published_works::search_bigrams.like(pattern)),
            SearchWord::Substring(pattern) => {
                query.filter(published_works::search_text.like(pattern).escape(LIKE_ESCAPE))
            }
        };
    }
    if let Some(expression) = text.indexed {
        query = query.filter(sql::<Bool>(WORKS_INDEX.rows_matching).bind::<Text, _>(expression).sql(")"));
    }
    if let Some(kind) = &search.kind {
        query = query.filter(published_works::kind.eq(kind.as_str()));
    }
    if let Some(status) = &search.production_status {
        query = query.filter(published_works::production_status.eq(status.as_str()));
    }
    if let Some(genre) = &search.genre {
        query = query.filter(published_works::genres.like(format!("%|{}|%", genre.as_str())));
    }
    if let Some(language) = &search.language {
        query = query.filter(published_works::languages.like(format!("%|{language}|%")));
    }
    if let Some(territory) = &search.territory {
        // Rights in any territory that covers the one asked for: itself, worldwide, a region
        // holding it, a country of it (see `Territory::covers`).
        let held = |code: &str| published_works::territories.like(format!("%|{code}|%"));
        let mut covering: Box<dyn BoxableExpression<WorksSource, Backend, SqlType = Bool>> = Box::new(held("WW"));
        for code in territory.covered_by().into_iter().filter(|code| *code != "WW") {
            covering = Box::new(covering.or(held(code)));
        }
        query = query.filter(covering);
    }
    Ok(query)
}

/// Published works of active pavilions matching every word and filter, in id order.
pub fn search_works(
    conn: &mut DbConnection,
    search: &WorkSearch,
    after_id: Option<&str>,
    limit: i64,
) -> Result<Vec<PublishedWork>, CoreError> {
    let mut query =
        filtered_works(conn, search)?.select(WORK_COLUMNS).order(published_works::work_id.asc()).limit(limit);
    if let Some(after) = after_id {
        query = query.filter(published_works::work_id.gt(after.to_owned()));
    }
    query.load::<PublishedWorkTuple>(conn)?.into_iter().map(published_work).collect()
}

/// How many works a search finds, counted up to `cap`.
/// The ids of the works a search finds, in id order, at most `limit`.
pub fn matching_work_ids(conn: &mut DbConnection, search: &WorkSearch, limit: i64) -> Result<Vec<String>, CoreError> {
    Ok(filtered_works(conn, search)?
        .select(published_works::work_id)
        .order(published_works::work_id.asc())
        .limit(limit)
        .load(conn)?)
}

/// Published works of active pavilions by id, in id order.
pub fn works_by_ids(conn: &mut DbConnection, ids: &[String]) -> Result<Vec<PublishedWork>, CoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    published_works::table
        .inner_join(pavilions::table)
        .filter(pavilions::status.eq(PavilionStatus::Active.as_str()))
        .filter(published_works::work_id.eq_any(ids))
        .select(WORK_COLUMNS)
        .order(published_works::work_id.asc())
        .load::<PublishedWorkTuple>(conn)?
        .into_iter()
        .map(published_work)
        .collect()
}

/// How one search word is matched with LIKE: two CJK characters as a whole token of the bigram
/// column (which PostgreSQL's trigram index serves), anything else as a substring of the text.
enum SearchWord {
    Bigram(String),
    Substring(String),
}

impl SearchWord {
    fn of(word: &str) -> Self {
        if is_cjk_pair(word) { Self::Bigram(format!("% {word} %")) } else { Self::Substring(like_pattern(word)) }
    }
}

fn is_cjk_pair(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.len() == 2 && chars.iter().all(|c| crate::domain::document::is_cjk(*c))
}

/// SQLite's text index of one published table: an FTS5 trigram table linked by `search_rowid`
/// (migration 000008). PostgreSQL answers the same LIKE conditions from its trigram indexes.
struct TextIndex {
    fts_table: &'static str,
    /// The filter on the published table, up to the bound FTS5 expression and a closing `)`.
    rows_matching: &'static str,
}

const WORKS_INDEX: TextIndex = TextIndex {
    fts_table: "published_works_search",
    rows_matching: "published_works.search_rowid IN \
        (SELECT rowid FROM published_works_search WHERE published_works_search MATCH ",
};

const EXHIBITORS_INDEX: TextIndex = TextIndex {
    fts_table: "published_exhibitors_search",
    rows_matching: "published_exhibitors.search_rowid IN \
        (SELECT rowid FROM published_exhibitors_search WHERE published_exhibitors_search MATCH ",
};

/// Above this many index matches, a search reads rows in page order and checks LIKE instead:
/// matches are then dense enough that a page fills within a few thousand rows, while fetching
/// and sorting every match would cost more (a common word matches 16,000 of 200,000 works).
const INDEX_MATCH_LIMIT: i64 = 2_000;

/// How a search's words are matched: each with LIKE, or on SQLite, where LIKE '%word%' reads
/// every row, the words the index can serve together from the index when they are rare.
struct TextMatch {
    scanned: Vec<SearchWord>,
    /// An FTS5 expression for the indexed words.
    indexed: Option<String>,
}

#[derive(QueryableByName)]
struct MatchCount {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    matches: i64,
}

impl TextMatch {
    fn plan(conn: &mut DbConnection, index: &TextIndex, words: &[String]) -> Result<Self, CoreError> {
        let all_scanned = || Self { scanned: words.iter().map(|word| SearchWord::of(word)).collect(), indexed: None };
        let DbConnection::Sqlite(sqlite) = conn else {
            return Ok(all_scanned());
        };
        // The trigram index serves words of three characters or more, and pairs of CJK
        // characters as whole tokens of the bigram column. Shorter words are read with LIKE.
        let (indexed, scanned): (Vec<&String>, Vec<&String>) =
            words.iter().partition(|word| word.chars().count() >= 3 || is_cjk_pair(word));
        if indexed.is_empty() {
            return Ok(all_scanned());
        }
        let expression = indexed
            .iter()
            .map(|word| {
                let phrase = word.replace('"', "\"\"");
                if is_cjk_pair(word) {
                    format!("search_bigrams : \" {phrase} \"")
                } else {
                    format!("search_text : \"{phrase}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" AND ");
        let fts = index.fts_table;
        let count = format!(
            "SELECT count(*) AS matches FROM \
             (SELECT rowid FROM {fts} WHERE {fts} MATCH ? LIMIT {INDEX_MATCH_LIMIT})"
        );
        let MatchCount { matches } =
            diesel::sql_query(count).bind::<Text, _>(&expression).get_result::<MatchCount>(sqlite)?;
        if matches >= INDEX_MATCH_LIMIT {
            return Ok(all_scanned());
        }
        Ok(Self { scanned: scanned.into_iter().map(|word| SearchWord::of(word)).collect(), indexed: Some(expression) })
    }
}

/// The escape character of every substring pattern (`LIKE … ESCAPE '\'`).
const LIKE_ESCAPE: char = '\\';

/// `%word%`, with LIKE's wildcards in the word escaped, so `50%` finds "50%" and `%` alone finds
/// only a percent sign.
fn like_pattern(word: &str) -> String {
    let mut pattern = String::from('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | LIKE_ESCAPE) {
            pattern.push(LIKE_ESCAPE);
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// A page of this pavilion's published companies in id order (`limit` after `after_id`): what
/// an export of the published copy reads, page by page.
pub fn exhibitors_page(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    after_id: Option<&str>,
    limit: i64,
) -> Result<Vec<PublishedExhibitor>, CoreError> {
    let mut query = published_exhibitors::table
        .filter(published_exhibitors::pavilion_id.eq(scope.id().as_str()))
        .select((published_exhibitors::exhibitor_id, published_exhibitors::profile, published_exhibitors::published_at))
        .order(published_exhibitors::exhibitor_id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after_id {
        query = query.filter(published_exhibitors::exhibitor_id.gt(after.to_owned()));
    }
    query
        .load::<(String, String, NaiveDateTime)>(conn)?
        .into_iter()
        .map(|(id, profile, at)| {
            Ok(PublishedExhibitor {
                id: ExhibitorId::from_trusted(id),
                pavilion_id: scope.id().clone(),
                profile: super::documents::profile_from_text("published_exhibitors.profile", &profile)?,
                published_at: at.and_utc(),
            })
        })
        .collect()
}

/// A page of this pavilion's published works in id order, every company's.
pub fn works_page(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    after_id: Option<&str>,
    limit: i64,
) -> Result<Vec<PublishedWork>, CoreError> {
    let mut query = published_works::table
        .filter(published_works::pavilion_id.eq(scope.id().as_str()))
        .select(WORK_COLUMNS)
        .order(published_works::work_id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after_id {
        query = query.filter(published_works::work_id.gt(after.to_owned()));
    }
    query.load::<PublishedWorkTuple>(conn)?.into_iter().map(published_work).collect()
}

/// The published names of these companies of this pavilion, by id.
pub fn names(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    ids: &[&str],
) -> Result<std::collections::HashMap<String, crate::domain::LocalizedText>, CoreError> {
    let rows: Vec<(String, String)> = published_exhibitors::table
        .filter(published_exhibitors::pavilion_id.eq(scope.id().as_str()))
        .filter(published_exhibitors::exhibitor_id.eq_any(ids))
        .select((published_exhibitors::exhibitor_id, published_exhibitors::profile))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, profile)| {
            Ok((id, super::documents::profile_from_text("published_exhibitors.profile", &profile)?.name))
        })
        .collect()
}
