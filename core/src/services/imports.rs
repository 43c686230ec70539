//! Importing a pavilion's companies from a CSV file: an association's list, or an export edited
//! in a spreadsheet (the columns are the export's, [`EXHIBITOR_COLUMNS`]).
//!
//! **Which company a row is.** A row with an `id` is that company of the pavilion (an unknown id
//! is an error, never a new company). A row without one is matched by its name: the first of
//! `name.en`, `name.zh-Hans`, `name.zh-Hant` it fills, compared without case, spacing or width
//! differences against the same name of the pavilion's companies; no match makes a new company.
//! So an export re-imported matches by id, a list imported twice matches by name, and the second
//! run finds every row unchanged.
//!
//! **What a row changes.** Only the columns the file has: a file of names and contact emails
//! leaves descriptions alone. The read-only columns of an export (`pavilion`, `status`,
//! `completeness`, `updated_at`, `published_at`) are accepted and not written. `contact_*` are
//! the company's first contact; others are kept. An edit of an approved company withdraws it
//! from review, as any edit does.
//!
//! **All or nothing.** Every row is checked before anything is written; a file with one error
//! changes nothing, and the report says, row by row and column by column, what is wrong. A dry
//! run reports the same and writes nothing. A new company whose row has a `contact_email` has
//! that person invited (in English, or in Chinese when the row names the company in Chinese only).

use super::audit::Action;
use super::context::Context;
use super::exhibitors::{self as companies, FirstContact};
use super::exports::EXHIBITOR_COLUMNS;
use crate::db::{self, DbConnection};
use crate::domain::{
    ContactInput, EmailAddress, Exhibitor, ExhibitorFilter, ExhibitorProfile, Locale, LocalizedText, ProfileInput,
};
use crate::error::{CoreError, FieldError};
use crate::policy::tenancy::{Need, PavilionScope};
use crate::spreadsheet::{BYTE_ORDER_MARK, restore};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// The most rows one file may have.
pub const MAX_ROWS: usize = 5000;

const NAME_COLUMNS: [&str; 3] = ["name.en", "name.zh-Hans", "name.zh-Hant"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction {
    Create,
    Update,
    Unchanged,
    Error,
}

impl RowAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Unchanged => "unchanged",
            Self::Error => "error",
        }
    }
}

/// A problem with one cell (or with the row as a whole, `column` being `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct CellError {
    pub column: Option<String>,
    pub message: String,
}

/// What became, or would become, of one row.
#[derive(Debug, Clone)]
pub struct RowReport {
    /// The row's line in the file (the header is line 1).
    pub line: usize,
    pub action: RowAction,
    /// The company it is (for an update) or became (for a real import's create).
    pub id: Option<String>,
    /// The company's name as the row gives it.
    pub name: String,
    pub errors: Vec<CellError>,
}

/// The import's report.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub rows: Vec<RowReport>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub errors: usize,
    /// Whether the changes were written (a real import without errors).
    pub applied: bool,
    /// The encoding the file was converted from, when it was not UTF-8.
    pub converted_from: Option<&'static str>,
}

/// A file's text and its rows, once its form is checked.
struct Sheet {
    /// (line, cells by column name).
    rows: Vec<(usize, HashMap<String, String>)>,
    converted_from: Option<&'static str>,
}

fn file_error(code: &'static str, message: impl Into<String>) -> CoreError {
    CoreError::Validation(vec![FieldError::new("file", code, message)])
}

/// UTF-8 (with or without a byte-order mark), or the GBK/GB18030 an older Chinese Excel saves
/// "CSV" in, converted; anything else is refused with what to do. The text, and the encoding it
/// was converted from.
pub fn text_of(bytes: &[u8]) -> Result<(String, Option<&'static str>), CoreError> {
    let bytes = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    let chinese = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    // GB18030 decodes almost any byte string its way: take it only when the result has Chinese
    // in it and nothing it could not map.
    let as_gb18030 = || {
        encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .filter(|text| chinese(text))
            .map(|text| (text.into_owned(), Some("GB18030")))
    };
    match std::str::from_utf8(bytes) {
        // Text that is valid UTF-8 is taken as UTF-8: GBK text rarely is (a few characters can
        // be, e.g. 丝路影业 is the bytes of ˿·Ӱҵ; a real list's hundreds are not).
        Ok(text) => Ok((text.to_owned(), None)),
        Err(error) => as_gb18030().ok_or_else(|| {
            let line = bytes[..error.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
            file_error(
                "not_utf8",
                format!(
                    "the file is not UTF-8 text (line {line} has a byte UTF-8 does not allow); in Excel, \
                     save it as \"CSV UTF-8 (Comma delimited)\""
                ),
            )
        }),
    }
}

/// Reads the file's rows, refusing a file whose form is wrong as a whole.
fn read_sheet(bytes: &[u8]) -> Result<Sheet, CoreError> {
    let (text, converted_from) = text_of(bytes)?;
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.trim().is_empty() {
        return Err(file_error("empty", "the file is empty: its first line must name the columns"));
    }
    if !first_line.contains(',')
        && let Some(delimiter) = [(';', "semicolons"), ('\t', "tabs")].iter().find(|(c, _)| first_line.contains(*c))
    {
        return Err(file_error(
            "wrong_delimiter",
            format!(
                "the columns are separated by {}; save the file with commas (\"CSV UTF-8 (Comma delimited)\")",
                delimiter.1
            ),
        ));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|error| file_error("unreadable", format!("the first line cannot be read: {error}")))?
        .iter()
        .map(|name| name.trim().to_owned())
        .collect();
    let unknown: Vec<&str> =
        header.iter().map(String::as_str).filter(|name| !EXHIBITOR_COLUMNS.contains(name)).collect();
    if !unknown.is_empty() {
        return Err(file_error(
            "unknown_columns",
            format!(
                "unknown columns: {}; the columns are those of an export: {}",
                unknown.join(", "),
                EXHIBITOR_COLUMNS.join(", ")
            ),
        ));
    }
    if let Some(twice) = header.iter().enumerate().find(|(i, name)| header[..*i].contains(name)) {
        return Err(file_error("duplicate_column", format!("the column {} appears twice", twice.1)));
    }
    if !NAME_COLUMNS.iter().any(|name| header.iter().any(|h| h == name)) {
        return Err(file_error(
            "missing_columns",
            format!("a column with the company's name is required: one of {}", NAME_COLUMNS.join(", ")),
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error.position().map_or(0, |p| p.line());
            file_error("unreadable", format!("line {line} cannot be read: {error}"))
        })?;
        // Counted as a person counts. The reader's record starts after the previous line's
        // `\r` when lines end in CRLF (so on its `\n`), after the `\n` otherwise: the newlines up
        // to and including the starting byte are the lines before.
        let line = record.position().map_or(rows.len() + 2, |p| {
            let end = (usize::try_from(p.byte()).unwrap_or(0) + 1).min(text.len());
            text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
        });
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue; // a blank line a spreadsheet left at the end
        }
        if rows.len() == MAX_ROWS {
            return Err(file_error(
                "too_many_rows",
                format!("the file has more than {MAX_ROWS} rows; split it into files of at most {MAX_ROWS}"),
            ));
        }
        let cells = header.iter().cloned().zip(record.iter().map(|cell| restore(cell.trim()).to_owned())).collect();
        rows.push((line, cells));
    }
    Ok(Sheet { rows, converted_from })
}

/// How a name is compared: case, width and spacing aside.
fn name_key(name: &str) -> String {
    name.nfkc().flat_map(char::to_lowercase).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The name a row or a company is matched by: its first filled name.
fn first_name(name: &LocalizedText) -> Option<&str> {
    [name.en.as_deref(), name.zh_hans.as_deref(), name.zh_hant.as_deref()]
        .into_iter()
        .flatten()
        .find(|text| !text.trim().is_empty())
}

/// The profile a row gives, over `base` (the company's, or an empty one): only its columns.
fn apply_row(base: ProfileInput, cells: &HashMap<String, String>, errors: &mut Vec<CellError>) -> ProfileInput {
    let mut input = base;
    let text = |value: &String| (!value.is_empty()).then(|| value.clone());
    let mut contact = input.contacts.first().cloned().unwrap_or_else(|| ContactInput {
        name: String::new(),
        title: None,
        email: None,
        phone: None,
        public: false,
    });
    let mut contact_touched = false;
    for (column, value) in cells {
        match column.as_str() {
            "name.en" => input.name.en = text(value),
            "name.zh-Hans" => input.name.zh_hans = text(value),
            "name.zh-Hant" => input.name.zh_hant = text(value),
            "description.en" => input.description.en = text(value),
            "description.zh-Hans" => input.description.zh_hans = text(value),
            "description.zh-Hant" => input.description.zh_hant = text(value),
            "city.en" => input.city.en = text(value),
            "city.zh-Hans" => input.city.zh_hans = text(value),
            "city.zh-Hant" => input.city.zh_hant = text(value),
            "company_type" => input.company_type = text(value),
            "website" => input.website = text(value),
            "booth" => input.booth = text(value),
            "languages" => {
                input.languages =
                    value.split([';', ',']).map(str::trim).filter(|code| !code.is_empty()).map(str::to_owned).collect();
            }
            "contact_name" => (contact.name, contact_touched) = (value.clone(), true),
            "contact_title" => (contact.title, contact_touched) = (text(value), true),
            "contact_email" => (contact.email, contact_touched) = (text(value), true),
            "contact_phone" => (contact.phone, contact_touched) = (text(value), true),
            "contact_public" => {
                contact_touched = true;
                contact.public = match value.to_lowercase().as_str() {
                    "yes" | "true" | "1" | "y" | "是" => true,
                    "" | "no" | "false" | "0" | "n" | "否" => false,
                    _ => {
                        errors
                            .push(CellError { column: Some(column.clone()), message: "must be yes or no".to_owned() });
                        false
                    }
                };
            }
            // `id` says which company; `pavilion`, `status`, `completeness`, `updated_at` and
            // `published_at` are an export's, read-only.
            _ => {}
        }
    }
    if contact_touched {
        let empty =
            contact.name.is_empty() && contact.email.is_none() && contact.phone.is_none() && contact.title.is_none();
        match (input.contacts.is_empty(), empty) {
            (true, true) => {}
            (true, false) => input.contacts.push(contact),
            (false, true) => {
                input.contacts.remove(0);
            }
            (false, false) => input.contacts[0] = contact,
        }
    }
    input
}

/// The column a field error of a profile is about.
fn column_of(field: &str) -> String {
    match field {
        "contacts[0].name" => "contact_name".to_owned(),
        "contacts[0].title" => "contact_title".to_owned(),
        "contacts[0].email" => "contact_email".to_owned(),
        "contacts[0].phone" => "contact_phone".to_owned(),
        "name" => "name.en".to_owned(),
        other => other.split('[').next().unwrap_or(other).to_owned(),
    }
}

/// What the import will do with each row.
enum Plan {
    Create { profile: ExhibitorProfile, contact: Option<FirstContact> },
    Update { exhibitor: Box<Exhibitor>, profile: ExhibitorProfile },
    Nothing,
}

/// Every company of the pavilion, read a page at a time.
fn all_companies(conn: &mut DbConnection, scope: &PavilionScope) -> Result<Vec<Exhibitor>, CoreError> {
    let mut companies: Vec<Exhibitor> = Vec::new();
    loop {
        let after = companies.last().map(|c| c.id.to_string());
        let page = db::exhibitors::list(conn, scope, &ExhibitorFilter::default(), after.as_deref(), 500)?;
        let done = page.len() < 500;
        companies.extend(page);
        if done {
            return Ok(companies);
        }
    }
}

/// Checks every row against the pavilion's companies: the report, and what to write.
fn plan(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    sheet: &Sheet,
) -> Result<(Vec<RowReport>, Vec<Plan>), CoreError> {
    let companies = all_companies(conn, scope)?;
    let by_id: HashMap<&str, &Exhibitor> = companies.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut by_name: HashMap<String, Vec<&Exhibitor>> = HashMap::new();
    for company in &companies {
        if let Some(name) = first_name(&company.profile.name) {
            by_name.entry(name_key(name)).or_default().push(company);
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut reports = Vec::new();
    let mut plans = Vec::new();
    for (line, cells) in &sheet.rows {
        let mut errors = Vec::new();
        let id = cells.get("id").filter(|id| !id.is_empty());
        if let Some(pavilion) = cells.get("pavilion").filter(|p| !p.is_empty() && p.as_str() != scope.slug().as_str()) {
            errors.push(CellError {
                column: Some("pavilion".into()),
                message: format!("this row is a company of the pavilion {pavilion}, not of {}", scope.slug()),
            });
        }
        let existing: Option<&Exhibitor> = match id {
            Some(id) => {
                let found = by_id.get(id.as_str()).copied();
                if found.is_none() {
                    errors.push(CellError {
                        column: Some("id".into()),
                        message: "no company of this pavilion has this id (leave it empty for a new company)".into(),
                    });
                }
                found
            }
            None => None,
        };
        let base = existing.map_or_else(ProfileInput::default, |c| c.profile.to_input());
        let input = apply_row(base, cells, &mut errors);
        let name = first_name(&input.name).unwrap_or_default().to_owned();
        // Without an id, the name says which company it is.
        let existing = match (existing, id) {
            (Some(found), _) => Some(found),
            (None, Some(_)) => None,
            (None, None) => match by_name.get(&name_key(&name)).map(Vec::as_slice) {
                Some([one]) => Some(*one),
                Some([_, _, ..]) => {
                    errors.push(CellError {
                        column: None,
                        message: format!("several companies of this pavilion are called {name}; add the id column"),
                    });
                    None
                }
                _ => None,
            },
        };
        let key = existing.map_or_else(|| format!("name:{}", name_key(&name)), |c| format!("id:{}", c.id));
        if let Some(earlier) = seen.get(&key).filter(|_| !name.is_empty() || existing.is_some()) {
            errors.push(CellError { column: None, message: format!("the same company as line {earlier}") });
        }
        seen.entry(key).or_insert(*line);
        let logo = existing.and_then(|c| c.profile.logo.clone());
        let parsed = match ExhibitorProfile::parse(input, logo) {
            Ok(profile) => Some(profile),
            Err(CoreError::Validation(fields)) => {
                errors.extend(
                    fields.into_iter().map(|f| CellError { column: Some(column_of(&f.field)), message: f.message }),
                );
                None
            }
            Err(other) => return Err(other),
        };
        let (action, planned) = match (errors.is_empty(), parsed, existing) {
            (false, _, _) | (_, None, _) => (RowAction::Error, Plan::Nothing),
            (true, Some(profile), Some(company)) if profile == company.profile => (RowAction::Unchanged, Plan::Nothing),
            (true, Some(profile), Some(company)) => {
                (RowAction::Update, Plan::Update { exhibitor: Box::new(company.clone()), profile })
            }
            (true, Some(profile), None) => {
                let contact = match contact_of(conn, scope, &profile)? {
                    Ok(contact) => contact,
                    Err(problem) => {
                        errors.push(problem);
                        None
                    }
                };
                if errors.is_empty() {
                    (RowAction::Create, Plan::Create { profile, contact })
                } else {
                    (RowAction::Error, Plan::Nothing)
                }
            }
        };
        reports.push(RowReport { line: *line, action, id: existing.map(|c| c.id.to_string()), name, errors });
        plans.push(planned);
    }
    Ok((reports, plans))
}

/// The person a new company's row invites: its first contact's address, unless that address
/// already has an account in the pavilion (the row is then an error: one person, one company).
fn contact_of(
    conn: &mut DbConnection,
    scope: &PavilionScope,
    profile: &ExhibitorProfile,
) -> Result<Result<Option<FirstContact>, CellError>, CoreError> {
    let Some(raw) = profile.contacts.first().and_then(|c| c.email.as_deref()) else { return Ok(Ok(None)) };
    let Ok(email) = EmailAddress::parse(raw) else {
        return Ok(Err(CellError { column: Some("contact_email".into()), message: "is not an email address".into() }));
    };
    if db::users::member_exists(conn, scope, &email)? {
        return Ok(Err(CellError {
            column: Some("contact_email".into()),
            message: "already has an account in this pavilion; invite them from the company's page".into(),
        }));
    }
    let chinese_only = profile.name.en.is_none();
    let locale = if !chinese_only {
        Locale::En
    } else if profile.name.zh_hans.is_some() {
        Locale::ZhHans
    } else {
        Locale::ZhHant
    };
    Ok(Ok(Some(FirstContact { email, locale: Some(locale) })))
}

/// Imports (or, with `dry_run`, checks) a CSV file of companies into the pavilion at `slug`
/// (its admins, the organiser). A file whose form is wrong is refused whole (a validation error
/// on `file`); otherwise the report says what became of each row. See the module's notes.
pub fn exhibitors(ctx: &Context<'_>, slug: &str, file: &[u8], dry_run: bool) -> Result<ImportReport, CoreError> {
    let (caller, now) = (ctx.caller()?, ctx.now());
    // The caller may import here before the file is read: another tenant's slug is a 404,
    // whatever the file.
    let sheet = {
        ctx.transaction(|conn| super::pavilions::scope(conn, Some(caller), slug, Need::Manage).map(|_| ()))?;
        read_sheet(file)?
    };
    ctx.transaction_with_mail(|conn| {
        let scope = super::pavilions::scope(conn, Some(caller), slug, Need::Manage)?;
        let (mut rows, plans) = plan(conn, &scope, &sheet)?;
        let count = |action| rows.iter().filter(|row: &&RowReport| row.action == action).count();
        let mut report = ImportReport {
            created: count(RowAction::Create),
            updated: count(RowAction::Update),
            unchanged: count(RowAction::Unchanged),
            errors: count(RowAction::Error),
            applied: false,
            converted_from: sheet.converted_from,
            rows: Vec::new(),
        };
        if dry_run || report.errors > 0 || report.created + report.updated == 0 {
            report.rows = rows;
            return Ok(report);
        }
        for (row, planned) in rows.iter_mut().zip(plans) {
            match planned {
                Plan::Create { profile, contact } => {
                    let (exhibitor, _) = companies::add(conn, ctx, &scope, profile, contact, now)?;
                    row.id = Some(exhibitor.id.to_string());
                }
                Plan::Update { mut exhibitor, profile } => {
                    exhibitor.profile = profile;
                    companies::record_edit(conn, &scope, &mut exhibitor, now)?;
                }
                Plan::Nothing => {}
            }
        }
        let summary = format!("created {}, updated {}", report.created, report.updated);
        ctx.audit(conn, Action::ExhibitorsImported, Some(scope.id()), Some(&summary))?;
        report.applied = true;
        report.rows = rows;
        Ok(report)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_whatever_their_case_width_and_spacing() {
        assert_eq!(name_key("  Silk  Road Pictures "), name_key("silk road pictures"));
        assert_eq!(name_key("ＡＢＣ影业"), name_key("abc影业"));
    }

    #[test]
    fn a_gbk_file_is_converted_and_latin_1_is_refused() {
        let list = "name.zh-Hans,city.zh-Hans\n杭州丝路影业有限公司,杭州\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(list);
        let (text, from) = text_of(&gbk).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((text.as_str(), from), (list, Some("GB18030")));
        let latin1 = b"name.en\nCaf\xe9 Films\n";
        assert!(text_of(latin1).is_err());
        // UTF-8 with accents and Cyrillic stays UTF-8.
        let (text, from) = text_of("name.en\nCafé Кино\n".as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((text.as_str(), from), ("name.en\nCafé Кино\n", None));
        assert_eq!(text_of(b"\xEF\xBB\xBFname.en\nA\n").map(|(t, _)| t).ok().as_deref(), Some("name.en\nA\n"));
    }

    #[test]
    fn a_file_of_the_wrong_form_is_refused_with_what_to_do() {
        let refused = |text: &str| match read_sheet(text.as_bytes()) {
            Err(CoreError::Validation(fields)) => fields[0].code,
            _ => "accepted",
        };
        assert_eq!(refused("name.en;website\nA;https://a.example\n"), "wrong_delimiter");
        assert_eq!(refused("nom,website\nA,https://a.example\n"), "unknown_columns");
        assert_eq!(refused("website\nhttps://a.example\n"), "missing_columns");
        assert_eq!(refused(""), "empty");
        assert_eq!(refused("name.en,name.en\nA,B\n"), "duplicate_column");
        let many = format!("name.en\n{}", "A\n".repeat(MAX_ROWS + 1));
        assert_eq!(refused(&many), "too_many_rows");
        assert_eq!(refused("name.en,website\nA,https://a.example\n\n"), "accepted");
    }
}
