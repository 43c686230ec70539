//! `GET|POST …/companies/{id}/works/new` and `GET|POST …/companies/{id}/works/{work_id}`: a
//! work's editor, every field of the catalogue entry: titles and synopsis in three languages
//! (with "fill from the other script"), kind, status, genres and languages as choices, credits
//! one per line, and the rights as a table of territories × media. A territory is chosen by
//! typing its name (a searchable list of the named regions and every country); nobody needs to
//! know ISO codes. The poster has its own form (`…/poster`).
//!
//! Saves go through the same use cases as `POST|PATCH …/works`, guarded by the version the form
//! was read at: a stale save is merged as the profile editor does (`company_profile`).

use super::editor::{self, CheckChoice, Edited, EditorForm, Feedback, Inputs};
use super::{CompanyAddress, Reads, WorkAddress};
use crate::extractors::Client;
use crate::pages::kernel::Done;
use crate::pages::kernel::browser;
use crate::pages::kernel::forms::{self, Choice, Field, FieldErrors, FormData, LocalizedInput, Select, Values};
use crate::pages::kernel::{
    CompanyTab, PageError, PageLang, PageMeta, Posted, Referrer, Shown, Tab, i18n::Text, private_page, see_other,
};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::{
    ExhibitorId, GENRES, Locale, MEDIA, PRODUCTION_STATUSES, RightsInput, Territory, Vocabulary, WORK_KINDS, Work,
    WorkDetails, WorkId, WorkInput,
};
use pavilion_core::services::works;

/// Empty rows of the rights table, to add territories.
const EMPTY_RIGHTS_ROWS: usize = 3;
/// The most rights rows a posted form is read for (a work holds at most 300).
const MAX_RIGHTS_ROWS: usize = 320;
/// The number fields, kept as typed when they do not read as numbers.
const NUMBERS: [&str; 4] = ["year", "runtime_minutes", "episodes", "episode_minutes"];
/// The credits, one per line.
const LISTS: [&str; 3] = ["directors", "cast", "festivals"];

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
    name: Shown,
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
    let languages = editor::posted_languages(form);
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

pub async fn form(
    state: web::Data<AppState>,
    company: CompanyAddress,
    WorkAddress(work): WorkAddress,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let notice = done.into_inner().done.and_then(|done| match done.as_str() {
        "created" | "saved" | "poster" => Some(company.lang.text().get(&format!("work-done-{done}"))),
        _ => None,
    });
    render(&state, &company, work.as_deref(), None, Feedback { notice, ..Feedback::default() }).await
}

/// Saves the work (`…/works/{work_id}`) or adds it (`…/works/new`).
pub async fn save(
    state: web::Data<AppState>,
    company: CompanyAddress,
    WorkAddress(work_id): WorkAddress,
    Client(client): Client,
    Posted(form): Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let id = ExhibitorId::parse(&company.id).map_err(|_| PageError::NotFound)?;
    let work = work_id.as_deref().map(WorkId::parse).transpose().map_err(|_| PageError::NotFound)?;
    let t = company.lang.text();
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
        return render(&state, &company, work_ref, Some(Edited::As(posted)), feedback).await;
    }
    let (version, pavilion, caller) = (posted.version, company.slug.clone(), company.person.clone());
    let saved = match work.clone() {
        None => {
            state
                .call(Some(caller), client, move |ctx| {
                    works::create(ctx, &pavilion, &id, WorkDetails::parse(input, None)?).map(|work| (work, Vec::new()))
                })
                .await
        }
        Some(work) => {
            state
                .call(Some(caller), client, move |ctx| {
                    works::update(ctx, &pavilion, &id, &work, Some(version), |stored: &WorkDetails| {
                        WorkDetails::parse(input, stored.poster.clone())
                    })
                })
                .await
        }
    };
    let (alert, status) = match saved {
        Ok((saved, released)) => {
            crate::uploads::discard_all(&state, released).await;
            let done = if work.is_some() { "saved" } else { "created" };
            return Ok(see_other(&format!("{}?done={done}", work_href(&company, Some(saved.id.as_str())))).finish());
        }
        Err(CoreError::Forbidden) => return Err(super::not_yours()),
        Err(CoreError::PreconditionFailed(_)) => {
            feedback.status = Some(StatusCode::PRECONDITION_FAILED);
            return render(&state, &company, work_ref, Some(Edited::Stale(posted)), feedback).await;
        }
        Err(error @ CoreError::Validation(_)) => {
            feedback.errors = FieldErrors::from_error(&t, &error);
            ("form-has-errors", StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(CoreError::Locked(_)) => ("company-locked", StatusCode::LOCKED),
        Err(CoreError::Conflict(_)) => ("works-too-many", StatusCode::CONFLICT),
        Err(error) => return Err(error.into()),
    };
    feedback.alert = Some(t.get(alert));
    feedback.status = Some(status);
    render(&state, &company, work_ref, Some(Edited::As(posted)), feedback).await
}

/// The work's editor (or a new work's), in the page's language.
fn work_href(company: &CompanyAddress, work: Option<&str>) -> String {
    format!("{}/{}", company.href(CompanyTab::Works), work.unwrap_or("new"))
}

/// The editor showing a refusal of something posted from it (the poster's form).
pub async fn show_refusal(
    state: &AppState,
    company: &CompanyAddress,
    work_id: &str,
    alert: String,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    render(state, company, Some(work_id), None, Feedback::refused(alert, status)).await
}

async fn render(
    state: &AppState,
    company: &CompanyAddress,
    work_id: Option<&str>,
    posted: Option<Edited>,
    mut feedback: Feedback,
) -> Result<HttpResponse, PageError> {
    let lang = company.lang;
    let work = work_id.map(WorkId::parse).transpose().map_err(|_| PageError::NotFound)?;
    let workspace = company.load(state, Reads { works: work.is_some(), published: false }).await?;
    // The work, from the company's catalogue: another company's work is not found here.
    let current = match &work {
        None => None,
        Some(work) => {
            Some(workspace.works.iter().find(|candidate| &candidate.id == work).cloned().ok_or(PageError::NotFound)?)
        }
    };
    let t = lang.text();
    let form = form_of(&t, current.as_ref(), posted, &mut feedback);
    let locked = workspace.locked_notice(&t, lang);
    feedback.locked(locked.is_some());
    let inputs = Inputs {
        t: &t,
        values: &form.values,
        errors: &feedback.errors,
        theirs: &feedback.theirs,
        disabled: locked.is_some(),
    };
    let (languages, other_languages) = inputs.languages();
    let name = workspace.name(lang);
    let title = current.as_ref().map(|work| Shown::of(&work.details.title, lang).text);
    let heading = match &title {
        Some(title) => t.with("work-edit-title", &[("title", title)]),
        None => t.get("work-new-title"),
    };
    let poster_href = current.as_ref().map(|work| format!("{}/poster", work_href(company, Some(work.id.as_str()))));
    let has_poster = current.as_ref().is_some_and(|work| work.details.poster.is_some());
    let kib = (state.settings.max_upload_bytes / 1024).to_string();
    let rest = format!("{}/{}", company.rest(CompanyTab::Works), work_id.unwrap_or("new"));
    let mut page = PageMeta::private(state, lang, &rest, format!("{heading} · {}", name.text));
    page.account = browser::account_bar(state, &company.browser, lang, &workspace.me.name);
    let template = WorkPage {
        tabs: company.tabs(CompanyTab::Works),
        back: super::back(&t, lang, &company.slug, workspace.for_pavilion()),
        notice: feedback.notice.clone(),
        alert: feedback.alert.clone(),
        conflict: feedback.conflict.clone(),
        form_token: company.browser.form_token(state),
        action: work_href(company, work_id),
        version: form.version,
        base: form.base_field(),
        phrasing: feedback.phrasing_choices(&t),
        texts: inputs.texts(&TEXTS, feedback.suggested.as_deref()),
        selects: selects(&inputs),
        lines: lines(&inputs),
        genres: genres(&inputs),
        genres_error: feedback.errors.within("genres").cloned(),
        languages,
        other_languages,
        languages_error: feedback.errors.within("languages").cloned(),
        lists: lists(&inputs),
        media_labels: MEDIA.iter().map(|medium| t.get(&format!("medium-{medium}"))).collect(),
        rights: rights(&inputs),
        rights_error: feedback.errors.get("rights").cloned(),
        territories: territories(&t, lang),
        poster_alt: t.with("work-poster", &[("title", title.as_deref().unwrap_or_default())]),
        poster: poster_href.clone().filter(|_| has_poster),
        poster_action: poster_href.filter(|_| locked.is_none()),
        max_upload_bytes: state.settings.max_upload_bytes,
        poster_hint: t.with("poster-hint", &[("max", &kib)]),
        upload_too_large: t.with("upload-too-large", &[("max", &kib)]),
        locked,
        heading,
        name,
        page,
        t,
    };
    let status = feedback.status.unwrap_or(StatusCode::OK);
    Ok(private_page(state, &company.browser, status, &template, Referrer::SameOrigin)?)
}

/// The form's values: as stored, as posted (merged with what someone else saved meanwhile when
/// the post was stale), or a new work's defaults.
fn form_of(t: &Text, current: Option<&Work>, posted: Option<Edited>, feedback: &mut Feedback) -> EditorForm {
    let stored = current.map(|work| (values_of(t, &work.details.to_input()), work.version));
    match (posted, &stored) {
        (None, Some((values, version))) => EditorForm::stored(values.clone(), *version),
        (None, None) => {
            let mut values = Values::new();
            values.insert("kind".into(), "feature".into());
            values.insert("production_status".into(), "completed".into());
            EditorForm { values, version: 0, base: Values::new() }
        }
        (Some(Edited::As(form)), _) => form,
        (Some(Edited::Stale(mine)), Some((stored, version))) => {
            let field_name = |field: &str| t.get(&format!("work-field-{field}"));
            editor::merge_stale(t, mine, stored, *version, field_name, feedback)
        }
        (Some(Edited::Stale(mine)), None) => mine,
    }
}

/// The work's texts in three languages: (field, legend, multiline).
const TEXTS: [(&str, &str, bool); 2] = [("title", "work-field-title", false), ("synopsis", "work-synopsis", true)];

/// The kind and the production status, each a choice of its vocabulary.
fn selects(inputs: &Inputs<'_>) -> Vec<Select> {
    let t = inputs.t;
    let select = |name: &'static str, label: &str, prefix: &str, names: &[&str]| {
        let options = names.iter().map(|n| ((*n).to_owned(), t.get(&format!("{prefix}-{n}")))).collect();
        let mut select = Select::new(name, t.get(label), &inputs.value(name), options).disabled(inputs.disabled);
        select.error = inputs.errors.get(name).cloned();
        select.theirs = inputs.theirs.get(name).map(|n| t.get(&format!("{prefix}-{n}")));
        select
    };
    vec![
        select("kind", "work-kind", "kind", WORK_KINDS),
        select("production_status", "work-status", "status", PRODUCTION_STATUSES),
    ]
}

fn lines(inputs: &Inputs<'_>) -> Vec<Field> {
    let t = inputs.t;
    [
        ("original_title", "work-original-title", "text"),
        ("year", "work-year", "text"),
        ("runtime_minutes", "work-field-runtime", "text"),
        ("episodes", "work-field-episodes", "text"),
        ("episode_minutes", "work-field-episode-minutes", "text"),
        ("trailer_url", "work-field-trailer", "url"),
    ]
    .into_iter()
    .map(|(name, label, input_type)| inputs.line(name, t.get(label), input_type, "off"))
    .collect()
}

fn genres(inputs: &Inputs<'_>) -> Vec<CheckChoice> {
    let chosen = inputs.chosen("genres");
    GENRES
        .iter()
        .map(|genre| CheckChoice {
            name: format!("genres.{genre}"),
            label: inputs.t.get(&format!("genre-{genre}")),
            checked: chosen.iter().any(|chosen| chosen == genre),
        })
        .collect()
}

/// The credits, one per line.
fn lists(inputs: &Inputs<'_>) -> Vec<ListField> {
    LISTS
        .into_iter()
        .map(|name| ListField {
            name,
            label: inputs.t.get(&format!("work-field-{name}")),
            hint: inputs.t.get("work-one-per-line"),
            value: inputs.value(name),
            error: inputs.errors.within(name).cloned(),
            theirs: inputs.theirs.get(name).cloned(),
        })
        .collect()
}

/// The rights table: a row per territory, and (when editable) empty rows to add more.
fn rights(inputs: &Inputs<'_>) -> Vec<RightsRow> {
    let stored_rows =
        (0..MAX_RIGHTS_ROWS).take_while(|row| inputs.values.contains_key(&format!("rights.{row}.territory"))).count();
    let rows = if inputs.disabled { stored_rows } else { stored_rows + EMPTY_RIGHTS_ROWS };
    (0..rows)
        .map(|row| {
            let media_chosen = inputs.chosen(&format!("rights.{row}.media"));
            let theirs_row = [format!("rights.{row}.territory"), format!("rights.{row}.media")]
                .iter()
                .filter_map(|key| inputs.theirs.get(key).cloned())
                .collect::<Vec<_>>();
            RightsRow {
                index: row,
                territory: inputs.value(&format!("rights.{row}.territory")),
                territory_error: inputs.errors.get(&format!("rights.{row}.territory")).cloned(),
                media_error: inputs.errors.within(&format!("rights.{row}.media")).cloned(),
                media: MEDIA
                    .iter()
                    .map(|medium| CheckChoice {
                        name: format!("rights.{row}.media.{medium}"),
                        label: inputs.t.get(&format!("medium-{medium}")),
                        checked: media_chosen.iter().any(|chosen| chosen == medium),
                    })
                    .collect(),
                theirs: (!theirs_row.is_empty()).then(|| theirs_row.join(": ")),
            }
        })
        .collect()
}

/// Every territory to choose from, with the language of its name (countries are named in English).
fn territories(t: &Text, lang: PageLang) -> Vec<(String, Option<&'static str>)> {
    Territory::all()
        .into_iter()
        .map(|territory| {
            let english = matches!(territory, Territory::Country(_)) && lang.0 != Locale::En;
            (territory_choice(t, territory), english.then_some("en"))
        })
        .collect()
}
