//! What the editors of a company's documents (its profile, its works) share: the form's values
//! with the version and values it was read at, what a save or a suggestion leaves to say, the
//! three-way merge of a stale save, and "fill from the other script".

use crate::pages::kernel::forms::{self, Choice, FieldErrors, FormData, Values};
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
pub enum Posted {
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
