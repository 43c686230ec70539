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

use super::editor::{self, CheckChoice, Edited, EditorForm, Feedback, Inputs};
use super::{CompanyAddress, Reads};
use crate::extractors::Client;
use crate::pages::kernel::Done;
use crate::pages::kernel::browser;
use crate::pages::kernel::forms::{self, Choice, Field, FieldErrors, FormData, LocalizedInput, Select, Values};
use crate::pages::kernel::{
    CompanyTab, PageError, PageMeta, Posted, Referrer, Shown, Tab, i18n::Text, private_page, see_other,
};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::{COMPANY_TYPES, ContactInput, ExhibitorId, ExhibitorProfile, Locale, ProfileInput};
use pavilion_core::services::exhibitors;

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

/// The profile's texts in three languages: (field, legend, multiline).
const TEXTS: [(&str, &str, bool); 3] = [
    ("name", "profile-field-name", false),
    ("description", "profile-field-description", true),
    ("city", "profile-field-city", false),
];

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
    languages: Vec<CheckChoice>,
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
    let languages = editor::posted_languages(form);
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
    company: CompanyAddress,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let notice = done.into_inner().done.and_then(|done| match done.as_str() {
        "saved" | "logo" | "logo-removed" => Some(company.lang.text().get(&format!("profile-done-{done}"))),
        _ => None,
    });
    render(&state, &company, None, Feedback { notice, ..Feedback::default() }).await
}

pub async fn save(
    state: web::Data<AppState>,
    company: CompanyAddress,
    Client(client): Client,
    Posted(form): Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let id = ExhibitorId::parse(&company.id).map_err(|_| PageError::NotFound)?;
    let t = company.lang.text();
    let input = input_of(&form);
    let mut posted = EditorForm::posted(&form, values_of(&input));
    let mut feedback = Feedback::for_form(&form);
    if !form.get("fill").is_empty() {
        editor::fill(&t, &mut posted.values, form.get("fill"), &["name", "description", "city"], &mut feedback);
        return render(&state, &company, Some(Edited::As(posted)), feedback).await;
    }
    let version = Some(posted.version);
    let pavilion = company.slug.clone();
    let saved = state
        .call(Some(company.person.clone()), client, move |ctx| {
            exhibitors::update(ctx, &pavilion, &id, version, |stored: &ExhibitorProfile| {
                // The logo is not part of this form: it stays as it is.
                ExhibitorProfile::parse(input, stored.logo.clone())
            })
        })
        .await;
    let shown = match saved {
        Ok((_, released)) => {
            crate::uploads::discard_all(&state, released).await;
            return Ok(see_other(&format!("{}?done=saved", company.href(CompanyTab::Profile))).finish());
        }
        Err(CoreError::Forbidden) => return Err(super::not_yours()),
        Err(error @ CoreError::Validation(_)) => Feedback {
            errors: FieldErrors::from_error(&t, &error),
            ..Feedback {
                phrasing: feedback.phrasing,
                ..Feedback::refused(t.get("form-has-errors"), StatusCode::UNPROCESSABLE_ENTITY)
            }
        },
        Err(CoreError::PreconditionFailed(_)) => {
            // Someone saved first: the form is merged with what is stored now, below.
            feedback.status = Some(StatusCode::PRECONDITION_FAILED);
            return render(&state, &company, Some(Edited::Stale(posted)), feedback).await;
        }
        Err(CoreError::Locked(_)) => Feedback::refused(t.get("company-locked"), StatusCode::LOCKED),
        Err(error) => return Err(error.into()),
    };
    render(&state, &company, Some(Edited::As(posted)), shown).await
}

/// The editor showing a refusal of something posted from it (the logo's form).
pub async fn show_refusal(
    state: &AppState,
    company: &CompanyAddress,
    alert: String,
    status: StatusCode,
) -> Result<HttpResponse, PageError> {
    render(state, company, None, Feedback::refused(alert, status)).await
}

async fn render(
    state: &AppState,
    company: &CompanyAddress,
    posted: Option<Edited>,
    mut shown: Feedback,
) -> Result<HttpResponse, PageError> {
    let workspace = company.load(state, Reads::COMPANY).await?;
    let lang = company.lang;
    let t = lang.text();
    let exhibitor = &workspace.draft.exhibitor;
    let stored = values_of(&exhibitor.profile.to_input());
    let form = match posted {
        None => EditorForm::stored(stored, exhibitor.version),
        Some(Edited::As(form)) => form,
        Some(Edited::Stale(mine)) => {
            let field_name = |field: &str| crate::pages::company::home::field_name(&t, field);
            editor::merge_stale(&t, mine, &stored, exhibitor.version, field_name, &mut shown)
        }
    };
    let locked = workspace.locked_notice(&t, lang);
    shown.locked(locked.is_some());
    let inputs = Inputs {
        t: &t,
        values: &form.values,
        errors: &shown.errors,
        theirs: &shown.theirs,
        disabled: locked.is_some(),
    };
    let (languages, other_languages) = inputs.languages();
    let name = workspace.name(lang);
    let logo = exhibitor.profile.logo.as_ref().map(|_| format!("{}/logo", company.href(CompanyTab::Home)));
    let kib = (state.settings.max_upload_bytes / 1024).to_string();
    let rest = company.rest(CompanyTab::Profile);
    let mut page = PageMeta::private(state, lang, &rest, t.with("profile-title", &[("name", &name.text)]));
    page.account = browser::account_bar(state, &company.browser, lang, &workspace.me.name);
    let template = ProfilePage {
        tabs: company.tabs(CompanyTab::Profile),
        back: super::back(&t, lang, &company.slug, workspace.for_pavilion()),
        notice: shown.notice.clone(),
        alert: shown.alert.clone(),
        conflict: shown.conflict.clone(),
        form_token: company.browser.form_token(state),
        action: company.href(CompanyTab::Profile),
        company_base: company.href(CompanyTab::Home),
        version: form.version,
        base: form.base_field(),
        phrasing: shown.phrasing_choices(&t),
        texts: inputs.texts(&TEXTS, shown.suggested.as_deref()),
        selects: vec![company_type(&inputs)],
        lines: vec![line(&inputs, "website", "url", "url"), line(&inputs, "booth", "text", "off")],
        languages,
        other_languages,
        languages_error: shown.errors.within("languages").cloned(),
        contacts: contacts(&inputs),
        contacts_error: shown.errors.get("contacts").cloned(),
        logo_alt: t.with("company-logo", &[("name", &name.text)]),
        logo,
        max_upload_bytes: state.settings.max_upload_bytes,
        logo_hint: t.with("logo-hint", &[("max", &kib)]),
        upload_too_large: t.with("upload-too-large", &[("max", &kib)]),
        locked,
        name,
        page,
        t,
    };
    let status = shown.status.unwrap_or(StatusCode::OK);
    Ok(private_page(state, &company.browser, status, &template, Referrer::SameOrigin)?)
}

fn company_type(inputs: &Inputs<'_>) -> Select {
    let t = inputs.t;
    let type_name = |kind: &str| {
        if kind.is_empty() { t.get("profile-type-none") } else { t.get(&format!("company-type-{kind}")) }
    };
    let mut types = vec![(String::new(), type_name(""))];
    types.extend(COMPANY_TYPES.iter().map(|kind| ((*kind).to_owned(), type_name(kind))));
    let mut select =
        Select::new("company_type", t.get("profile-field-company_type"), &inputs.value("company_type"), types)
            .disabled(inputs.disabled);
    select.error = inputs.errors.get("company_type").cloned();
    select.theirs = inputs.theirs.get("company_type").map(|kind| type_name(kind));
    select
}

/// A one-line input of the profile (`website`, `booth`).
fn line(inputs: &Inputs<'_>, name: &'static str, input_type: &'static str, autocomplete: &'static str) -> Field {
    inputs.line(name, inputs.t.get(&format!("profile-field-{name}")), input_type, autocomplete)
}

/// The contacts: one row each, and (when editable) empty rows to add more.
fn contacts(inputs: &Inputs<'_>) -> Vec<ContactRow> {
    let t = inputs.t;
    let stored_rows =
        (0..MAX_CONTACT_ROWS).take_while(|row| inputs.values.contains_key(&format!("contacts.{row}.name"))).count();
    let rows = if inputs.disabled { stored_rows } else { stored_rows + EMPTY_CONTACT_ROWS };
    (0..rows)
        .map(|row| {
            let at = |part: &str| format!("contacts.{row}.{part}");
            let field = |part: &'static str, input_type: &'static str, autocomplete: &'static str| {
                Field::new(at(part), t.get(&format!("contact-{part}")), input_type, autocomplete)
                    .value(&inputs.value(&at(part)))
                    .error_from(inputs.errors)
                    .theirs(inputs.theirs.get(&at(part)).cloned())
                    .disabled(inputs.disabled)
            };
            ContactRow {
                legend: if row < stored_rows {
                    t.with("contact-legend", &[("number", &(row + 1).to_string())])
                } else {
                    t.get("contact-new")
                },
                fields: vec![
                    field("name", "text", "off"),
                    field("title", "text", "off"),
                    field("email", "email", "off"),
                    field("phone", "tel", "off"),
                ],
                public_name: at("public"),
                public: inputs.value(&at("public")) == "on",
                remove_name: at("remove"),
                existing: row < stored_rows,
            }
        })
        .collect()
}
