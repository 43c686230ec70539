//! `GET /{lang}/workspace/pavilions/{slug}/import`: importing companies from a spreadsheet, in
//! two steps. The file is chosen and checked first (`POST …/import`, a dry run): the page shows
//! what each row would do and every error by line and column. When nothing is wrong, the same
//! page offers "import", which posts the checked text again with `step=import`; the import runs
//! all or nothing and the page comes back with what it did. The use case is the JSON API's
//! (`services::imports::exhibitors`), and so are its rules.

use super::PavilionWorkspace;
use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::{Href, PageError, PageMeta, PavilionTab, Referrer, Shown, i18n::Text, private_page};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use futures_util::{StreamExt, TryStreamExt};
use pavilion_core::CoreError;
use pavilion_core::error::FieldError;
use pavilion_core::services::imports::{self, ImportReport, RowAction};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Done {
    created: Option<usize>,
    updated: Option<usize>,
}

/// One row of the report, written for the table.
pub struct ReportRow {
    pub line: usize,
    pub name: String,
    pub action: String,
    pub failed: bool,
    pub href: Option<String>,
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "pavilion/import.html")]
struct ImportPage {
    page: PageMeta,
    t: Text,
    heading: String,
    heading_lang: Option<&'static str>,
    pavilion_tabs: Vec<crate::pages::kernel::Tab>,
    notice: Option<String>,
    alert: Option<String>,
    form_token: String,
    action: String,
    template_href: String,
    max_upload_bytes: usize,
    upload_too_large: String,
    /// The dry run's rows, once a file was checked.
    rows: Vec<ReportRow>,
    summary: Option<String>,
    /// The checked text, to import with one more click; only when it has no error and changes.
    ready: Option<String>,
    import_button: String,
}

/// The longest form token read before the file.
const MAX_TOKEN: usize = 1024;

pub async fn handle(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let t = workspace.lang.text();
    let notice = match done.into_inner() {
        Done { created: Some(created), updated: Some(updated) } => {
            Some(t.with("import-done", &[("created", &created.to_string()), ("updated", &updated.to_string())]))
        }
        _ => None,
    };
    render(&state, &workspace, Outcome { notice, ..Outcome::default() })
}

#[derive(Default)]
struct Outcome {
    notice: Option<String>,
    alert: Option<String>,
    report: Option<(ImportReport, String)>,
    status: Option<StatusCode>,
}

/// What the form sent: its token, which step, and the file (or the checked text).
struct Upload {
    token: String,
    step: String,
    file: Option<bytes::Bytes>,
}

/// Reads the form: the token first (as the form puts it), checked before anything large is read.
async fn read(state: &AppState, browser: &Browser, mut multipart: Multipart) -> Result<Upload, PageError> {
    let mut posted = Upload { token: String::new(), step: "check".to_owned(), file: None };
    while let Some(field) = multipart.next().await {
        let Ok(mut field) = field else { break };
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            browser::FORM_TOKEN_FIELD | "step" => {
                let mut text = Vec::new();
                while let Some(Ok(chunk)) = field.next().await {
                    if text.len() + chunk.len() > MAX_TOKEN {
                        break;
                    }
                    text.extend_from_slice(&chunk);
                }
                let text = String::from_utf8(text).unwrap_or_default();
                if name == "step" { posted.step = text } else { posted.token = text }
            }
            "file" | "content" => {
                if !browser.form_is_genuine(state, &posted.token) {
                    return Err(PageError::FormRefused);
                }
                let chunks = field
                    .map_err(|error| {
                        ApiError::new(
                            StatusCode::BAD_REQUEST,
                            "malformed_upload",
                            format!("The upload broke off: {error}"),
                        )
                    })
                    .boxed_local();
                let bytes = crate::uploads::read_file_from(state, chunks).await?;
                if !bytes.is_empty() {
                    posted.file = Some(bytes);
                }
            }
            _ => while let Some(Ok(_)) = field.next().await {},
        }
    }
    if !browser.form_is_genuine(state, &posted.token) {
        return Err(PageError::FormRefused);
    }
    Ok(posted)
}

pub async fn submit(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    Client(client): Client,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    let lang = workspace.lang;
    let posted = match read(&state, &workspace.browser, multipart).await {
        Ok(posted) => posted,
        Err(PageError::Api(error)) if error.status_code_is(StatusCode::PAYLOAD_TOO_LARGE) => {
            let kib = (state.settings.max_upload_bytes / 1024).to_string();
            let alert = Some(lang.text().with("upload-too-large", &[("max", &kib)]));
            let outcome = Outcome { alert, status: Some(StatusCode::PAYLOAD_TOO_LARGE), ..Outcome::default() };
            return render(&state, &workspace, outcome);
        }
        Err(error) => return Err(error),
    };
    let caller = workspace.person.clone();
    let t = lang.text();
    let Some(file) = posted.file else {
        let outcome = Outcome {
            alert: Some(t.get("import-no-file")),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            ..Outcome::default()
        };
        return render(&state, &workspace, outcome);
    };
    let dry_run = posted.step != "import";
    let lookup = workspace.slug().to_owned();
    let checked = file.clone();
    let result =
        state.call(Some(caller), client, move |ctx| imports::exhibitors(ctx, &lookup, &checked, dry_run)).await;
    let outcome = match result {
        Ok(report) if report.applied => {
            let page = Href::pavilion(lang, workspace.slug(), PavilionTab::Overview);
            let done = format!("{page}/import?created={}&updated={}", report.created, report.updated);
            return Ok(crate::pages::kernel::see_other(&done).finish());
        }
        Ok(report) => {
            // The text as it was checked (converted to UTF-8 if it was GBK), for the next step.
            let text = imports::text_of(&file).map(|(text, _)| text).unwrap_or_default();
            let status = (report.errors > 0).then_some(StatusCode::UNPROCESSABLE_ENTITY);
            Outcome { report: Some((report, text)), status, ..Outcome::default() }
        }
        // The file's form is wrong: why, and what to do.
        Err(CoreError::Validation(problems)) => Outcome {
            alert: Some(refusal(&t, &problems)),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            ..Outcome::default()
        },
        Err(error) => return Err(PageError::from(error).hiding_forbidden()),
    };
    render(&state, &workspace, outcome)
}

/// Why a file was refused whole, in the page's language; the columns named as the file names them.
fn refusal(t: &Text, problems: &[FieldError]) -> String {
    let Some(problem) = problems.first() else { return t.get("form-has-errors") };
    let reason = t.get(&format!("import-file-{}", problem.code));
    match problem.code {
        "unknown_columns" | "duplicate_column" | "unreadable" => format!("{reason} ({})", problem.message),
        _ => reason,
    }
}

fn render(state: &AppState, workspace: &PavilionWorkspace, outcome: Outcome) -> Result<HttpResponse, PageError> {
    let (lang, pavilion) = (workspace.lang, &workspace.pavilion);
    let rest = format!("/workspace/pavilions/{}/import", workspace.slug());
    let t = lang.text();
    let base = Href::pavilion(lang, workspace.slug(), PavilionTab::Overview);
    let (mut rows, mut summary, mut ready) = (Vec::new(), None, None);
    let mut import_button = String::new();
    if let Some((report, text)) = outcome.report {
        let args = [
            ("created", report.created.to_string()),
            ("updated", report.updated.to_string()),
            ("unchanged", report.unchanged.to_string()),
            ("errors", report.errors.to_string()),
        ];
        let args: Vec<(&'static str, &str)> = args.iter().map(|(name, value)| (*name, value.as_str())).collect();
        summary = Some(t.with("import-summary", &args));
        if let Some(from) = report.converted_from {
            summary = summary.map(|s| format!("{s} {}", t.with("import-converted", &[("encoding", from)])));
        }
        if report.errors == 0 && report.created + report.updated > 0 {
            ready = Some(text);
            import_button = t.with("import-button", &args);
        }
        rows = report
            .rows
            .into_iter()
            .map(|row| ReportRow {
                line: row.line,
                name: row.name,
                action: t.get(&format!("import-action-{}", row.action.as_str())),
                failed: row.action == RowAction::Error,
                href: row.id.map(|id| format!("{base}/companies/{id}")),
                errors: row
                    .errors
                    .into_iter()
                    .map(|error| match error.column {
                        Some(column) => format!("{column}: {}", error.message),
                        None => error.message,
                    })
                    .collect(),
            })
            .collect();
    }
    let name = Shown::of(&pavilion.name, lang);
    let heading = t.with("import-title", &[("pavilion", &name.text)]);
    let mut meta = PageMeta::private(state, lang, &rest, heading.clone());
    meta.account = workspace.account_bar(state);
    let kib = (state.settings.max_upload_bytes / 1024).to_string();
    let template = ImportPage {
        heading,
        heading_lang: name.lang,
        pavilion_tabs: workspace.tabs(PavilionTab::Companies),
        notice: outcome.notice,
        alert: outcome.alert,
        form_token: workspace.browser.form_token(state),
        action: format!("{base}/import"),
        template_href: format!("{base}/export?dataset=exhibitors&version=working&format=csv"),
        max_upload_bytes: state.settings.max_upload_bytes,
        upload_too_large: t.with("upload-too-large", &[("max", &kib)]),
        rows,
        summary,
        ready,
        import_button,
        page: meta,
        t,
    };
    Ok(private_page(
        state,
        &workspace.browser,
        outcome.status.unwrap_or(StatusCode::OK),
        &template,
        Referrer::SameOrigin,
    )?)
}
