//! `GET /{lang}/workspace/pavilions/{slug}/emails`: a pavilion's delivery log for its admins and
//! the organiser, newest first: what was sent to whom, its state, attempts and last error,
//! filtered by state; `POST …/emails/{id}/resend` sends a message again (a new message, as
//! `POST /api/v1/pavilions/{slug}/emails/{id}/resend` does).

use super::{IdPath, PavilionWorkspace};
use crate::extractors::Client;
use crate::pages::kernel::forms::{FormData, Select};
use crate::pages::kernel::{
    Href, PageError, PageMeta, PavilionTab, Posted, Referrer, Shown, i18n::Text, private_page, see_other,
};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::MessageId;
use pavilion_core::mail::EmailStatus;
use pavilion_core::services::MAX_PAGE_SIZE;
use pavilion_core::services::emails::{self, LogFilter};
use serde::Deserialize;

pub struct DeliveryRow {
    pub kind: String,
    pub recipient: String,
    pub status: String,
    pub failed: bool,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub queued: String,
    pub queued_iso: String,
    pub sent: Option<String>,
    pub resend: String,
}

#[derive(Template)]
#[template(path = "pavilion/deliveries.html")]
struct DeliveriesPage {
    page: PageMeta,
    t: Text,
    heading: String,
    pavilion_tabs: Vec<crate::pages::kernel::Tab>,
    heading_lang: Option<&'static str>,
    notice: Option<String>,
    alert: Option<String>,
    form_token: String,
    base: String,
    filter: Select,
    rows: Vec<DeliveryRow>,
    next: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct LogQuery {
    status: Option<String>,
    after: Option<String>,
    done: Option<String>,
}

pub async fn handle(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse, PageError> {
    render(&state, &workspace, query.into_inner(), None).await
}

pub async fn resend(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    Client(client): Client,
    path: web::Path<IdPath>,
    _: Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let id = MessageId::parse(&path.id).map_err(|_| PageError::NotFound)?;
    let (pavilion, caller) = (workspace.slug().to_owned(), workspace.person.clone());
    match state.call(Some(caller), client, move |ctx| emails::resend_in_pavilion(ctx, &pavilion, &id)).await {
        Ok(_) => Ok(see_other(&format!("{}?done=resent", log_href(&workspace))).finish()),
        Err(CoreError::Conflict(_) | CoreError::Gone { .. }) => {
            let refusal = (workspace.lang.text().get("deliveries-cannot-resend"), StatusCode::CONFLICT);
            render(&state, &workspace, LogQuery::default(), Some(refusal)).await
        }
        Err(error) => Err(PageError::from(error).hiding_forbidden()),
    }
}

fn log_href(workspace: &PavilionWorkspace) -> String {
    Href::pavilion(workspace.lang, workspace.slug(), PavilionTab::Emails)
}

async fn render(
    state: &AppState,
    workspace: &PavilionWorkspace,
    query: LogQuery,
    refusal: Option<(String, StatusCode)>,
) -> Result<HttpResponse, PageError> {
    let (lang, pavilion) = (workspace.lang, &workspace.pavilion);
    let rest = format!("/workspace/pavilions/{}/emails", workspace.slug());
    let status = query.status.as_deref().and_then(EmailStatus::parse);
    let (caller, lookup) = (workspace.person.clone(), workspace.slug().to_owned());
    let after = query.after.clone();
    let loaded = state
        .run(move |conn, _| {
            let filter = LogFilter { status, cursor: after, limit: MAX_PAGE_SIZE };
            emails::log_for_pavilion(conn, &caller, &lookup, filter)
        })
        .await;
    let page = match loaded {
        Ok(page) => page,
        // A stale or forged page cursor: the log's first page.
        Err(CoreError::Validation(_)) => {
            let fresh = LogQuery { after: None, ..query };
            return Box::pin(render(state, workspace, fresh, refusal)).await;
        }
        Err(error) => return Err(PageError::from(error).hiding_forbidden()),
    };
    let t = lang.text();
    let base = log_href(workspace);
    let rows = page.items.iter().map(|listed| row(&t, &base, &listed.item)).collect();
    let next = page.next_cursor.as_ref().map(|cursor| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if let Some(status) = status {
            query.append_pair("status", status.as_str());
        }
        query.append_pair("after", cursor);
        format!("{base}?{}", query.finish())
    });
    let mut choices = vec![(String::new(), t.get("deliveries-any-status"))];
    choices.extend(
        EmailStatus::ALL.iter().map(|s| (s.as_str().to_owned(), t.get(&format!("email-status-{}", s.as_str())))),
    );
    let filter =
        Select::new("status", t.get("deliveries-filter-status"), status.map_or("", EmailStatus::as_str), choices);
    let name = Shown::of(&pavilion.name, lang);
    let heading = t.with("deliveries-title", &[("pavilion", &name.text)]);
    let mut meta = PageMeta::private(state, lang, &rest, heading.clone());
    meta.account = workspace.account_bar(state);
    let (alert, status_code) = match refusal {
        Some((alert, status)) => (Some(alert), status),
        None => (None, StatusCode::OK),
    };
    let template = DeliveriesPage {
        heading,
        pavilion_tabs: workspace.tabs(PavilionTab::Emails),
        heading_lang: name.lang,
        notice: query.done.filter(|done| done == "resent").map(|_| t.get("deliveries-resent")),
        alert,
        form_token: workspace.browser.form_token(state),
        base,
        filter,
        rows,
        next,
        page: meta,
        t,
    };
    Ok(private_page(state, &workspace.browser, status_code, &template, Referrer::SameOrigin)?)
}

/// One message of the log: what, to whom, where it stands, and its "send again".
fn row(t: &Text, base: &str, record: &pavilion_core::mail::EmailRecord) -> DeliveryRow {
    let when = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%d %H:%M UTC").to_string();
    DeliveryRow {
        kind: t.get(&format!("email-kind-{}", record.kind)),
        recipient: record.recipient.clone(),
        status: t.get(&format!("email-status-{}", record.status.as_str())),
        failed: record.status == EmailStatus::Failed,
        attempts: record.attempts,
        last_error: record.last_error.clone(),
        queued: when(record.created_at),
        queued_iso: record.created_at.to_rfc3339(),
        sent: record.sent_at.map(|at| t.with("deliveries-sent-at", &[("at", &when(at))])),
        resend: format!("{base}/{}/resend", record.id),
    }
}
