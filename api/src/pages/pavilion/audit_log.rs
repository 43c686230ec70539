//! `GET /{lang}/workspace/pavilions/{slug}/audit`: a pavilion's audit log for its admins and the
//! organiser, newest first: who did what to which object, from which address; filtered by action
//! and by a period, as `GET /api/v1/pavilions/{slug}/audit` is.

use super::PavilionWorkspace;
use crate::pages::kernel::forms::{Field, Select};
use crate::pages::kernel::{PageError, PageMeta, PavilionTab, Referrer, Shown, i18n::Text, private_page, see_other};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};
use pavilion_core::CoreError;
use pavilion_core::domain::AuditEvent;
use pavilion_core::policy::Principal;
use pavilion_core::services::audit::Action;
use pavilion_core::services::audit_log::{self, AuditFilter};
use pavilion_core::services::{Listed, MAX_PAGE_SIZE, Page, members};
use serde::Deserialize;
use std::collections::HashMap;

pub struct AuditRow {
    pub at: String,
    pub at_iso: String,
    pub action: String,
    pub actor: String,
    pub target: String,
    pub ip: String,
}

#[derive(Template)]
#[template(path = "pavilion/audit_log.html")]
struct AuditPage {
    page: PageMeta,
    t: Text,
    heading: String,
    pavilion_tabs: Vec<crate::pages::kernel::Tab>,
    heading_lang: Option<&'static str>,
    base: String,
    action: Select,
    period: Vec<Field>,
    rows: Vec<AuditRow>,
    next: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    action: Option<String>,
    /// `YYYY-MM-DD`, from the start of that day (UTC).
    since: Option<String>,
    /// `YYYY-MM-DD`, to the end of that day (UTC).
    until: Option<String>,
    after: Option<String>,
}

fn day(raw: Option<&str>) -> Option<NaiveDate> {
    raw.filter(|raw| !raw.is_empty()).and_then(|raw| NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok())
}

/// Accounts' names by id.
type Names = HashMap<String, String>;

/// One page of the log, with its actors by name: the pavilion's own accounts; anyone else is the
/// market's organiser.
async fn load(
    state: &AppState,
    caller: Principal,
    slug: String,
    filter: AuditFilter,
) -> Result<(Page<Listed<AuditEvent>>, Names), CoreError> {
    state
        .run(move |conn, _| {
            let page = audit_log::log_for_pavilion(conn, &caller, &slug, filter)?;
            let names: Names = members::list(conn, &caller, &slug)?
                .into_iter()
                .map(|member| (member.id.to_string(), format!("{} <{}>", member.name, member.email.as_str())))
                .collect();
            Ok((page, names))
        })
        .await
}

pub async fn handle(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, PageError> {
    let (lang, pavilion) = (workspace.lang, &workspace.pavilion);
    let (caller, slug) = (workspace.person.clone(), workspace.slug().to_owned());
    let query = query.into_inner();
    let rest = format!("/workspace/pavilions/{slug}/audit");
    let action = query.action.as_deref().and_then(|raw| Action::parse(raw).ok());
    let since = day(query.since.as_deref());
    let until = day(query.until.as_deref());
    let filter = AuditFilter {
        action,
        since: since.and_then(|d| d.and_hms_opt(0, 0, 0)).map(|at| DateTime::<Utc>::from_naive_utc_and_offset(at, Utc)),
        until: until
            .and_then(|d| d.and_hms_opt(23, 59, 59))
            .map(|at| DateTime::<Utc>::from_naive_utc_and_offset(at, Utc)),
        cursor: query.after.clone(),
        limit: MAX_PAGE_SIZE,
    };
    let loaded = load(&state, caller, slug.clone(), filter).await;
    let (page, names) = match loaded {
        Ok(loaded) => loaded,
        Err(CoreError::Validation(_)) => {
            // A stale or forged page cursor: the log's first page.
            let mut fresh = format!("/{}{rest}", lang.path());
            if let Some(action) = action {
                fresh.push_str(&format!("?action={}", action.as_str()));
            }
            return Ok(see_other(&fresh).finish());
        }
        Err(error) => return Err(PageError::from(error).hiding_forbidden()),
    };
    let t = lang.text();
    let base = format!("/{}{rest}", lang.path());
    let rows = page.items.iter().map(|listed| row(&t, &names, &listed.item)).collect();
    let next = page.next_cursor.as_ref().map(|cursor| {
        let mut next = url::form_urlencoded::Serializer::new(String::new());
        if let Some(action) = action {
            next.append_pair("action", action.as_str());
        }
        for (name, value) in [("since", since), ("until", until)] {
            if let Some(value) = value {
                next.append_pair(name, &value.to_string());
            }
        }
        next.append_pair("after", cursor);
        format!("{base}?{}", next.finish())
    });
    let (action_select, period) = filters(&t, action, since, until);
    let name = Shown::of(&pavilion.name, lang);
    let heading = t.with("audit-title", &[("pavilion", &name.text)]);
    let mut meta = PageMeta::private(&state, lang, &rest, heading.clone());
    meta.account = workspace.account_bar(&state);
    let template = AuditPage {
        heading,
        pavilion_tabs: workspace.tabs(PavilionTab::Audit),
        heading_lang: name.lang,
        base,
        action: action_select,
        period,
        rows,
        next,
        page: meta,
        t,
    };
    Ok(private_page(&state, &workspace.browser, StatusCode::OK, &template, Referrer::SameOrigin)?)
}

/// One event of the log, its actor by name (the pavilion's accounts; anyone else is the
/// market's organiser).
fn row(t: &Text, names: &HashMap<String, String>, event: &AuditEvent) -> AuditRow {
    AuditRow {
        at: event.created_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        at_iso: event.created_at.to_rfc3339(),
        action: t.get(&format!("audit-action-{}", event.action)),
        actor: match &event.actor_id {
            None => "—".to_owned(),
            Some(id) => names.get(id.as_str()).cloned().unwrap_or_else(|| t.get("audit-actor-organiser")),
        },
        target: event.target.clone().unwrap_or_else(|| "—".to_owned()),
        ip: event.ip.clone().unwrap_or_else(|| "—".to_owned()),
    }
}

/// The log's filters, as chosen: the kind of event, and the days from and to.
fn filters(
    t: &Text,
    action: Option<Action>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> (Select, Vec<Field>) {
    let mut choices = vec![(String::new(), t.get("audit-any-action"))];
    choices.extend(Action::ALL.iter().map(|a| (a.as_str().to_owned(), t.get(&format!("audit-action-{}", a.as_str())))));
    let action = Select::new("action", t.get("audit-filter-action"), action.map_or("", Action::as_str), choices);
    let day = |name: &'static str, label: &str, value: Option<NaiveDate>| {
        Field::new(name, t.get(label), "date", "off").value(&value.map(|d| d.to_string()).unwrap_or_default())
    };
    (action, vec![day("since", "audit-since", since), day("until", "audit-until", until)])
}
