//! `GET|POST /{lang}/workspace/pavilions/{slug}/companies/{id}/profile`: the profile editor.
//! Each text's three languages side by side; company type, website, city, booth, languages and
//! contacts with their public flag; the logo (its own form, see `company_logo`).
//!
//! A save goes through the same use case as `PATCH …/exhibitors/{id}`, guarded by the version
//! the form was read at (its `ETag`). When someone else saved first, nothing is written: the form
//! comes back with their changes taken in where the person had not typed, both values shown where
//! both changed, and the new version, so saving again applies the person's edits on top of what
//! is stored now. Nothing is ever overwritten unseen.
//!
//! Beside each Chinese input, "fill from the other script" posts the form back with that input
//! filled by converting the other script's text (`core::chinese`, with Taiwan's or Hong Kong's
//! usage): a suggestion, saved only when the person saves.

use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::company::editor::{self, EditorForm, Feedback, Posted};
use crate::pages::company::{self as company_workspace, CompanyPagePath, Reads};
use crate::pages::kernel::Tab;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::{self, Choice, Field, FieldErrors, FormData, LocalizedInput, Select, Values};
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::domain::{COMPANY_TYPES, ContactInput, ExhibitorId, ExhibitorProfile, Locale, ProfileInput};
use pavilion_core::services::exhibitors;
use serde::Deserialize;
use std::collections::HashMap;

/// Form rows for contacts: the stored ones and this many empty ones to add more.
const EMPTY_CONTACT_ROWS: usize = 1;
/// The most contact rows a posted form is read for (the profile holds at most 20).
const MAX_CONTACT_ROWS: usize = 40;

pub struct ContactRow {
    pub legend: String,
    pub fields: Vec<Field>,
    pub public_name: String,
    pub public: bool,
    pub remove_name: String,
    pub existing: bool,
}

pub struct LanguageChoice {
    pub name: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "company/company_profile.html")]
struct ProfilePage {
    page: PageMeta,
    t: Text,
    name: Shown,
    tabs: Vec<Tab>,
    back: (String, String),
    notice: Option<String>,
    alert: Option<String>,
    conflict: Option<String>,
    form_token: String,
    action: String,
    /// The company's workspace address, which the logo's forms post under.
    company_base: String,
    locked: Option<String>,
    version: i64,
    base: String,
    phrasing: Vec<Choice>,
    texts: Vec<LocalizedInput>,
    selects: Vec<Select>,
    lines: Vec<Field>,
    languages: Vec<LanguageChoice>,
    other_languages: Field,
    languages_error: Option<String>,
    contacts: Vec<ContactRow>,
    contacts_error: Option<String>,
    logo: Option<String>,
    logo_alt: String,
    max_upload_bytes: usize,
    logo_hint: String,
    upload_too_large: String,
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// The profile as a form's fields: what an untouched form posts back.
pub fn values_of(input: &ProfileInput) -> Values {
    let mut values = Values::new();
    for (field, text) in [("name", &input.name), ("description", &input.description), ("city", &input.city)] {
        for (locale, value) in
            [(Locale::En, &text.en), (Locale::ZhHans, &text.zh_hans), (Locale::ZhHant, &text.zh_hant)]
        {
            values.insert(format!("{field}.{}", locale.as_str()), value.clone().unwrap_or_default());
        }
    }
    values.insert("company_type".into(), input.company_type.clone().unwrap_or_default());
    values.insert("website".into(), input.website.clone().unwrap_or_default());
    values.insert("booth".into(), input.booth.clone().unwrap_or_default());
    values.insert("languages".into(), forms::languages_value(&input.languages));
    for (index, contact) in input.contacts.iter().enumerate() {
        let at = |part: &str| format!("contacts.{index}.{part}");
        values.insert(at("name"), contact.name.clone());
        values.insert(at("title"), contact.title.clone().unwrap_or_default());
        values.insert(at("email"), contact.email.clone().unwrap_or_default());
        values.insert(at("phone"), contact.phone.clone().unwrap_or_default());
        values.insert(at("public"), if contact.public { "on".into() } else { String::new() });
    }
    values
}

/// The profile a posted form describes. Contact rows left empty or marked "remove" are left out,
/// so the contacts are numbered again from 0 (as the use case's errors name them).
fn input_of(form: &FormData) -> ProfileInput {
    let mut languages: Vec<String> = crate::pages::kernel::i18n::NAMED_LANGUAGES
        .iter()
        .filter(|code| form.get(&format!("languages.{code}")) == "on")
        .map(|code| (*code).to_owned())
        .collect();
    languages.extend(
        form.get("languages.other")
            .split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
            .filter(|code| !code.is_empty())
            .map(str::to_owned),
    );
    let contacts = (0..MAX_CONTACT_ROWS)
        .filter_map(|row| {
            let at = |part: &str| form.get(&format!("contacts.{row}.{part}")).trim().to_owned();
            let texts = [at("name"), at("title"), at("email"), at("phone")];
            if form.get(&format!("contacts.{row}.remove")) == "on" || texts.iter().all(String::is_empty) {
                return None;
            }
            let [name, title, email, phone] = texts;
            let given = |value: String| Some(value).filter(|value| !value.is_empty());
            Some(ContactInput {
                name,
                title: given(title),
                email: given(email),
                phone: given(phone),
                public: form.get(&format!("contacts.{row}.public")) == "on",
            })
        })
        .collect();
    ProfileInput {
        name: forms::localized(form, "name"),
        description: forms::localized(form, "description"),
        company_type: forms::optional(form, "company_type"),
        website: forms::optional(form, "website"),
        city: forms::localized(form, "city"),
        booth: forms::optional(form, "booth"),
        contacts,
        languages,
    }
}

pub async fn handle(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<CompanyPagePath>,
    done: web::Query<Done>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPagePath { lang, slug, id } = path.into_inner();
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    let notice = done.into_inner().done.and_then(|done| match done.as_str() {
        "saved" | "logo" | "logo-removed" => Some(lang.text().get(&format!("profile-done-{done}"))),
        _ => None,
    });
    render(&state, &browser, lang, &slug, &id, None, Feedback { notice, ..Feedback::default() }).await
}

pub async fn save(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<CompanyPagePath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let CompanyPagePath { lang, slug, id } = path.into_inner();
    let rest = format!("{}/profile", company_workspace::company_rest(&slug, &id));
    let (lang, form) = match forms::posted(&state, &browser, &lang, form.into_inner(), &rest) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let Ok(company) = ExhibitorId::parse(&id) else { return crate::pages::kernel::not_found(&state, lang, &rest) };
    let t = lang.text();
    let input = input_of(&form);
    let mut posted = EditorForm::posted(&form, values_of(&input));
    let mut feedback = Feedback::for_form(&form);
    if !form.get("fill").is_empty() {
        editor::fill(&t, &mut posted.values, form.get("fill"), &["name", "description", "city"], &mut feedback);
        return render(&state, &browser, lang, &slug, &id, Some(Posted::As(posted)), feedback).await;
    }
    let version = Some(posted.version);
    let pavilion = slug.clone();
    let saved = state
        .call(Some(caller), client, move |ctx| {
            exhibitors::update(ctx, &pavilion, &company, version, |stored: &ExhibitorProfile| {
                // The logo is not part of this form: it stays as it is.
                ExhibitorProfile::parse(input, stored.logo.clone())
            })
        })
        .await;
    let shown = match saved {
        Ok((_, released)) => {
            crate::uploads::discard_all(&state, released).await;
            let to = format!("/{}{rest}?done=saved", lang.path());
            return Ok(crate::pages::kernel::see_other(&to).finish());
        }
        Err(error) if crate::pages::kernel::is_signed_out(&error) => {
            return Ok(crate::pages::kernel::sign_in_first(lang));
        }
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) => {
            return crate::pages::kernel::not_found(&state, lang, &rest);
        }
        Err(error) if error.status_code_is(StatusCode::FORBIDDEN) => {
            return company_workspace::not_yours(&state, &browser, lang, &rest);
        }
        Err(error) if error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) => Feedback {
            errors: FieldErrors::from_error(&t, &error),
            ..Feedback {
                phrasing: feedback.phrasing,
                ..Feedback::refused(t.get("form-has-errors"), StatusCode::UNPROCESSABLE_ENTITY)
            }
        },
        Err(error) if error.status_code_is(StatusCode::PRECONDITION_FAILED) => {
            // Someone saved first: the form is merged with what is stored now, below.
            feedback.status = Some(StatusCode::PRECONDITION_FAILED);
            return render(&state, &browser, lang, &slug, &id, Some(Posted::Stale(posted)), feedback).await;
        }
        Err(error) if error.status_code_is(StatusCode::LOCKED) => {
            Feedback::refused(t.get("company-locked"), StatusCode::LOCKED)
        }
        Err(error) => return Err(error),
    };
    render(&state, &browser, lang, &slug, &id, Some(Posted::As(posted)), shown).await
}

/// The editor showing a refusal of something posted from it (the logo's form).
pub async fn show_refusal(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    slug: &str,
    id: &str,
    alert: String,
    status: StatusCode,
) -> Result<HttpResponse, ApiError> {
    render(state, browser, lang, slug, id, None, Feedback::refused(alert, status)).await
}

async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    slug: &str,
    id: &str,
    posted: Option<Posted>,
    mut shown: Feedback,
) -> Result<HttpResponse, ApiError> {
    let workspace = match company_workspace::load(state, browser, lang, slug, id, Reads::COMPANY).await? {
        Ok(workspace) => workspace,
        Err(page) => return Ok(page),
    };
    let t = lang.text();
    let rest = format!("{}/profile", company_workspace::company_rest(slug, id));
    let exhibitor = &workspace.draft.exhibitor;
    let stored = values_of(&exhibitor.profile.to_input());
    let form = match posted {
        None => EditorForm::stored(stored, exhibitor.version),
        Some(Posted::As(form)) => form,
        Some(Posted::Stale(mine)) => {
            let field_name = |field: &str| crate::pages::company::home::field_name(&t, field);
            editor::merge_stale(&t, mine, &stored, exhibitor.version, field_name, &mut shown)
        }
    };
    let for_company_locked = workspace.draft.edits_locked && !workspace.for_pavilion();
    let locked = for_company_locked.then(|| {
        format!("{} {}", t.get("company-locked"), company_workspace::who_unlocks(&t, &workspace.pavilion, lang))
    });
    if locked.is_some() && shown.status.is_none() {
        shown.status = Some(StatusCode::LOCKED);
    }
    let disabled = locked.is_some();
    let values = &form.values;
    let value = |name: &str| values.get(name).cloned().unwrap_or_default();
    let errors = &shown.errors;
    let theirs = &shown.theirs;
    let texts = [
        ("name", "profile-field-name", false),
        ("description", "profile-field-description", true),
        ("city", "profile-field-city", false),
    ]
    .into_iter()
    .map(|(field, legend, multiline)| {
        LocalizedInput::new(&t, field, t.get(legend), multiline, values).annotate(
            errors,
            theirs,
            shown.suggested.as_deref(),
            disabled,
        )
    })
    .collect();
    let mut types = vec![(String::new(), t.get("profile-type-none"))];
    types.extend(COMPANY_TYPES.iter().map(|kind| ((*kind).to_owned(), t.get(&format!("company-type-{kind}")))));
    let type_name = |kind: &String| {
        if kind.is_empty() { t.get("profile-type-none") } else { t.get(&format!("company-type-{kind}")) }
    };
    let mut company_type =
        Select::new("company_type", t.get("profile-field-company_type"), &value("company_type"), types)
            .disabled(disabled);
    company_type.error = errors.get("company_type").cloned();
    company_type.theirs = theirs.get("company_type").map(type_name);
    let line = |name: &'static str, input_type: &'static str, autocomplete: &'static str| {
        Field::new(name, t.get(&format!("profile-field-{name}")), input_type, autocomplete)
            .value(&value(name))
            .error_from(errors)
            .theirs(theirs.get(name).cloned())
            .disabled(disabled)
    };
    let lines = vec![line("website", "url", "url"), line("booth", "text", "off")];
    let chosen: Vec<String> =
        value("languages").split(", ").filter(|code| !code.is_empty()).map(str::to_owned).collect();
    let languages = crate::pages::kernel::i18n::NAMED_LANGUAGES
        .iter()
        .map(|code| LanguageChoice {
            name: format!("languages.{code}"),
            label: t.language(code),
            checked: chosen.iter().any(|chosen| chosen == code),
        })
        .collect();
    let others: Vec<&str> = chosen
        .iter()
        .map(String::as_str)
        .filter(|code| !crate::pages::kernel::i18n::NAMED_LANGUAGES.contains(code))
        .collect();
    let other_languages = Field::new("languages.other", t.get("profile-other-languages"), "text", "off")
        .value(&others.join(", "))
        .hint(t.get("profile-other-languages-hint"))
        .theirs(theirs.get("languages").cloned())
        .disabled(disabled);
    let stored_rows =
        (0..MAX_CONTACT_ROWS).take_while(|row| values.contains_key(&format!("contacts.{row}.name"))).count();
    let rows = if disabled { stored_rows } else { stored_rows + EMPTY_CONTACT_ROWS };
    let contacts = (0..rows)
        .map(|row| {
            let at = |part: &str| format!("contacts.{row}.{part}");
            let contact_field = |part: &'static str, input_type: &'static str, autocomplete: &'static str| {
                Field::new(at(part), t.get(&format!("contact-{part}")), input_type, autocomplete)
                    .value(&value(&at(part)))
                    .error_from(errors)
                    .theirs(theirs.get(&at(part)).cloned())
                    .disabled(disabled)
            };
            ContactRow {
                legend: if row < stored_rows {
                    t.with("contact-legend", &[("number", &(row + 1).to_string())])
                } else {
                    t.get("contact-new")
                },
                fields: vec![
                    contact_field("name", "text", "off"),
                    contact_field("title", "text", "off"),
                    contact_field("email", "email", "off"),
                    contact_field("phone", "tel", "off"),
                ],
                public_name: at("public"),
                public: value(&at("public")) == "on",
                remove_name: at("remove"),
                existing: row < stored_rows,
            }
        })
        .collect();
    let name = workspace.name(lang);
    let logo = exhibitor
        .profile
        .logo
        .as_ref()
        .map(|_| format!("/{}{}/logo", lang.path(), company_workspace::company_rest(slug, id)));
    let kib = (state.settings.max_upload_bytes / 1024).to_string();
    let mut page = PageMeta::private(state, lang, &rest, t.with("profile-title", &[("name", &name.text)]));
    page.account = browser::account_bar(state, browser, lang, &workspace.me.name);
    let phrasing = shown.phrasing_choices(&t);
    let template = ProfilePage {
        tabs: crate::pages::kernel::company_tabs(&t, lang, slug, id, crate::pages::kernel::CompanyTab::Profile),
        back: company_workspace::back(&t, lang, slug, workspace.for_pavilion()),
        notice: shown.notice,
        alert: shown.alert,
        conflict: shown.conflict,
        form_token: browser.form_token(state),
        action: format!("/{}{rest}", lang.path()),
        company_base: format!("/{}{}", lang.path(), company_workspace::company_rest(slug, id)),
        locked,
        version: form.version,
        base: form.base_field(),
        phrasing,
        texts,
        selects: vec![company_type],
        lines,
        languages,
        other_languages,
        languages_error: errors.within("languages").cloned(),
        contacts,
        contacts_error: errors.get("contacts").cloned(),
        logo_alt: t.with("company-logo", &[("name", &name.text)]),
        logo,
        max_upload_bytes: state.settings.max_upload_bytes,
        logo_hint: t.with("logo-hint", &[("max", &kib)]),
        upload_too_large: t.with("upload-too-large", &[("max", &kib)]),
        name,
        page,
        t,
    };
    private_page(state, browser, shown.status.unwrap_or(StatusCode::OK), &template, Referrer::SameOrigin)
}
