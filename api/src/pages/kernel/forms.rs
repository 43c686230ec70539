//! Form inputs, by the pages' form convention: fields named as in the JSON API, read leniently,
//! and a refused form shown again with each error beside its field in the page's language.

use crate::pages::kernel::browser::FORM_TOKEN_FIELD;
use crate::pages::kernel::i18n::Text;
use pavilion_core::CoreError;
use pavilion_core::domain::password::{MAX_CHARS, MIN_CHARS};
use pavilion_core::domain::{Locale, LocalizedText};
use std::collections::HashMap;

/// A posted form of fields by name, for forms whose fields are not fixed (a text per language,
/// contacts by index): a missing field reads as empty, so that a form from an older page is
/// refused by its checks, with words, rather than by the parser. Taken as `Posted<FormData>`.
#[derive(serde::Deserialize)]
#[serde(transparent)]
pub struct FormData(HashMap<String, String>);

impl FormData {
    pub fn new(fields: HashMap<String, String>) -> Self {
        Self(fields)
    }

    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// Whether the form has this field at all (a form from an older page may not).
    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// The names after `prefix` of the checkboxes checked (`audience.exhibitor` → `exhibitor`),
    /// in order.
    pub fn checked(&self, prefix: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .0
            .iter()
            .filter(|(_, value)| !value.is_empty())
            .filter_map(|(name, _)| name.strip_prefix(prefix).map(str::to_owned))
            .collect();
        names.sort();
        names
    }

    /// The form's token against cross-site posts.
    pub fn token(&self) -> &str {
        self.get(FORM_TOKEN_FIELD)
    }
}

/// One input of a form, as a template shows it: a visible label, the value kept after a refusal,
/// and its error.
pub struct Field {
    pub name: String,
    pub label: String,
    pub input_type: &'static str,
    pub value: String,
    pub autocomplete: &'static str,
    pub hint: Option<String>,
    pub error: Option<String>,
    /// Shown, not editable: the deadline has passed.
    pub disabled: bool,
    /// What someone else saved in this field meanwhile, when it differs from what is typed.
    pub theirs: Option<String>,
}

impl Field {
    pub fn new(name: impl Into<String>, label: String, input_type: &'static str, autocomplete: &'static str) -> Self {
        Self {
            name: name.into(),
            label,
            input_type,
            value: String::new(),
            autocomplete,
            hint: None,
            error: None,
            disabled: false,
            theirs: None,
        }
    }

    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }

    pub fn theirs(mut self, theirs: Option<String>) -> Self {
        self.theirs = theirs;
        self
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
        self.error = errors.get(&self.name).cloned();
        self
    }

    /// The `id`s of the elements that explain the field: its hint, its error, and what someone
    /// else saved.
    pub fn described_by(&self) -> Option<String> {
        let ids: Vec<String> =
            [(self.hint.is_some(), "hint"), (self.error.is_some(), "error"), (self.theirs.is_some(), "theirs")]
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
    pub disabled: bool,
    /// What someone else chose meanwhile, in words.
    pub theirs: Option<String>,
}

impl Select {
    /// `options` as (value, label); the one equal to `selected` is chosen.
    pub fn new(name: &'static str, label: String, selected: &str, options: Vec<(String, String)>) -> Self {
        let choices = options
            .into_iter()
            .map(|(value, label)| Choice { selected: value == selected, value, label, lang: None })
            .collect();
        Self { name, label, choices, error: None, disabled: false, theirs: None }
    }

    /// The languages the product speaks, each named in the page's language: `chosen`, else the
    /// page's own.
    pub fn locales(t: &Text, name: &'static str, label: String, chosen: &str) -> Self {
        let options = Locale::ALL
            .into_iter()
            .map(|option| {
                let path = crate::pages::kernel::PageLang(option).path();
                (option.as_str().to_owned(), t.get(&format!("lang-{path}")))
            })
            .collect();
        let chosen = if chosen.is_empty() { t.0.as_str() } else { chosen };
        Self::new(name, label, chosen, options)
    }

    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
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
    /// The errors of a refused use case: each field's code, in words, by the name of the form's
    /// field (`contacts[1].email` is the field `contacts.1.email`).
    pub fn from_error(t: &Text, error: &CoreError) -> Self {
        let CoreError::Validation(fields) = error else { return Self::default() };
        Self(fields.iter().map(|problem| (form_field_name(&problem.field), message(t, problem.code))).collect())
    }

    /// The first error of a field or of anything inside it (`languages` for `languages.2`).
    pub fn within(&self, field: &str) -> Option<&String> {
        self.0.get(field).or_else(|| {
            let prefix = format!("{field}.");
            let mut inside: Vec<(&String, &String)> = self.0.iter().filter(|(k, _)| k.starts_with(&prefix)).collect();
            inside.sort();
            inside.first().map(|(_, message)| *message)
        })
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

/// A JSON path as a form names its field: `contacts[1].email` → `contacts.1.email`.
fn form_field_name(path: &str) -> String {
    path.replace('[', ".").replace(']', "")
}

/// A text in three languages, as a form posts it: `name.en`, `name.zh-Hans`, `name.zh-Hant`.
pub fn localized(form: &FormData, field: &str) -> LocalizedText {
    let one = |lang: &str| Some(form.get(&format!("{field}.{lang}")).to_owned()).filter(|text| !text.trim().is_empty());
    LocalizedText { en: one("en"), zh_hans: one("zh-Hans"), zh_hant: one("zh-Hant") }
}

/// A single-line field left empty reads as not given.
pub fn optional(form: &FormData, field: &str) -> Option<String> {
    Some(form.get(field).trim().to_owned()).filter(|value| !value.is_empty())
}

/// One language's input of a text in three languages.
pub struct LangEntry {
    pub name: String,
    pub label: String,
    pub lang: &'static str,
    pub value: String,
    pub error: Option<String>,
    pub theirs: Option<String>,
    /// The value is a conversion from the other Chinese script, not yet saved.
    pub suggested: bool,
    /// The label of "fill from the other script", beside a Chinese input.
    pub fill: Option<String>,
}

/// A text in three languages side by side, each input labelled with its language.
pub struct LocalizedInput {
    pub field: &'static str,
    pub legend: String,
    pub multiline: bool,
    pub error: Option<String>,
    pub disabled: bool,
    pub entries: Vec<LangEntry>,
    /// Whether a language not filled yet is marked "(empty)": a gap in a profile, not in a
    /// message being written.
    pub mark_empty: bool,
}

/// What a form's fields hold, by name, for the inputs to show.
pub type Values = std::collections::BTreeMap<String, String>;

impl LocalizedInput {
    pub fn new(t: &Text, field: &'static str, legend: String, multiline: bool, values: &Values) -> Self {
        let entries = [(Locale::En, "lang-en"), (Locale::ZhHans, "lang-zh-hans"), (Locale::ZhHant, "lang-zh-hant")]
            .into_iter()
            .map(|(locale, key)| {
                let name = format!("{field}.{}", locale.as_str());
                LangEntry {
                    value: values.get(&name).cloned().unwrap_or_default(),
                    name,
                    label: t.get(key),
                    lang: locale.as_str(),
                    error: None,
                    theirs: None,
                    suggested: false,
                    fill: match locale {
                        Locale::En => None,
                        Locale::ZhHans => Some(t.get("fill-from-traditional")),
                        Locale::ZhHant => Some(t.get("fill-from-simplified")),
                    },
                }
            })
            .collect();
        Self { field, legend, multiline, error: None, disabled: false, entries, mark_empty: true }
    }

    /// Without "fill from the other script" buttons: each language is written by hand (names,
    /// messages).
    pub fn written_by_hand(mut self) -> Self {
        for entry in &mut self.entries {
            entry.fill = None;
        }
        self
    }

    /// Without the "(empty)" marks.
    pub fn unmarked(mut self) -> Self {
        self.mark_empty = false;
        self
    }

    /// Errors, what someone else saved, the suggestion just made, and whether it can be edited.
    pub fn annotate(mut self, errors: &FieldErrors, theirs: &Values, suggested: Option<&str>, disabled: bool) -> Self {
        self.error = errors.get(self.field).cloned();
        self.disabled = disabled;
        for entry in &mut self.entries {
            entry.error = errors.get(&entry.name).cloned();
            entry.theirs = theirs.get(&entry.name).cloned();
            entry.suggested = suggested == Some(entry.name.as_str());
            if disabled {
                entry.fill = None;
            }
        }
        self
    }
}

/// A three-way merge of a form: `base` as the person read it, `stored` as someone else saved it
/// since, `mine` as posted. Their changes are taken where the person left the field alone; where
/// both changed a field differently, the person's value stays in the form and theirs is returned
/// to be shown beside it.
pub fn merge(base: &Values, stored: &Values, mine: &Values) -> (Values, Values) {
    let empty = String::new();
    let mut merged = mine.clone();
    let mut theirs = Values::new();
    let keys: std::collections::BTreeSet<&String> = base.keys().chain(stored.keys()).chain(mine.keys()).collect();
    for key in keys {
        let (b, s, m) =
            (base.get(key).unwrap_or(&empty), stored.get(key).unwrap_or(&empty), mine.get(key).unwrap_or(&empty));
        if s == b || s == m {
            continue;
        }
        if m == b {
            merged.insert(key.clone(), s.clone());
        } else {
            theirs.insert(key.clone(), s.clone());
        }
    }
    (merged, theirs)
}

/// The profile's fields (`name`, `contacts`, …) whose values differ between two forms.
pub fn changed_fields(before: &Values, after: &Values) -> Vec<String> {
    let empty = String::new();
    let mut fields: Vec<String> = before
        .keys()
        .chain(after.keys())
        .filter(|key| before.get(*key).unwrap_or(&empty) != after.get(*key).unwrap_or(&empty))
        .map(|key| key.split('.').next().unwrap_or(key).to_owned())
        .collect();
    fields.dedup();
    fields.sort();
    fields.dedup();
    fields
}

/// Languages as a form's checkboxes give them back: those with names in the catalogs' order,
/// then the others as they were. What a form compares (a stale save's merge) must not see a
/// change where only the order differs.
pub fn languages_value(codes: &[String]) -> String {
    let named = crate::pages::kernel::i18n::NAMED_LANGUAGES
        .iter()
        .filter(|code| codes.iter().any(|c| c == *code))
        .map(|c| (*c).to_owned());
    let others =
        codes.iter().filter(|code| !crate::pages::kernel::i18n::NAMED_LANGUAGES.contains(&code.as_str())).cloned();
    named.chain(others).collect::<Vec<_>>().join(", ")
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
        "wrong_code" => t.get("error-wrong-code"),
        "missing_translation" => t.get("error-missing-translation"),
        "invalid_time_zone" => t.get("error-invalid-time-zone"),
        "invalid_reminder_days" => t.get("settings-reminder-days-invalid"),
        "no_recipients" => t.get("error-no-recipients"),
        "invalid_audience" => t.get("error-invalid-audience"),
        _ => t.get("error-invalid"),
    }
}

/// The download form's choices: what, which copy, which format.
pub fn export_choices(t: &Text) -> Vec<Select> {
    let options = |pairs: &[(&str, &str)]| pairs.iter().map(|(value, key)| ((*value).to_owned(), t.get(key))).collect();
    vec![
        Select::new(
            "dataset",
            t.get("export-dataset"),
            "exhibitors",
            options(&[("exhibitors", "export-dataset-exhibitors"), ("works", "export-dataset-works")]),
        ),
        Select::new(
            "version",
            t.get("export-version"),
            "published",
            options(&[("published", "export-version-published"), ("working", "export-version-working")]),
        ),
        Select::new(
            "format",
            t.get("export-format"),
            "xlsx",
            options(&[("xlsx", "export-format-xlsx"), ("csv", "export-format-csv")]),
        ),
    ]
}
