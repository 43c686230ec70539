//! Posted forms (DESIGN.md, "Forms"): fields named as in the JSON API, read leniently, and a
//! refused form shown again with each error beside its field in the page's language.

use super::PageLang;
use super::browser::{self, Browser, FORM_TOKEN_FIELD};
use super::i18n::Text;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{HttpResponse, ResponseError};
use pavilion_core::domain::password::{MAX_CHARS, MIN_CHARS};
use std::collections::HashMap;

/// A posted form: a missing field reads as empty, so that a form from an older page is refused
/// by its checks, with words, rather than by the parser.
pub struct FormData(HashMap<String, String>);

impl FormData {
    pub fn new(fields: HashMap<String, String>) -> Self {
        Self(fields)
    }

    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// The form's token against cross-site posts.
    pub fn token(&self) -> &str {
        self.get(FORM_TOKEN_FIELD)
    }
}

/// What every form post does first: the page's language from its address, and the form only if
/// it came from this site's own page (else the 403 page, `back` being the form's page, and
/// nothing changed).
pub fn posted(
    state: &AppState,
    browser: &Browser,
    lang: &str,
    fields: HashMap<String, String>,
    back: &str,
) -> Result<(PageLang, FormData), Box<HttpResponse>> {
    let Some(lang) = PageLang::from_path(lang) else {
        return Err(Box::new(super::not_found_anywhere(state).unwrap_or_else(|error| error.error_response())));
    };
    let form = FormData::new(fields);
    if !browser.form_is_genuine(state, form.token()) {
        return Err(Box::new(
            browser::refused_form(state, browser, lang, back).unwrap_or_else(|error| error.error_response()),
        ));
    }
    Ok((lang, form))
}

/// One input of a form, as a template shows it: a visible label, the value kept after a refusal,
/// and its error.
pub struct Field {
    pub name: &'static str,
    pub label: String,
    pub input_type: &'static str,
    pub value: String,
    pub autocomplete: &'static str,
    pub hint: Option<String>,
    pub error: Option<String>,
}

impl Field {
    pub fn new(name: &'static str, label: String, input_type: &'static str, autocomplete: &'static str) -> Self {
        Self { name, label, input_type, value: String::new(), autocomplete, hint: None, error: None }
    }

    pub fn value(mut self, value: &str) -> Self {
        self.value = value.to_owned();
        self
    }

    pub fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    /// The error of this field from a refusal, if it has one.
    pub fn error_from(mut self, errors: &FieldErrors) -> Self {
        self.error = errors.get(self.name).cloned();
        self
    }

    /// The `id`s of the elements that explain the field: its hint and its error.
    pub fn described_by(&self) -> Option<String> {
        let ids: Vec<String> = [(self.hint.is_some(), "hint"), (self.error.is_some(), "error")]
            .into_iter()
            .filter(|(present, _)| *present)
            .map(|(_, kind)| format!("{}-{kind}", self.name))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// One choice of a `<select>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
    /// The label's language when it is not the page's (country names are English).
    pub lang: Option<&'static str>,
}

/// A `<select>` of a form, with its visible label and its error.
pub struct Select {
    pub name: &'static str,
    pub label: String,
    pub choices: Vec<Choice>,
    pub error: Option<String>,
}

impl Select {
    /// `options` as (value, label); the one equal to `selected` is chosen.
    pub fn new(name: &'static str, label: String, selected: &str, options: Vec<(String, String)>) -> Self {
        let choices = options
            .into_iter()
            .map(|(value, label)| Choice { selected: value == selected, value, label, lang: None })
            .collect();
        Self { name, label, choices, error: None }
    }

    pub fn error_from(mut self, errors: &FieldErrors) -> Self {
        self.error = errors.get(self.name).cloned();
        self
    }
}

/// Errors by field name, in the page's language.
#[derive(Default)]
pub struct FieldErrors(HashMap<String, String>);

impl FieldErrors {
    /// The errors of a refused use case: each field's code, in words.
    pub fn from_error(t: &Text, error: &ApiError) -> Self {
        Self(error.field_errors().iter().map(|problem| (problem.field.clone(), message(t, &problem.code))).collect())
    }

    pub fn one(field: &str, message: String) -> Self {
        Self(HashMap::from([(field.to_owned(), message)]))
    }

    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.get(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A validation code in words. Codes without words of their own get the general message.
pub fn message(t: &Text, code: &str) -> String {
    match code {
        "password_too_short" => t.with("error-password-too-short", &[("min", &MIN_CHARS.to_string())]),
        "password_too_long" => t.with("error-password-too-long", &[("max", &MAX_CHARS.to_string())]),
        "password_too_weak" => t.get("error-password-too-weak"),
        "required" => t.get("error-required"),
        "invalid_email" => t.get("error-invalid-email"),
        "invalid_characters" => t.get("error-invalid-characters"),
        "too_long" => t.get("error-too-long"),
        "wrong_password" => t.get("error-wrong-password"),
        _ => t.get("error-invalid"),
    }
}
