//! Exports of companies and of works, for the printed brochure and for editing in a spreadsheet:
//! one row per company or work, one column per field and language (named by its JSON path:
//! `name.en`, `name.zh-Hans`, `contact_email`), lists joined by "; ", rights in words. Either the
//! published copy (what the public sees) or the working copy.
//!
//! An export is authorised once ([`of_pavilion`], [`of_market`]) and then read page by page
//! ([`Export::page`]), each page a short query of one pavilion in id order, so that the caller
//! streams it without holding the market in memory or a connection for the whole download. Rows
//! written between two pages appear as they are when their page is read.

use crate::db::{self, DbConnection};
use crate::domain::{
    Exhibitor, ExhibitorProfile, LocalizedText, PublishedExhibitor, PublishedWork, Region, Territory, Vocabulary, Work,
    WorkDetails,
};
use crate::error::CoreError;
use crate::policy::Principal;
use crate::policy::tenancy::{self, Need, PavilionScope};
pub use crate::spreadsheet::Cell;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Rows per page: small enough to keep memory flat, large enough that queries are few.
pub const PAGE_ROWS: i64 = 500;

/// What is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    Exhibitors,
    Works,
}

impl Dataset {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "exhibitors" => Some(Self::Exhibitors),
            "works" => Some(Self::Works),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exhibitors => "exhibitors",
            Self::Works => "works",
        }
    }
}

/// Which copy: what the public sees, or what the companies are editing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Published,
    Working,
}

impl Version {
    /// `published` (the default) or `working`.
    pub fn parse(raw: Option<&str>) -> Result<Self, CoreError> {
        match raw {
            None | Some("published") => Ok(Self::Published),
            Some("working") => Ok(Self::Working),
            Some(_) => Err(CoreError::invalid("version", "unknown_value", "must be one of published, working")),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Published => "published",
            Self::Working => "working",
        }
    }
}

impl Cell {
    fn text(value: impl Into<String>) -> Self {
        let value = value.into();
        if value.is_empty() { Self::Empty } else { Self::Text(value) }
    }

    fn optional(value: Option<&str>) -> Self {
        value.map_or(Self::Empty, Self::text)
    }

    fn number(value: Option<i64>) -> Self {
        value.map_or(Self::Empty, Self::Number)
    }

    fn list<'a>(values: impl IntoIterator<Item = &'a str>) -> Self {
        Self::text(values.into_iter().collect::<Vec<_>>().join(LIST_SEPARATOR))
    }

    fn when(at: Option<DateTime<Utc>>) -> Self {
        at.map_or(Self::Empty, |at| Self::Text(at.format("%Y-%m-%d %H:%M:%S UTC").to_string()))
    }
}

/// How the elements of a list share one cell (and how an import splits them).
pub const LIST_SEPARATOR: &str = "; ";

/// The columns of a company row, in order; an import reads the same names.
pub const EXHIBITOR_COLUMNS: &[&str] = &[
    "id",
    "pavilion",
    "name.en",
    "name.zh-Hans",
    "name.zh-Hant",
    "company_type",
    "description.en",
    "description.zh-Hans",
    "description.zh-Hant",
    "city.en",
    "city.zh-Hans",
    "city.zh-Hant",
    "website",
    "booth",
    "languages",
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
    "contact_public",
    "status",
    "completeness",
    "updated_at",
    "published_at",
];

/// The columns of a work row, in order.
pub const WORK_COLUMNS: &[&str] = &[
    "id",
    "pavilion",
    "exhibitor_id",
    "company",
    "title.en",
    "title.zh-Hans",
    "title.zh-Hant",
    "original_title",
    "kind",
    "genres",
    "year",
    "runtime_minutes",
    "episodes",
    "episode_minutes",
    "production_status",
    "synopsis.en",
    "synopsis.zh-Hans",
    "synopsis.zh-Hant",
    "directors",
    "cast",
    "languages",
    "trailer_url",
    "festivals",
    "rights",
    "updated_at",
    "published_at",
];

/// An authorised export: what, which copy, and of which pavilions (in slug order).
#[derive(Debug, Clone)]
pub struct Export {
    pub dataset: Dataset,
    pub version: Version,
    scopes: Vec<PavilionScope>,
}

/// Where the next page starts: a pavilion of the export, and the last id read in it.
#[derive(Debug, Clone, Default)]
pub struct Cursor {
    pavilion: usize,
    after: Option<String>,
}

/// One pavilion's export, for its admins and the organiser.
pub fn of_pavilion(
    conn: &mut DbConnection,
    caller: &Principal,
    slug: &str,
    dataset: Dataset,
    version: Version,
) -> Result<Export, CoreError> {
    let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
    Ok(Export { dataset, version, scopes: vec![scope] })
}

/// The market's export, for the organiser: every pavilion, or those `slugs` name (an unknown
/// slug is refused, not skipped, so a typo does not pass for an empty pavilion).
pub fn of_market(
    conn: &mut DbConnection,
    caller: &Principal,
    slugs: &[String],
    dataset: Dataset,
    version: Version,
) -> Result<Export, CoreError> {
    let market = tenancy::market(caller)?;
    let mut pavilions = db::pavilions::all(conn, &market)?;
    if !slugs.is_empty() {
        if let Some(unknown) = slugs.iter().find(|slug| !pavilions.iter().any(|p| p.slug.as_str() == slug.as_str())) {
            return Err(CoreError::invalid("pavilion", "unknown_pavilion", format!("no pavilion is called {unknown}")));
        }
        pavilions.retain(|p| slugs.iter().any(|slug| slug == p.slug.as_str()));
    }
    pavilions.sort_by(|a, b| a.slug.as_str().cmp(b.slug.as_str()));
    let scopes = pavilions
        .into_iter()
        .map(|pavilion| tenancy::authorize(Some(caller), pavilion, Need::Manage))
        .collect::<Result<_, _>>()?;
    Ok(Export { dataset, version, scopes })
}

impl Export {
    /// The header row.
    pub fn columns(&self) -> &'static [&'static str] {
        match self.dataset {
            Dataset::Exhibitors => EXHIBITOR_COLUMNS,
            Dataset::Works => WORK_COLUMNS,
        }
    }

    /// A name for the file: `pavilion-hangzhou-works-published` or `market-exhibitors-working`.
    pub fn file_stem(&self) -> String {
        let what = match self.scopes.as_slice() {
            [one] => format!("pavilion-{}", one.slug()),
            _ => "market".to_owned(),
        };
        format!("{what}-{}-{}", self.dataset.as_str(), self.version.as_str())
    }

    /// The rows after `cursor`, at most [`PAGE_ROWS`], and where the next page starts (`None`
    /// once every pavilion is read).
    pub fn page(&self, conn: &mut DbConnection, cursor: Cursor) -> Result<(Vec<Vec<Cell>>, Option<Cursor>), CoreError> {
        let Cursor { mut pavilion, mut after } = cursor;
        while let Some(scope) = self.scopes.get(pavilion) {
            let (rows, last) = self.rows_of(conn, scope, after.as_deref())?;
            if rows.is_empty() {
                pavilion += 1;
                after = None;
                continue;
            }
            let next = if i64::try_from(rows.len()).unwrap_or(0) < PAGE_ROWS {
                Cursor { pavilion: pavilion + 1, after: None }
            } else {
                Cursor { pavilion, after: last }
            };
            let more = next.pavilion < self.scopes.len();
            return Ok((rows, more.then_some(next)));
        }
        Ok((Vec::new(), None))
    }

    /// One page of one pavilion, and the id of its last row.
    fn rows_of(
        &self,
        conn: &mut DbConnection,
        scope: &PavilionScope,
        after: Option<&str>,
    ) -> Result<(Vec<Vec<Cell>>, Option<String>), CoreError> {
        let slug = scope.slug().as_str();
        match (self.dataset, self.version) {
            (Dataset::Exhibitors, Version::Working) => {
                let filter = crate::domain::ExhibitorFilter::default();
                let found = db::exhibitors::list(conn, scope, &filter, after, PAGE_ROWS)?;
                let last = found.last().map(|e| e.id.to_string());
                Ok((found.iter().map(|e| working_exhibitor_row(slug, e)).collect(), last))
            }
            (Dataset::Exhibitors, Version::Published) => {
                let found = db::published::exhibitors_page(conn, scope, after, PAGE_ROWS)?;
                let last = found.last().map(|e| e.id.to_string());
                Ok((found.iter().map(|e| published_exhibitor_row(slug, e)).collect(), last))
            }
            (Dataset::Works, Version::Working) => {
                let found = db::exhibitors::pavilion_works(conn, scope, after, PAGE_ROWS)?;
                let ids = company_ids(found.iter().map(|w| w.exhibitor_id.as_str()));
                let names = db::exhibitors::names(conn, scope, &ids)?;
                let last = found.last().map(|w| w.id.to_string());
                Ok((found.iter().map(|w| working_work_row(slug, w, &names)).collect(), last))
            }
            (Dataset::Works, Version::Published) => {
                let found = db::published::works_page(conn, scope, after, PAGE_ROWS)?;
                let ids = company_ids(found.iter().map(|w| w.exhibitor_id.as_str()));
                let names = db::published::names(conn, scope, &ids)?;
                let last = found.last().map(|w| w.id.to_string());
                Ok((found.iter().map(|w| published_work_row(slug, w, &names)).collect(), last))
            }
        }
    }
}

fn company_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut ids: Vec<&str> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn localized(text: &LocalizedText) -> [Cell; 3] {
    [
        Cell::optional(text.en.as_deref()),
        Cell::optional(text.zh_hans.as_deref()),
        Cell::optional(text.zh_hant.as_deref()),
    ]
}

/// The profile's columns, from `name.en` to `contact_public`.
fn profile_cells(profile: &ExhibitorProfile) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(EXHIBITOR_COLUMNS.len());
    cells.extend(localized(&profile.name));
    cells.push(Cell::optional(profile.company_type.map(Vocabulary::as_str)));
    cells.extend(localized(&profile.description));
    cells.extend(localized(&profile.city));
    cells.push(Cell::optional(profile.website.as_deref()));
    cells.push(Cell::optional(profile.booth.as_deref()));
    cells.push(Cell::list(profile.languages.iter().map(String::as_str)));
    // The first contact: the company's contact person. Others stay in the workspace.
    let contact = profile.contacts.first();
    cells.push(Cell::optional(contact.map(|c| c.name.as_str())));
    cells.push(Cell::optional(contact.and_then(|c| c.title.as_deref())));
    cells.push(Cell::optional(contact.and_then(|c| c.email.as_deref())));
    cells.push(Cell::optional(contact.and_then(|c| c.phone.as_deref())));
    cells.push(contact.map_or(Cell::Empty, |c| Cell::text(if c.public { "yes" } else { "no" })));
    cells
}

fn working_exhibitor_row(slug: &str, exhibitor: &Exhibitor) -> Vec<Cell> {
    let mut row = vec![Cell::text(exhibitor.id.as_str()), Cell::text(slug)];
    row.extend(profile_cells(&exhibitor.profile));
    row.push(Cell::text(exhibitor.status.as_str()));
    row.push(Cell::Number(i64::from(exhibitor.completeness)));
    row.push(Cell::when(Some(exhibitor.updated_at)));
    row.push(Cell::when(exhibitor.published_at));
    row
}

fn published_exhibitor_row(slug: &str, exhibitor: &PublishedExhibitor) -> Vec<Cell> {
    let mut row = vec![Cell::text(exhibitor.id.as_str()), Cell::text(slug)];
    row.extend(profile_cells(&exhibitor.profile));
    // The published copy has no review state or score of its own: it is what was approved.
    row.extend([Cell::text("published"), Cell::Empty, Cell::Empty, Cell::when(Some(exhibitor.published_at))]);
    row
}

/// A company's name for a work's row: English, else the first filled language.
fn company_name(names: &HashMap<String, LocalizedText>, id: &str) -> Cell {
    Cell::optional(names.get(id).and_then(|name| name.pick(crate::domain::Locale::En)).map(|(_, text)| text))
}

/// The work's columns, from `title.en` to `rights`.
fn details_cells(details: &WorkDetails) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(WORK_COLUMNS.len());
    cells.extend(localized(&details.title));
    cells.push(Cell::optional(details.original_title.as_deref()));
    cells.push(Cell::text(details.kind.as_str()));
    cells.push(Cell::list(details.genres.iter().map(|genre| genre.as_str())));
    cells.push(Cell::number(details.year.map(i64::from)));
    cells.push(Cell::number(details.runtime_minutes.map(i64::from)));
    cells.push(Cell::number(details.episodes.map(i64::from)));
    cells.push(Cell::number(details.episode_minutes.map(i64::from)));
    cells.push(Cell::text(details.production_status.as_str()));
    cells.extend(localized(&details.synopsis));
    cells.push(Cell::list(details.directors.iter().map(String::as_str)));
    cells.push(Cell::list(details.cast.iter().map(String::as_str)));
    cells.push(Cell::list(details.languages.iter().map(String::as_str)));
    cells.push(Cell::optional(details.trailer_url.as_deref()));
    cells.push(Cell::list(details.festivals.iter().map(String::as_str)));
    cells.push(Cell::text(rights_in_words(details)));
    cells
}

/// Rights as a reader writes them: "France (FR): theatrical, streaming; Greater China
/// (GREATER_CHINA): tv".
pub fn rights_in_words(details: &WorkDetails) -> String {
    details
        .rights
        .iter()
        .map(|rights| {
            let media: Vec<&str> = rights.media.iter().map(|medium| medium.as_str()).collect();
            format!("{} ({}): {}", territory_name(rights.territory), rights.territory.code(), media.join(", "))
        })
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

/// A territory's English name: a country's own ("France"), a region's in words.
fn territory_name(territory: Territory) -> &'static str {
    match territory {
        Territory::Country(_) => territory.english_name(),
        Territory::Region(region) => match region {
            Region::Worldwide => "Worldwide",
            Region::Asia => "Asia",
            Region::Europe => "Europe",
            Region::NorthAmerica => "North America",
            Region::LatinAmerica => "Latin America",
            Region::Mena => "Middle East and North Africa",
            Region::Africa => "Africa",
            Region::Oceania => "Oceania",
            Region::GreaterChina => "Greater China",
        },
    }
}

fn working_work_row(slug: &str, work: &Work, names: &HashMap<String, LocalizedText>) -> Vec<Cell> {
    let mut row = vec![
        Cell::text(work.id.as_str()),
        Cell::text(slug),
        Cell::text(work.exhibitor_id.as_str()),
        company_name(names, work.exhibitor_id.as_str()),
    ];
    row.extend(details_cells(&work.details));
    row.push(Cell::when(Some(work.updated_at)));
    row.push(Cell::Empty);
    row
}

fn published_work_row(slug: &str, work: &PublishedWork, names: &HashMap<String, LocalizedText>) -> Vec<Cell> {
    let mut row = vec![
        Cell::text(work.id.as_str()),
        Cell::text(slug),
        Cell::text(work.exhibitor_id.as_str()),
        company_name(names, work.exhibitor_id.as_str()),
    ];
    row.extend(details_cells(&work.details));
    row.push(Cell::Empty);
    row.push(Cell::when(Some(work.published_at)));
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_have_as_many_cells_as_their_header() {
        let profile = ExhibitorProfile::default();
        assert_eq!(profile_cells(&profile).len() + 6, EXHIBITOR_COLUMNS.len());
        let details = WorkDetails::parse(
            crate::domain::WorkInput {
                title: LocalizedText { en: Some("T".into()), ..LocalizedText::default() },
                kind: "feature".into(),
                production_status: "completed".into(),
                ..crate::domain::WorkInput::default()
            },
            None,
        )
        .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(details_cells(&details).len() + 6, WORK_COLUMNS.len());
    }

    #[test]
    fn the_version_is_published_unless_working_is_asked() {
        assert_eq!(Version::parse(None).ok(), Some(Version::Published));
        assert_eq!(Version::parse(Some("working")).ok(), Some(Version::Working));
        assert!(Version::parse(Some("draft")).is_err());
    }
}
