//! `GET|POST …/companies/{id}/works/new` and `GET|POST …/companies/{id}/works/{work_id}`: a
//! work's editor, every field of the catalogue entry: titles and synopsis in three languages
//! (with "fill from the other script"), kind, status, genres and languages as choices, credits
//! one per line, and the rights as a table of territories × media. A territory is chosen by
//! typing its name (a searchable list of the named regions and every country); nobody needs to
//! know ISO codes. The poster has its own form (`…/poster`).
//!
//! Saves go through the same use cases as `POST|PATCH …/works`, guarded by the version the form
//! was read at: a stale save is merged as the profile editor does (`company_profile`).

use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::company::editor::{self, EditorForm, Feedback, Posted};
use crate::pages::company::{self as company_workspace, Reads};
use crate::pages::kernel::Tab;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::{self, Choice, Field, FieldErrors, FormData, LocalizedInput, Select, Values};
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::domain::{
    ExhibitorId, GENRES, Locale, MEDIA, PRODUCTION_STATUSES, RightsInput, Territory, Vocabulary, WORK_KINDS,
    WorkDetails, WorkId, WorkInput,
};
use pavilion_core::services::works;
use serde::Deserialize;
use std::collections::HashMap;

/// Empty rows of the rights table, to add territories.
const EMPTY_RIGHTS_ROWS: usize = 3;
/// The most rights rows a posted form is read for (a work holds at most 300).
const MAX_RIGHTS_ROWS: usize = 320;
/// The number fields, kept as typed when they do not read as numbers.
const NUMBERS: [&str; 4] = ["year", "runtime_minutes", "episodes", "episode_minutes"];
/// The credits, one per line.
const LISTS: [&str; 3] = ["directors", "cast", "festivals"];

#[derive(Deserialize)]
pub struct WorkPagePath {
    pub lang: String,
    pub slug: String,
    pub id: String,
    pub work_id: String,
}

#[derive(Deserialize)]
pub struct NewWorkPath {
    pub lang: String,
    pub slug: String,
    pub id: String,
}

pub struct CheckChoice {
    pub name: String,
    pub label: String,
    pub checked: bool,
}

pub struct RightsRow {
    pub index: usize,
    pub territory: String,
    pub territory_error: Option<String>,
    pub media_error: Option<String>,
    pub media: Vec<CheckChoice>,
    pub theirs: Option<String>,
}

pub struct ListField {
    pub name: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub error: Option<String>,
    pub theirs: Option<String>,
}

#[derive(Template)]
#[template(path = "company/company_work.html")]
struct WorkPage {
    page: PageMeta,
    t: Text,
    company: Shown,
    heading: String,
    tabs: Vec<Tab>,
    back: (String, String),
    notice: Option<String>,
    alert: Option<String>,
    conflict: Option<String>,
    form_token: String,
    action: String,
    locked: Option<String>,
    version: i64,
    base: String,
    phrasing: Vec<Choice>,
    texts: Vec<LocalizedInput>,
    selects: Vec<Select>,
    lines: Vec<Field>,
    genres: Vec<CheckChoice>,
    genres_error: Option<String>,
    languages: Vec<CheckChoice>,
    other_languages: Field,
    languages_error: Option<String>,
    lists: Vec<ListField>,
    media_labels: Vec<String>,
    rights: Vec<RightsRow>,
    rights_error: Option<String>,
    territories: Vec<(String, Option<&'static str>)>,
    poster: Option<String>,
    poster_alt: String,
    poster_action: Option<String>,
    max_upload_bytes: usize,
    poster_hint: String,
    upload_too_large: String,
}

/// A territory as the rights table shows it and reads it back: `France (FR)`, `Asia (ASIA)`.
fn territory_choice(t: &Text, territory: Territory) -> String {
    let name = match territory {
        Territory::Region(region) => t.get(&format!("region-{}", region.as_str())),
        Territory::Country(country) => country.name().to_owned(),
    };
    format!("{name} ({})", territory.code())
}

/// The code of a territory as typed: `France (FR)`, `FR`, `fr`, `France`, `Asia`.
fn territory_code(t: &Text, typed: &str) -> String {
    let typed = typed.trim();
    if let Some(code) = typed.strip_suffix(')').and_then(|rest| rest.rsplit_once('(')).map(|(_, code)| code.trim()) {
        return code.to_owned();
    }
    if Territory::from_code(typed).is_some() {
        return typed.to_owned();
    }
    Territory::all()
        .into_iter()
        .find(|territory| {
            let (name, _) = territory_choice(t, *territory)
                .rsplit_once(" (")
                .map(|(n, c)| (n.to_owned(), c.to_owned()))
                .unwrap_or_default();
            name.eq_ignore_ascii_case(typed) || territory.english_name().eq_ignore_ascii_case(typed)
        })
        .map_or_else(|| typed.to_owned(), |territory| territory.code().to_owned())
}

/// The work as a form's fields.
fn values_of(t: &Text, input: &WorkInput) -> Values {
    let mut values = Values::new();
    for (field, text) in [("title", &input.title), ("synopsis", &input.synopsis)] {
        for (locale, value) in
            [(Locale::En, &text.en), (Locale::ZhHans, &text.zh_hans), (Locale::ZhHant, &text.zh_hant)]
        {
            values.insert(format!("{field}.{}", locale.as_str()), value.clone().unwrap_or_default());
        }
    }
    values.insert("original_title".into(), input.original_title.clone().unwrap_or_default());
    values.insert("kind".into(), input.kind.clone());
    values.insert("production_status".into(), input.production_status.clone());
    // As the checkboxes give them back: in the vocabulary's order.
    let genres: Vec<&str> = GENRES.iter().copied().filter(|genre| input.genres.iter().any(|g| g == genre)).collect();
    values.insert("genres".into(), genres.join(", "));
    values.insert("languages".into(), forms::languages_value(&input.languages));
    let number = |value: Option<u32>| value.map(|v| v.to_string()).unwrap_or_default();
    values.insert("year".into(), input.year.map(|y| y.to_string()).unwrap_or_default());
    values.insert("runtime_minutes".into(), number(input.runtime_minutes));
    values.insert("episodes".into(), number(input.episodes));
    values.insert("episode_minutes".into(), number(input.episode_minutes));
    values.insert("trailer_url".into(), input.trailer_url.clone().unwrap_or_default());
    values.insert("directors".into(), input.directors.join("\n"));
    values.insert("cast".into(), input.cast.join("\n"));
    values.insert("festivals".into(), input.festivals.join("\n"));
    for (index, rights) in input.rights.iter().enumerate() {
        let shown = Territory::from_code(&rights.territory)
            .map_or_else(|| rights.territory.clone(), |territory| territory_choice(t, territory));
        values.insert(format!("rights.{index}.territory"), shown);
        values.insert(format!("rights.{index}.media"), rights.media.join(", "));
    }
    values
}

/// The work a posted form describes; rights rows without a territory are left out.
fn input_of(t: &Text, form: &FormData) -> WorkInput {
    let checked = |field: &str, names: &[&str]| -> Vec<String> {
        names
            .iter()
            .filter(|name| form.get(&format!("{field}.{name}")) == "on")
            .map(|name| (*name).to_owned())
            .collect()
    };
    let mut languages = checked("languages", &crate::pages::kernel::i18n::NAMED_LANGUAGES);
    languages.extend(
        form.get("languages.other")
            .split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
            .filter(|code| !code.is_empty())
            .map(str::to_owned),
    );
    let lines = |field: &str| -> Vec<String> {
        form.get(field).lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
    };
    // A number that does not read as one is refused by the checks as out of range.
    let number = |field: &str| -> Option<u32> {
        let raw = form.get(field).trim();
        (!raw.is_empty()).then(|| raw.parse().unwrap_or(0))
    };
    let rights = (0..MAX_RIGHTS_ROWS)
        .filter_map(|row| {
            let typed = form.get(&format!("rights.{row}.territory"));
            (!typed.trim().is_empty()).then(|| RightsInput {
                territory: territory_code(t, typed),
                media: checked(&format!("rights.{row}.media"), MEDIA),
            })
        })
        .collect();
    WorkInput {
        title: forms::localized(form, "title"),
        original_title: forms::optional(form, "original_title"),
        kind: form.get("kind").to_owned(),
        genres: checked("genres", GENRES),
        year: {
            let raw = form.get("year").trim();
            (!raw.is_empty()).then(|| raw.parse().unwrap_or(0))
        },
        runtime_minutes: number("runtime_minutes"),
        episodes: number("episodes"),
        episode_minutes: number("episode_minutes"),
        production_status: form.get("production_status").to_owned(),
        synopsis: forms::localized(form, "synopsis"),
        directors: lines("directors"),
        cast: lines("cast"),
        languages,
        trailer_url: forms::optional(form, "trailer_url"),
        festivals: lines("festivals"),
        rights,
    }
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

pub async fn new_form(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<NewWorkPath>,
) -> Result<HttpResponse, ApiError> {
    let NewWorkPath { lang, slug, id } = path.into_inner();
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    render(&state, &browser, lang, &slug, &id, None, None, Feedback::default()).await
}

pub async fn edit_form(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<WorkPagePath>,
    done: web::Query<Done>,
) -> Result<HttpResponse, ApiError> {
    let WorkPagePath { lang, slug, id, work_id } = path.into_inner();
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    let notice = done.into_inner().done.and_then(|done| match done.as_str() {
        "created" | "saved" | "poster" => Some(lang.text().get(&format!("work-done-{done}"))),
        _ => None,
    });
    render(&state, &browser, lang, &slug, &id, Some(&work_id), None, Feedback { notice, ..Feedback::default() }).await
}

pub async fn create(
    state: web::Data<AppState>,
    browser: Browser,
    client: Client,
    path: web::Path<NewWorkPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let NewWorkPath { lang, slug, id } = path.into_inner();
    save(&state, browser, client, lang, slug, id, None, form.into_inner()).await
}

pub async fn update(
    state: web::Data<AppState>,
    browser: Browser,
    client: Client,
    path: web::Path<WorkPagePath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let WorkPagePath { lang, slug, id, work_id } = path.into_inner();
    save(&state, browser, client, lang, slug, id, Some(work_id), form.into_inner()).await
}

/// The page after the language of the work's editor (or of a new work's).
fn work_rest(slug: &str, id: &str, work: Option<&str>) -> String {
    format!("{}/works/{}", company_workspace::company_rest(slug, id), work.unwrap_or("new"))
}

#[allow(clippy::too_many_arguments)]
async fn save(
    state: &AppState,
    browser: Browser,
    Client(client): Client,
    lang: String,
    slug: String,
    id: String,
    work_id: Option<String>,
    fields: HashMap<String, String>,
) -> Result<HttpResponse, ApiError> {
    let rest = work_rest(&slug, &id, work_id.as_deref());
    let (lang, form) = match forms::posted(state, &browser, &lang, fields, &rest) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let Ok(company) = ExhibitorId::parse(&id) else { return crate::pages::kernel::not_found(state, lang, &rest) };
    let work = match work_id.as_deref().map(WorkId::parse) {
        None => None,
        Some(Ok(work)) => Some(work),
        Some(Err(_)) => return crate::pages::kernel::not_found(state, lang, &rest),
    };
    let t = lang.text();
    let input = input_of(&t, &form);
    let mut values = values_of(&t, &input);
    for field in NUMBERS {
        values.insert(field.to_owned(), form.get(field).trim().to_owned());
    }
    let mut posted = EditorForm::posted(&form, values);
    let mut feedback = Feedback::for_form(&form);
    let work_ref = work_id.as_deref();
    if !form.get("fill").is_empty() {
        editor::fill(&t, &mut posted.values, form.get("fill"), &["title", "synopsis"], &mut feedback);
        return render(state, &browser, lang, &slug, &id, work_ref, Some(Posted::As(posted)), feedback).await;
    }
    let version = posted.version;
    let pavilion = slug.clone();
    let saved = match work.clone() {
        None => {
            state
                .call(Some(caller), client, move |ctx| {
                    works::create(ctx, &pavilion, &company, WorkDetails::parse(input, None)?)
                        .map(|work| (work, Vec::new()))
                })
                .await
        }
        Some(work) => {
            state
                .call(Some(caller), client, move |ctx| {
                    works::update(ctx, &pavilion, &company, &work, Some(version), |stored: &WorkDetails| {
                        WorkDetails::parse(input, stored.poster.clone())
                    })
                })
                .await
        }
    };
    match saved {
        Ok((saved, released)) => {
            crate::uploads::discard_all(state, released).await;
            let done = if work.is_some() { "saved" } else { "created" };
            let to = format!("/{}{}?done={done}", lang.path(), work_rest(&slug, &id, Some(saved.id.as_str())));
            Ok(crate::pages::kernel::see_other(&to).finish())
        }
        Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) => {
            crate::pages::kernel::not_found(state, lang, &rest)
        }
        Err(error) if error.status_code_is(StatusCode::FORBIDDEN) => {
            company_workspace::not_yours(state, &browser, lang, &rest)
        }
        Err(error) if error.status_code_is(StatusCode::PRECONDITION_FAILED) => {
            feedback.status = Some(StatusCode::PRECONDITION_FAILED);
            render(state, &browser, lang, &slug, &id, work_ref, Some(Posted::Stale(posted)), feedback).await
        }
        Err(error) => {
            feedback.status = Some(actix_web::ResponseError::status_code(&error));
            if error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) {
                feedback.alert = Some(t.get("form-has-errors"));
                feedback.errors = FieldErrors::from_error(&t, &error);
            } else if error.status_code_is(StatusCode::LOCKED) {
                feedback.alert = Some(t.get("company-locked"));
            } else if error.status_code_is(StatusCode::CONFLICT) {
                feedback.alert = Some(t.get("works-too-many"));
            } else {
                return Err(error);
            }
            render(state, &browser, lang, &slug, &id, work_ref, Some(Posted::As(posted)), feedback).await
        }
    }
}

/// The editor showing a refusal of something posted from it (the poster's form).
#[allow(clippy::too_many_arguments)]
pub async fn show_refusal(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    slug: &str,
    id: &str,
    work_id: &str,
    alert: String,
    status: StatusCode,
) -> Result<HttpResponse, ApiError> {
    render(state, browser, lang, slug, id, Some(work_id), None, Feedback::refused(alert, status)).await
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    slug: &str,
    id: &str,
    work_id: Option<&str>,
    posted: Option<Posted>,
    mut feedback: Feedback,
) -> Result<HttpResponse, ApiError> {
    let rest = work_rest(slug, id, work_id);
    let work = match work_id.map(WorkId::parse) {
        None => None,
        Some(Ok(work)) => Some(work),
        Some(Err(_)) => return crate::pages::kernel::not_found(state, lang, &rest),
    };
    let workspace = match company_workspace::load(
        state,
        browser,
        lang,
        slug,
        id,
        Reads { works: work.is_some(), published: false },
    )
    .await?
    {
        Ok(workspace) => workspace,
        Err(page) => return Ok(page),
    };
    // The work, from the company's catalogue: another company's work is not found here.
    let current = match &work {
        None => None,
        Some(work) => match workspace.works.iter().find(|candidate| &candidate.id == work) {
            Some(found) => Some(found.clone()),
            None => return crate::pages::kernel::not_found(state, lang, &rest),
        },
    };
    let t = lang.text();
    let stored = current.as_ref().map(|work| (values_of(&t, &work.details.to_input()), work.version));
    let form = match (posted, &stored) {
        (None, Some((values, version))) => EditorForm::stored(values.clone(), *version),
        (None, None) => {
            let mut values = Values::new();
            values.insert("kind".into(), "feature".into());
            values.insert("production_status".into(), "completed".into());
            EditorForm { values, version: 0, base: Values::new() }
        }
        (Some(Posted::As(form)), _) => form,
        (Some(Posted::Stale(mine)), Some((stored, version))) => {
            let field_name = |field: &str| t.get(&format!("work-field-{field}"));
            editor::merge_stale(&t, mine, stored, *version, field_name, &mut feedback)
        }
        (Some(Posted::Stale(mine)), None) => mine,
    };
    let locked = (workspace.draft.edits_locked && !workspace.for_pavilion()).then(|| {
        format!("{} {}", t.get("company-locked"), company_workspace::who_unlocks(&t, &workspace.pavilion, lang))
    });
    if locked.is_some() && feedback.status.is_none() {
        feedback.status = Some(StatusCode::LOCKED);
    }
    let disabled = locked.is_some();
    let values = &form.values;
    let value = |name: &str| values.get(name).cloned().unwrap_or_default();
    let errors = &feedback.errors;
    let theirs = &feedback.theirs;
    let texts = [("title", "work-field-title", false), ("synopsis", "work-synopsis", true)]
        .into_iter()
        .map(|(field, legend, multiline)| {
            LocalizedInput::new(&t, field, t.get(legend), multiline, values).annotate(
                errors,
                theirs,
                feedback.suggested.as_deref(),
                disabled,
            )
        })
        .collect();
    let select = |name: &'static str, label: &str, prefix: &str, names: &[&str]| {
        let options = names.iter().map(|n| ((*n).to_owned(), t.get(&format!("{prefix}-{n}")))).collect();
        let mut select = Select::new(name, t.get(label), &value(name), options).disabled(disabled);
        select.error = errors.get(name).cloned();
        select.theirs = theirs.get(name).map(|n| t.get(&format!("{prefix}-{n}")));
        select
    };
    let selects = vec![
        select("kind", "work-kind", "kind", WORK_KINDS),
        select("production_status", "work-status", "status", PRODUCTION_STATUSES),
    ];
    let line = |name: &'static str, label: String, input_type: &'static str| {
        Field::new(name, label, input_type, "off")
            .value(&value(name))
            .error_from(errors)
            .theirs(theirs.get(name).cloned())
            .disabled(disabled)
    };
    let lines = vec![
        line("original_title", t.get("work-original-title"), "text"),
        line("year", t.get("work-year"), "text"),
        line("runtime_minutes", t.get("work-field-runtime"), "text"),
        line("episodes", t.get("work-field-episodes"), "text"),
        line("episode_minutes", t.get("work-field-episode-minutes"), "text"),
        line("trailer_url", t.get("work-field-trailer"), "url"),
    ];
    let chosen = |field: &str| -> Vec<String> {
        value(field).split(", ").filter(|code| !code.is_empty()).map(str::to_owned).collect()
    };
    let genres_chosen = chosen("genres");
    let genres = GENRES
        .iter()
        .map(|genre| CheckChoice {
            name: format!("genres.{genre}"),
            label: t.get(&format!("genre-{genre}")),
            checked: genres_chosen.iter().any(|chosen| chosen == genre),
        })
        .collect();
    let languages_chosen = chosen("languages");
    let languages = crate::pages::kernel::i18n::NAMED_LANGUAGES
        .iter()
        .map(|code| CheckChoice {
            name: format!("languages.{code}"),
            label: t.language(code),
            checked: languages_chosen.iter().any(|chosen| chosen == code),
        })
        .collect();
    let others: Vec<&str> = languages_chosen
        .iter()
        .map(String::as_str)
        .filter(|code| !crate::pages::kernel::i18n::NAMED_LANGUAGES.contains(code))
        .collect();
    let other_languages = Field::new("languages.other", t.get("profile-other-languages"), "text", "off")
        .value(&others.join(", "))
        .hint(t.get("profile-other-languages-hint"))
        .theirs(theirs.get("languages").cloned())
        .disabled(disabled);
    let lists = LISTS
        .into_iter()
        .map(|name| ListField {
            name,
            label: t.get(&format!("work-field-{name}")),
            hint: t.get("work-one-per-line"),
            value: value(name),
            error: errors.within(name).cloned(),
            theirs: theirs.get(name).cloned(),
        })
        .collect();
    let stored_rows =
        (0..MAX_RIGHTS_ROWS).take_while(|row| values.contains_key(&format!("rights.{row}.territory"))).count();
    let rows = if disabled { stored_rows } else { stored_rows + EMPTY_RIGHTS_ROWS };
    let rights = (0..rows)
        .map(|row| {
            let media_chosen = chosen(&format!("rights.{row}.media"));
            let theirs_row = [format!("rights.{row}.territory"), format!("rights.{row}.media")]
                .iter()
                .filter_map(|key| theirs.get(key).cloned())
                .collect::<Vec<_>>();
            RightsRow {
                index: row,
                territory: value(&format!("rights.{row}.territory")),
                territory_error: errors.get(&format!("rights.{row}.territory")).cloned(),
                media_error: errors.within(&format!("rights.{row}.media")).cloned(),
                media: MEDIA
                    .iter()
                    .map(|medium| CheckChoice {
                        name: format!("rights.{row}.media.{medium}"),
                        label: t.get(&format!("medium-{medium}")),
                        checked: media_chosen.iter().any(|chosen| chosen == medium),
                    })
                    .collect(),
                theirs: (!theirs_row.is_empty()).then(|| theirs_row.join(": ")),
            }
        })
        .collect();
    let territories = Territory::all()
        .into_iter()
        .map(|territory| {
            let english = matches!(territory, Territory::Country(_)) && lang.0 != Locale::En;
            (territory_choice(&t, territory), english.then_some("en"))
        })
        .collect();
    let company = workspace.name(lang);
    let base = format!("/{}{}", lang.path(), company_workspace::company_rest(slug, id));
    let title = current.as_ref().map(|work| Shown::of(&work.details.title, lang).text);
    let heading = match &title {
        Some(title) => t.with("work-edit-title", &[("title", title)]),
        None => t.get("work-new-title"),
    };
    let poster = current
        .as_ref()
        .filter(|work| work.details.poster.is_some())
        .map(|work| format!("{base}/works/{}/poster", work.id));
    let kib = (state.settings.max_upload_bytes / 1024).to_string();
    let mut page = PageMeta::private(state, lang, &rest, format!("{heading} · {}", company.text));
    page.account = browser::account_bar(state, browser, lang, &workspace.me.name);
    let phrasing = feedback.phrasing_choices(&t);
    let template = WorkPage {
        tabs: crate::pages::kernel::company_tabs(&t, lang, slug, id, crate::pages::kernel::CompanyTab::Works),
        back: company_workspace::back(&t, lang, slug, workspace.for_pavilion()),
        notice: feedback.notice,
        alert: feedback.alert,
        conflict: feedback.conflict,
        form_token: browser.form_token(state),
        action: format!("/{}{rest}", lang.path()),
        locked,
        version: form.version,
        base: form.base_field(),
        phrasing,
        texts,
        selects,
        lines,
        genres,
        genres_error: errors.within("genres").cloned(),
        languages,
        other_languages,
        languages_error: errors.within("languages").cloned(),
        lists,
        media_labels: MEDIA.iter().map(|medium| t.get(&format!("medium-{medium}"))).collect(),
        rights,
        rights_error: errors.get("rights").cloned(),
        territories,
        poster_alt: t.with("work-poster", &[("title", title.as_deref().unwrap_or_default())]),
        poster,
        poster_action: current.as_ref().filter(|_| !disabled).map(|work| format!("{base}/works/{}/poster", work.id)),
        max_upload_bytes: state.settings.max_upload_bytes,
        poster_hint: t.with("poster-hint", &[("max", &kib)]),
        upload_too_large: t.with("upload-too-large", &[("max", &kib)]),
        heading,
        company,
        page,
        t,
    };
    private_page(state, browser, feedback.status.unwrap_or(StatusCode::OK), &template, Referrer::SameOrigin)
}
