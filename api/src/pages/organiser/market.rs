//! `GET /{lang}/workspace/market`: the organiser's overview of the market: every pavilion's
//! readiness in one table, sortable by any column, and drawn as two charts (companies by review
//! state per pavilion; how complete the market's profiles are). The figures are those of
//! `GET /api/v1/market/overview`, from the same use case (`services::market::overview`). Anyone
//! but the organiser finds no such page.

use crate::pages::kernel::browser;
use crate::pages::kernel::charts::{BarInput, Columns, StackedBars};
use crate::pages::kernel::forms::Select;
use crate::pages::kernel::{PageError, PageLang, PageMeta, Shown, SignedIn, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, Utc};
use pavilion_core::services::market::{self, ByState, Completeness, PavilionFigures};
use serde::Deserialize;
use std::cmp::Ordering;

/// Pavilions per page of the table (and of the chart beside it).
const PAGE_SIZE: usize = 50;

/// The series of the companies-by-state chart, in the order of the review: (CSS class, status).
pub const STATE_SERIES: [(&str, &str); 4] = [
    ("state-approved", "approved"),
    ("state-submitted", "submitted"),
    ("state-changes", "changes_requested"),
    ("state-draft", "draft"),
];

/// The columns the table sorts by, as (query value, catalog key of the heading).
const COLUMNS: [(&str, &str); 12] = [
    ("name", "market-col-pavilion"),
    ("companies", "market-col-companies"),
    ("approved", "market-col-approved"),
    ("waiting", "market-col-waiting"),
    ("changes", "market-col-changes"),
    ("draft", "market-col-draft"),
    ("median", "market-col-median"),
    ("complete", "market-col-complete"),
    ("works", "market-col-works"),
    ("emails", "market-col-emails"),
    ("activity", "market-col-activity"),
    ("deadline", "market-col-deadline"),
];

#[derive(Deserialize)]
pub struct MarketQuery {
    sort: Option<String>,
    dir: Option<String>,
    page: Option<usize>,
}

/// A sortable column heading: its link, and `aria-sort` when the table is sorted by it.
pub struct Heading {
    pub label: String,
    pub href: String,
    pub aria_sort: Option<&'static str>,
    /// ▲ or ▼ beside the sorted column's heading (hidden from screen readers: `aria-sort` says it).
    pub arrow: &'static str,
}

/// A pavilion's figures, written for the table.
pub struct Row {
    pub name: Shown,
    pub href: String,
    pub status: String,
    pub companies: i64,
    pub approved: i64,
    pub waiting: i64,
    pub oldest_wait: Option<String>,
    pub changes: i64,
    pub draft: i64,
    pub median: String,
    pub complete: i64,
    pub works: String,
    pub emails: String,
    pub emails_failing: bool,
    pub activity: Option<When>,
    pub deadline: Option<When>,
    /// Its deadline is near or past and not every company is approved.
    pub late: bool,
}

/// A moment, written in UTC, with its machine-readable form for `<time>`.
pub struct When {
    pub text: String,
    pub iso: String,
}

impl When {
    pub fn of(at: DateTime<Utc>) -> Self {
        Self { text: at.format("%Y-%m-%d %H:%M UTC").to_string(), iso: at.to_rfc3339() }
    }
}

/// A headline figure: its label, its value, and what to know about it.
pub struct Figure {
    pub label: String,
    pub value: String,
    pub note: Option<String>,
}

impl Figure {
    pub fn new(label: String, value: String) -> Self {
        Self { label, value, note: None }
    }
}

#[derive(Template)]
#[template(path = "organiser/market.html")]
struct MarketPage {
    page: PageMeta,
    t: Text,
    totals: Vec<Figure>,
    headings: Vec<Heading>,
    rows: Vec<Row>,
    by_state: StackedBars,
    completeness: Columns,
    distribution: Vec<(String, i64)>,
    pager: Vec<(String, String, bool)>,
    showing: String,
    /// The same sorting as the headings' links, as a form (the headings are hidden on a phone).
    sorting: Vec<Select>,
    base: String,
    export_action: String,
    export_choices: Vec<Select>,
}

/// How many days a pavilion's deadline may be away and still count as near.
const NEAR_DAYS: i64 = 14;

pub async fn handle(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { person, browser }: SignedIn,
    query: web::Query<MarketQuery>,
) -> Result<HttpResponse, PageError> {
    let rest = "/workspace/market";
    let (me, mut overview) = state
        .run(move |conn, state| {
            let (me, _) = pavilion_core::services::accounts::me(conn, &person)?;
            Ok((me, market::overview(conn, &person, state.now())?))
        })
        .await
        // The organiser's page: for anyone else there is no such page.
        .map_err(|error| PageError::from(error).hiding_forbidden())?;
    let t = lang.text();
    let now = state.now();
    let query = query.into_inner();
    let sort = COLUMNS.iter().find(|(value, _)| Some(*value) == query.sort.as_deref()).map_or("name", |(v, _)| *v);
    let descending = query.dir.as_deref() == Some("desc");
    let base = format!("/{}{rest}", lang.path());

    let mut pavilions = std::mem::take(&mut overview.pavilions);
    pavilions.sort_by(|a, b| {
        let order = compare(sort, a, b, lang);
        let order = if descending { order.reverse() } else { order };
        // Ties keep one order, whatever the direction: by name.
        order.then_with(|| Shown::of(&a.pavilion.name, lang).text.cmp(&Shown::of(&b.pavilion.name, lang).text))
    });
    let pages = pavilions.len().div_ceil(PAGE_SIZE).max(1);
    let current = query.page.unwrap_or(1).clamp(1, pages);
    let shown: Vec<&PavilionFigures> = pavilions.iter().skip((current - 1) * PAGE_SIZE).take(PAGE_SIZE).collect();

    let headings = headings(&t, &base, sort, descending);
    let rows = shown.iter().map(|figures| row(&t, lang, figures, now)).collect();
    let by_state = companies_by_state(&t, lang, &shown);
    let (completeness, distribution) = completeness_chart(&t, "market-completeness", &overview.completeness);
    let totals = totals(&t, &overview, pavilions.len(), now);
    let sorting = sorting(&t, sort, descending);
    let keep = format!("sort={sort}&dir={}", if descending { "desc" } else { "asc" });
    let pager = (1..=pages)
        .filter(|_| pages > 1)
        .map(|number| (format!("{base}?{keep}&page={number}"), number.to_string(), number == current))
        .collect();
    let first = (current - 1) * PAGE_SIZE + 1;
    let showing = t.with(
        "market-showing",
        &[
            ("first", &first.min(pavilions.len()).to_string()),
            ("last", &((current - 1) * PAGE_SIZE + shown.len()).to_string()),
            ("total", &pavilions.len().to_string()),
        ],
    );
    let mut page = PageMeta::private(&state, lang, rest, t.get("market-title"));
    page.keep_query(Some(&keep));
    page.account = browser::account_bar(&state, &browser, lang, &me.name);
    let template = MarketPage {
        export_action: format!("{base}/export"),
        export_choices: crate::pages::kernel::forms::export_choices(&t),
        totals,
        headings,
        rows,
        by_state,
        completeness,
        distribution,
        pager,
        showing,
        sorting,
        base,
        page,
        t,
    };
    Ok(private_page(&state, &browser, StatusCode::OK, &template, Referrer::SameOrigin)?)
}

/// The columns' headings, each a link that sorts by it (again: the other way round).
fn headings(t: &Text, base: &str, sort: &str, descending: bool) -> Vec<Heading> {
    COLUMNS
        .iter()
        .map(|(value, key)| {
            let sorted = *value == sort;
            // A click on the sorted column turns it round; on another, sorts it ascending.
            let dir = if sorted && !descending { "desc" } else { "asc" };
            Heading {
                label: t.get(key),
                href: format!("{base}?sort={value}&dir={dir}"),
                aria_sort: sorted.then_some(if descending { "descending" } else { "ascending" }),
                arrow: match (sorted, descending) {
                    (false, _) => "",
                    (true, false) => " ▲",
                    (true, true) => " ▼",
                },
            }
        })
        .collect()
}

/// The market's figures above the table.
fn totals(t: &Text, overview: &market::MarketOverview, pavilions: usize, now: DateTime<Utc>) -> Vec<Figure> {
    vec![
        Figure::new(t.get("market-total-pavilions"), pavilions.to_string()),
        Figure::new(t.get("market-col-companies"), overview.companies.total().to_string()),
        Figure::new(t.get("market-col-approved"), overview.companies.approved.to_string()),
        Figure {
            label: t.get("market-col-waiting"),
            value: overview.reviews_waiting.to_string(),
            note: overview
                .oldest_waiting_since
                .filter(|_| overview.reviews_waiting > 0)
                .map(|since| waited(t, since, now)),
        },
        Figure::new(t.get("market-col-median"), median(t, &overview.completeness)),
        Figure::new(t.get("market-col-complete"), overview.completeness.complete().to_string()),
        Figure::new(t.get("market-col-works"), works(t, overview.published_works, overview.works)),
        Figure::new(t.get("market-col-emails"), emails(t, overview.emails_pending, overview.emails_failed_recently)),
        Figure::new(
            t.get("market-col-activity"),
            overview.last_activity.map_or_else(|| t.get("market-never"), |at| When::of(at).text),
        ),
    ]
}

/// The sort's form, for browsers without the headings' links at hand (a phone's narrow table).
fn sorting(t: &Text, sort: &str, descending: bool) -> Vec<Select> {
    vec![
        Select::new(
            "sort",
            t.get("market-sort-by"),
            sort,
            COLUMNS.iter().map(|(value, key)| ((*value).to_owned(), t.get(key))).collect(),
        ),
        Select::new(
            "dir",
            t.get("market-sort-order"),
            if descending { "desc" } else { "asc" },
            vec![("asc".to_owned(), t.get("market-sort-asc")), ("desc".to_owned(), t.get("market-sort-desc"))],
        ),
    ]
}

/// The order of two pavilions by one column, ascending.
fn compare(sort: &str, a: &PavilionFigures, b: &PavilionFigures, lang: PageLang) -> Ordering {
    match sort {
        "companies" => a.companies.total().cmp(&b.companies.total()),
        "approved" => a.companies.approved.cmp(&b.companies.approved),
        "waiting" => a.reviews_waiting.cmp(&b.reviews_waiting),
        "changes" => a.companies.changes_requested.cmp(&b.companies.changes_requested),
        "draft" => a.companies.draft.cmp(&b.companies.draft),
        "median" => a.completeness.median().cmp(&b.completeness.median()),
        "complete" => a.completeness.complete().cmp(&b.completeness.complete()),
        "works" => a.published_works.cmp(&b.published_works).then(a.works.cmp(&b.works)),
        "emails" => {
            a.emails_failed_recently.cmp(&b.emails_failed_recently).then(a.emails_pending.cmp(&b.emails_pending))
        }
        "activity" => a.last_activity.cmp(&b.last_activity),
        // Pavilions without a deadline come after every dated one.
        "deadline" => match (a.pavilion.profile_deadline, b.pavilion.profile_deadline) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        _ => Shown::of(&a.pavilion.name, lang).text.cmp(&Shown::of(&b.pavilion.name, lang).text),
    }
}

fn row(t: &Text, lang: PageLang, figures: &PavilionFigures, now: DateTime<Utc>) -> Row {
    let pavilion = &figures.pavilion;
    let deadline = pavilion.profile_deadline;
    let unfinished = figures.companies.approved < figures.companies.total();
    Row {
        name: Shown::of(&pavilion.name, lang),
        href: format!("/{}/workspace/pavilions/{}", lang.path(), pavilion.slug),
        status: t.get(&format!("pavilion-status-{}", pavilion.status.as_str())),
        companies: figures.companies.total(),
        approved: figures.companies.approved,
        waiting: figures.reviews_waiting,
        oldest_wait: figures.oldest_waiting_since.map(|since| waited(t, since, now)),
        changes: figures.companies.changes_requested,
        draft: figures.companies.draft,
        median: median(t, &figures.completeness),
        complete: figures.completeness.complete(),
        works: works(t, figures.published_works, figures.works),
        emails: emails(t, figures.emails_pending, figures.emails_failed_recently),
        emails_failing: figures.emails_failed_recently > 0,
        activity: figures.last_activity.map(When::of),
        deadline: deadline.map(When::of),
        late: unfinished && deadline.is_some_and(|at| at - now < chrono::Duration::days(NEAR_DAYS)),
    }
}

pub fn waited(t: &Text, since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    t.count("market-oldest-days", "days", (now - since).num_days().max(0))
}

pub fn median(t: &Text, completeness: &Completeness) -> String {
    completeness.median().map_or_else(|| t.get("market-no-companies"), |median| format!("{median}%"))
}

pub fn works(t: &Text, published: i64, all: i64) -> String {
    t.with("market-works-value", &[("published", &published.to_string()), ("all", &all.to_string())])
}

pub fn emails(t: &Text, pending: i64, failed: i64) -> String {
    t.with("market-emails-value", &[("pending", &pending.to_string()), ("failed", &failed.to_string())])
}

/// The names of the review states, in the charts' order.
pub fn state_series(t: &Text) -> Vec<(&'static str, String)> {
    STATE_SERIES.iter().map(|(class, status)| (*class, t.get(&format!("status-{status}")))).collect()
}

/// A row's values in the order of [`STATE_SERIES`].
pub fn state_values(by: &ByState) -> Vec<i64> {
    vec![by.approved, by.submitted, by.changes_requested, by.draft]
}

fn companies_by_state(t: &Text, lang: PageLang, shown: &[&PavilionFigures]) -> StackedBars {
    let rows = shown
        .iter()
        .map(|figures| {
            let name = Shown::of(&figures.pavilion.name, lang);
            BarInput {
                label: name.text,
                lang: name.lang,
                total: t.count("market-companies-count", "count", figures.companies.total()),
                values: state_values(&figures.companies),
            }
        })
        .collect();
    StackedBars::new(
        "market-by-state",
        t.get("market-chart-states-title"),
        t.count("market-chart-states-description", "count", i64::try_from(shown.len()).unwrap_or(i64::MAX)),
        &state_series(t),
        rows,
    )
}

/// The completeness distribution as a column chart, and its numbers for the table under it.
pub fn completeness_chart(t: &Text, id: &str, completeness: &Completeness) -> (Columns, Vec<(String, i64)>) {
    let deciles = completeness.deciles();
    // The chart's labels are short (eleven share its width); the table's say "%".
    let band =
        |tenth: usize| if tenth == 10 { "100".to_owned() } else { format!("{}–{}", tenth * 10, tenth * 10 + 9) };
    let bands: Vec<(String, i64)> =
        deciles.iter().enumerate().map(|(tenth, n)| (format!("{}%", band(tenth)), *n)).collect();
    let columns = deciles.iter().enumerate().map(|(tenth, n)| (band(tenth), *n)).collect();
    let total: i64 = bands.iter().map(|(_, count)| count).sum();
    let description = t.with(
        "market-chart-completeness-description",
        &[
            ("total", &total.to_string()),
            ("median", &median(t, completeness)),
            ("complete", &completeness.complete().to_string()),
        ],
    );
    let chart = Columns::new(id, t.get("market-chart-completeness-title"), description, columns);
    (chart, bands)
}
