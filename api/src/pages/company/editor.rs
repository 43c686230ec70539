//! What the editors of a company's documents (its profile, its works) share: the form's values
//! with the version and values it was read at, what a save or a suggestion leaves to say, the
//! three-way merge of a stale save, and "fill from the other script".

use crate::pages::kernel::forms::{self, Choice, Field, FieldErrors, FormData, LocalizedInput, Values};
use crate::pages::kernel::i18n::Text;
use actix_web::http::StatusCode;
use pavilion_core::chinese::{self, Phrasing};
use pavilion_core::domain::Locale;

/// An editor's form: the `values` shown, read at `version` when the stored values were `base`.
pub struct EditorForm {
    pub values: Values,
    pub version: i64,
    pub base: Values,
}

impl EditorForm {
    /// The form as stored now: nothing typed yet.
    pub fn stored(values: Values, version: i64) -> Self {
        Self { base: values.clone(), values, version }
    }

    /// A posted form with these `values` (read back from what was posted), and the version and
    /// base it carried.
    pub fn posted(form: &FormData, values: Values) -> Self {
        Self {
            values,
            version: form.get("version").parse().unwrap_or(0),
            base: serde_json::from_str(form.get("base")).unwrap_or_default(),
        }
    }

    /// The base as the form carries it, in a hidden field.
    pub fn base_field(&self) -> String {
        serde_json::to_string(&self.base).unwrap_or_default()
    }
}

/// Where an editor's values come from when it is shown after a post.
pub enum Edited {
    /// As posted (a refused save, a suggestion).
    As(EditorForm),
    /// As posted, against a document someone else saved meanwhile.
    Stale(EditorForm),
}

/// What an editor says besides its values.
#[derive(Default)]
pub struct Feedback {
    pub notice: Option<String>,
    pub alert: Option<String>,
    pub conflict: Option<String>,
    pub errors: FieldErrors,
    /// What someone else saved, by field, where it differs from what the person typed.
    pub theirs: Values,
    /// The input just filled from the other script.
    pub suggested: Option<String>,
    pub phrasing: Phrasing,
    pub status: Option<StatusCode>,
}

impl Feedback {
    /// The phrasing a posted form asked for.
    pub fn for_form(form: &FormData) -> Self {
        Self { phrasing: Phrasing::parse(form.get("phrasing")).unwrap_or_default(), ..Self::default() }
    }

    /// An editor shown while edits are closed answers 423, unless a refusal said otherwise.
    pub fn locked(&mut self, locked: bool) {
        if locked && self.status.is_none() {
            self.status = Some(StatusCode::LOCKED);
        }
    }

    pub fn refused(alert: String, status: StatusCode) -> Self {
        Self { alert: Some(alert), status: Some(status), ..Self::default() }
    }

    /// The choices of Traditional Chinese usage, the one in use selected.
    pub fn phrasing_choices(&self, t: &Text) -> Vec<Choice> {
        Phrasing::ALL
            .into_iter()
            .map(|phrasing| Choice {
                value: phrasing.as_str().to_owned(),
                label: t.get(&format!("phrasing-{}", phrasing.as_str())),
                selected: phrasing == self.phrasing,
                lang: None,
            })
            .collect()
    }
}

/// The form to show after a stale save: the person's values merged with what is `stored` now
/// (at `version`); the conflict said in words, fields named by `field_name`.
pub fn merge_stale(
    t: &Text,
    mine: EditorForm,
    stored: &Values,
    version: i64,
    field_name: impl Fn(&str) -> String,
    feedback: &mut Feedback,
) -> EditorForm {
    let (merged, theirs) = forms::merge(&mine.base, stored, &mine.values);
    let changed: Vec<String> = forms::changed_fields(&mine.base, stored).iter().map(|f| field_name(f)).collect();
    let key = if theirs.is_empty() { "conflict-merged" } else { "conflict-both" };
    feedback.conflict = Some(t.with(key, &[("fields", &changed.join(", "))]));
    feedback.theirs = theirs;
    EditorForm { values: merged, version, base: stored.clone() }
}

/// "Fill from the other script": the Chinese input `target` (`title.zh-Hant`) of one of
/// `fields`, filled by converting the other script's text. A suggestion: nothing is saved.
pub fn fill(t: &Text, values: &mut Values, target: &str, fields: &[&str], feedback: &mut Feedback) {
    let conversion = target.rsplit_once('.').and_then(|(field, script)| {
        let to = Locale::parse("fill", script).ok()?;
        let from = match to {
            Locale::ZhHans => Locale::ZhHant,
            Locale::ZhHant => Locale::ZhHans,
            Locale::En => return None,
        };
        fields.contains(&field).then(|| (field.to_owned(), from, to))
    });
    let Some((field, from, to)) = conversion else {
        feedback.alert = Some(t.get("fill-unknown"));
        feedback.status = Some(StatusCode::UNPROCESSABLE_ENTITY);
        return;
    };
    let source = values.get(&format!("{field}.{}", from.as_str())).cloned().unwrap_or_default();
    if source.trim().is_empty() {
        let key = if from == Locale::ZhHans { "fill-nothing-simplified" } else { "fill-nothing-traditional" };
        feedback.errors = FieldErrors::one(target, t.get(key));
        feedback.status = Some(StatusCode::UNPROCESSABLE_ENTITY);
        return;
    }
    let converted = chinese::convert(&source, from, to, feedback.phrasing).unwrap_or(source);
    values.insert(target.to_owned(), converted);
    feedback.notice = Some(t.get("fill-done"));
    feedback.suggested = Some(target.to_owned());
}

/// A checkbox of an editor: a language, a genre, a medium.
pub struct CheckChoice {
    pub name: String,
    pub label: String,
    pub checked: bool,
}

/// An editor's inputs, as the form's values, its errors and what someone else saved make them.
pub struct Inputs<'a> {
    pub t: &'a Text,
    pub values: &'a Values,
    pub errors: &'a FieldErrors,
    pub theirs: &'a Values,
    /// The deadline has passed: shown, not editable.
    pub disabled: bool,
}

impl Inputs<'_> {
    pub fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }

    /// The codes a list field holds (`genres`: `drama, comedy`).
    pub fn chosen(&self, field: &str) -> Vec<String> {
        self.value(field).split(", ").filter(|code| !code.is_empty()).map(str::to_owned).collect()
    }

    /// The texts in three languages, as (field, legend's key, multiline).
    pub fn texts(&self, fields: &[(&'static str, &str, bool)], suggested: Option<&str>) -> Vec<LocalizedInput> {
        fields
            .iter()
            .map(|(field, legend, multiline)| {
                LocalizedInput::new(self.t, field, self.t.get(legend), *multiline, self.values).annotate(
                    self.errors,
                    self.theirs,
                    suggested,
                    self.disabled,
                )
            })
            .collect()
    }

    /// A one-line input labelled `label`.
    pub fn line(
        &self,
        name: &'static str,
        label: String,
        input_type: &'static str,
        autocomplete: &'static str,
    ) -> Field {
        Field::new(name, label, input_type, autocomplete)
            .value(&self.value(name))
            .error_from(self.errors)
            .theirs(self.theirs.get(name).cloned())
            .disabled(self.disabled)
    }

    /// The languages: a box for each language the product names, and a line for others.
    pub fn languages(&self) -> (Vec<CheckChoice>, Field) {
        let named = crate::pages::kernel::i18n::NAMED_LANGUAGES;
        let chosen = self.chosen("languages");
        let boxes = named
            .iter()
            .map(|code| CheckChoice {
                name: format!("languages.{code}"),
                label: self.t.language(code),
                checked: chosen.iter().any(|chosen| chosen == code),
            })
            .collect();
        let others: Vec<&str> = chosen.iter().map(String::as_str).filter(|code| !named.contains(code)).collect();
        let other = Field::new("languages.other", self.t.get("profile-other-languages"), "text", "off")
            .value(&others.join(", "))
            .hint(self.t.get("profile-other-languages-hint"))
            .theirs(self.theirs.get("languages").cloned())
            .disabled(self.disabled);
        (boxes, other)
    }
}

/// The languages a posted editor names: the boxes checked and the codes typed beside them.
pub fn posted_languages(form: &FormData) -> Vec<String> {
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
    languages
}
