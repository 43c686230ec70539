//! `GET /{lang}/directory`: search of the published works and companies of every active pavilion,
//! with the JSON directory's filters as query parameters, a count of the results and pages that
//! keep the query.

use crate::pages::kernel::forms::Choice;
use crate::pages::kernel::{PageError, PageLang, PageMeta, Shown, i18n::Text, public_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::{CompanyType, Genre, ProductionStatus, Territory, Vocabulary, WorkKind};
use pavilion_core::services::Page;
use pavilion_core::services::directory::{self, Query, ResultCount};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Results on one page.
const PAGE_SIZE: i64 = 24;

/// The query string, as the filter form sends it. Unknown parameters are ignored.
#[derive(Debug, Default, Deserialize)]
pub struct DirectoryParams {
    show: Option<String>,
    q: Option<String>,
    pavilion: Option<String>,
    company_type: Option<String>,
    kind: Option<String>,
    genre: Option<String>,
    production_status: Option<String>,
    language: Option<String>,
    territory: Option<String>,
    cursor: Option<String>,
}

/// What the search lists: works (the default) or companies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Showing {
    Works,
    Companies,
}

impl DirectoryParams {
    /// Read leniently: a repeated or odd parameter must not turn the page into a bare 400.
    fn read(params: &HashMap<String, String>) -> Self {
        let value = |name: &str| params.get(name).cloned();
        Self {
            show: value("show"),
            q: value("q"),
            pavilion: value("pavilion"),
            company_type: value("company_type"),
            kind: value("kind"),
            genre: value("genre"),
            production_status: value("production_status"),
            language: value("language"),
            territory: value("territory"),
            cursor: value("cursor").filter(|c| !c.is_empty()),
        }
    }

    fn showing(&self) -> Showing {
        if self.show.as_deref() == Some("companies") { Showing::Companies } else { Showing::Works }
    }

    /// The filters that apply to what is shown, as `(name, value)` pairs in form order.
    fn filters(&self) -> Vec<(&'static str, &str)> {
        let mut pairs = vec![("q", &self.q), ("pavilion", &self.pavilion)];
        match self.showing() {
            Showing::Companies => pairs.push(("company_type", &self.company_type)),
            Showing::Works => pairs.extend([
                ("kind", &self.kind),
                ("genre", &self.genre),
                ("production_status", &self.production_status),
                ("language", &self.language),
                ("territory", &self.territory),
            ]),
        }
        pairs
            .into_iter()
            .filter_map(|(name, value)| Some((name, value.as_deref()?.trim())))
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }

    fn query(&self) -> Query {
        let kept =
            |value: &Option<String>| value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let works = self.showing() == Showing::Works;
        Query {
            q: kept(&self.q),
            pavilion: kept(&self.pavilion),
            company_type: if works { None } else { kept(&self.company_type) },
            kind: if works { kept(&self.kind) } else { None },
            genre: if works { kept(&self.genre) } else { None },
            production_status: if works { kept(&self.production_status) } else { None },
            language: if works { kept(&self.language) } else { None },
            territory: if works { kept(&self.territory) } else { None },
        }
    }

    /// This search's address, on another page (`cursor`) or listing the other kind (`show`).
    fn href(&self, lang: PageLang, showing: Showing, cursor: Option<&str>) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if showing == Showing::Companies {
            query.append_pair("show", "companies");
        }
        let same = showing == self.showing();
        for (name, value) in self.filters() {
            // Switching between works and companies keeps only what both have.
            if same || matches!(name, "q" | "pavilion") {
                query.append_pair(name, value);
            }
        }
        if let Some(cursor) = cursor {
            query.append_pair("cursor", cursor);
        }
        let query = query.finish();
        let base = format!("/{}/directory", lang.path());
        if query.is_empty() { base } else { format!("{base}?{query}") }
    }
}

/// A `<select>` filter with its choices and, for a refused value, its error.
pub struct Filter {
    pub name: &'static str,
    pub label: String,
    pub any: String,
    pub choices: Vec<Choice>,
    pub error: Option<String>,
}

/// One result: a work or a company.
pub struct ResultCard {
    pub title: Shown,
    pub href: String,
    pub meta: Vec<String>,
    pub pavilion: Shown,
}

#[derive(Template)]
#[template(path = "public/directory.html")]
struct DirectoryPage {
    page: PageMeta,
    t: Text,
    companies: bool,
    works_href: String,
    companies_href: String,
    q: String,
    q_error: Option<String>,
    filters: Vec<Filter>,
    summary: String,
    results: Vec<ResultCard>,
    next_page: Option<String>,
    first_page: Option<String>,
}

/// The choices of one filter in one language: value, label, and the label's language when it is
/// not the page's.
type Options = Vec<(String, String, Option<&'static str>)>;

/// Every filter's choices in one language, made once: the territories alone are 250 sorted
/// names, and words looked up per request would cost more than the search.
struct FilterOptions {
    company_type: Options,
    kind: Options,
    genre: Options,
    status: Options,
    language: Options,
    territory: Options,
}

fn filter_options(lang: PageLang) -> &'static FilterOptions {
    static MADE: OnceLock<Vec<FilterOptions>> = OnceLock::new();
    let made = MADE.get_or_init(|| PageLang::ALL.into_iter().map(make_filter_options).collect());
    let index = PageLang::ALL.iter().position(|other| *other == lang).unwrap_or(0);
    &made[index]
}

fn make_filter_options(lang: PageLang) -> FilterOptions {
    let t = lang.text();
    let english = (lang.html() != "en").then_some("en");
    FilterOptions {
        company_type: vocabulary::<CompanyType>(&t, "company-type"),
        kind: vocabulary::<WorkKind>(&t, "kind"),
        genre: vocabulary::<Genre>(&t, "genre"),
        status: vocabulary::<ProductionStatus>(&t, "status"),
        language: crate::pages::kernel::i18n::NAMED_LANGUAGES
            .iter()
            .map(|code| ((*code).to_owned(), t.language(code), None))
            .collect(),
        territory: Territory::all()
            .into_iter()
            .map(|territory| match territory {
                Territory::Region(region) => {
                    (territory.code().to_owned(), t.get(&format!("region-{}", region.as_str())), None)
                }
                Territory::Country(_) => (territory.code().to_owned(), territory.english_name().to_owned(), english),
            })
            .collect(),
    }
}

fn choices(selected: Option<&str>, options: &Options) -> Vec<Choice> {
    options
        .iter()
        .map(|(value, label, lang)| Choice {
            selected: selected == Some(value.as_str()),
            value: value.clone(),
            label: label.clone(),
            lang: *lang,
        })
        .collect()
}

fn vocabulary<T: Vocabulary>(t: &Text, prefix: &str) -> Options {
    T::NAMES.iter().map(|name| ((*name).to_owned(), t.get(&format!("{prefix}-{name}")), None)).collect()
}

pub async fn handle(
    state: web::Data<AppState>,
    lang: PageLang,
    params: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, PageError> {
    let params = DirectoryParams::read(&params);
    let showing = params.showing();
    let (query, cursor) = (params.query(), params.cursor.clone());
    let count_key = format!("{showing:?} {query:?}");
    let known = state.recent_counts.get(&count_key, state.now());
    let searched = state
        .run(move |conn, _| {
            let pavilions = directory::pavilion_choices(conn)?;
            let found = match (showing, known) {
                (Showing::Works, Some(count)) => {
                    directory::works(conn, query, cursor.as_deref(), PAGE_SIZE).map(|page| (count, Found::Works(page)))
                }
                (Showing::Works, None) => directory::works_counted(conn, query, cursor.as_deref(), PAGE_SIZE)
                    .map(|(count, page)| (count, Found::Works(page))),
                (Showing::Companies, Some(count)) => directory::exhibitors(conn, query, cursor.as_deref(), PAGE_SIZE)
                    .map(|page| (count, Found::Companies(page))),
                (Showing::Companies, None) => directory::exhibitors_counted(conn, query, cursor.as_deref(), PAGE_SIZE)
                    .map(|(count, page)| (count, Found::Companies(page))),
            };
            // A refused filter is shown on the form, not as a failure of the page.
            Ok((pavilions, found))
        })
        .await?;
    let (pavilions, found) = searched;
    let t = lang.text();
    let pavilion_names: HashMap<String, Shown> =
        pavilions.iter().map(|p| (p.slug.to_string(), Shown::of(&p.name, lang))).collect();

    let Outcome { status, errors, count, results, next_cursor } = match found {
        Ok((count, found)) => {
            if known.is_none() {
                state.recent_counts.put(count_key, state.now(), count);
            }
            let (results, next_cursor) = cards(&t, lang, &pavilion_names, found);
            Outcome { status: StatusCode::OK, errors: HashMap::new(), count: Some(count), results, next_cursor }
        }
        Err(CoreError::Validation(fields)) => refused(&t, fields),
        Err(error) => return Err(error.into()),
    };
    let filters = filters(&t, lang, &params, showing, &pavilions, &errors);
    let summary = match (count, showing) {
        (None, _) => t.get("directory-refused"),
        (Some(ResultCount::Exactly(n)), Showing::Works) => t.count("directory-found-works", "count", n),
        (Some(ResultCount::Exactly(n)), Showing::Companies) => t.count("directory-found-companies", "count", n),
        (Some(ResultCount::MoreThan(n)), Showing::Works) => t.count("directory-many-works", "count", n),
        (Some(ResultCount::MoreThan(n)), Showing::Companies) => t.count("directory-many-companies", "count", n),
    };
    let mut page = PageMeta::new(&state, lang, "/directory", t.get("directory-title"), t.get("directory-description"));
    let here = params.href(lang, showing, params.cursor.as_deref());
    page.keep_query(here.split_once('?').map(|(_, query)| query));
    let template = DirectoryPage {
        companies: showing == Showing::Companies,
        works_href: params.href(lang, Showing::Works, None),
        companies_href: params.href(lang, Showing::Companies, None),
        q: params.q.clone().unwrap_or_default(),
        q_error: errors.get("q").cloned(),
        filters,
        summary,
        results,
        next_page: next_cursor.map(|cursor| params.href(lang, showing, Some(&cursor))),
        first_page: params.cursor.is_some().then(|| params.href(lang, showing, None)),
        page,
        t,
    };
    Ok(public_page(status, &template)?)
}

/// The form's filters, as chosen, with their refusals: the pavilion's, and those of what is shown.
fn filters(
    t: &Text,
    lang: PageLang,
    params: &DirectoryParams,
    showing: Showing,
    pavilions: &[pavilion_core::domain::Pavilion],
    errors: &HashMap<String, String>,
) -> Vec<Filter> {
    let selected = |name: &str| params.filters().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_owned());
    let mut filters = vec![Filter {
        name: "pavilion",
        label: t.get("directory-pavilion"),
        any: t.get("directory-any-pavilion"),
        choices: choices(
            selected("pavilion").as_deref(),
            &pavilions
                .iter()
                .map(|p| {
                    let name = Shown::of(&p.name, lang);
                    (p.slug.to_string(), name.text, name.lang)
                })
                .collect(),
        ),
        error: errors.get("pavilion").cloned(),
    }];
    let options = filter_options(lang);
    let mut filter = |name: &'static str, label: &str, options: &Options| {
        filters.push(Filter {
            name,
            label: t.get(label),
            any: t.get("directory-any"),
            choices: choices(selected(name).as_deref(), options),
            error: errors.get(name).cloned(),
        });
    };
    match showing {
        Showing::Companies => filter("company_type", "directory-company-type", &options.company_type),
        Showing::Works => {
            filter("kind", "directory-kind", &options.kind);
            filter("genre", "directory-genre", &options.genre);
            filter("production_status", "directory-status", &options.status);
            filter("language", "directory-language", &options.language);
            filter("territory", "directory-territory", &options.territory);
        }
    }
    filters
}

/// What the page shows of a search: its status, its refusals by field, the count and the cards.
struct Outcome {
    status: StatusCode,
    errors: HashMap<String, String>,
    count: Option<ResultCount>,
    results: Vec<ResultCard>,
    next_cursor: Option<String>,
}

/// A search refused: each refused filter said beside it; a cursor that is not ours, beside the
/// search box (the error is the address's, not a field's).
fn refused(t: &Text, fields: Vec<pavilion_core::error::FieldError>) -> Outcome {
    let mut errors: HashMap<String, String> =
        fields.into_iter().map(|e| (e.field, t.get("directory-invalid-choice"))).collect();
    if errors.is_empty() {
        errors.insert("q".to_owned(), t.get("directory-invalid-page"));
    }
    Outcome { status: StatusCode::UNPROCESSABLE_ENTITY, errors, count: None, results: Vec::new(), next_cursor: None }
}

enum Found {
    Works(Page<pavilion_core::services::Listed<pavilion_core::domain::PublishedWork>>),
    Companies(Page<pavilion_core::services::Listed<pavilion_core::domain::PublishedExhibitor>>),
}

fn cards(
    t: &Text,
    lang: PageLang,
    pavilion_names: &HashMap<String, Shown>,
    found: Found,
) -> (Vec<ResultCard>, Option<String>) {
    let pavilion = |slug: &str| pavilion_names.get(slug).cloned().unwrap_or_default();
    match found {
        Found::Works(page) => (
            page.items
                .into_iter()
                .map(|listed| {
                    let slug = listed.pavilion.unwrap_or_default();
                    let work = listed.item;
                    let details = &work.details;
                    ResultCard {
                        title: Shown::of(&details.title, lang),
                        href: format!(
                            "/{}/pavilions/{slug}/exhibitors/{}/works/{}",
                            lang.path(),
                            work.exhibitor_id,
                            work.id
                        ),
                        meta: vec![crate::pages::public::company::work_summary(t, details)],
                        pavilion: pavilion(&slug),
                    }
                })
                .collect(),
            page.next_cursor,
        ),
        Found::Companies(page) => (
            page.items
                .into_iter()
                .map(|listed| {
                    let slug = listed.pavilion.unwrap_or_default();
                    let profile = &listed.item.profile;
                    let mut meta = Vec::new();
                    if let Some(kind) = profile.company_type {
                        meta.push(t.get(&format!("company-type-{}", kind.as_str())));
                    }
                    ResultCard {
                        title: Shown::of(&profile.name, lang),
                        href: format!("/{}/pavilions/{slug}/exhibitors/{}", lang.path(), listed.item.id),
                        meta,
                        pavilion: pavilion(&slug),
                    }
                })
                .collect(),
            page.next_cursor,
        ),
    }
}
