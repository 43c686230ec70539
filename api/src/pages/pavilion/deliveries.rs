//! `GET /{lang}/workspace/pavilions/{slug}/emails`: a pavilion's delivery log for its admins and
//! the organiser, newest first: what was sent to whom, its state, attempts and last error,
//! filtered by state; `POST …/emails/{id}/resend` sends a message again (a new message, as
//! `POST /api/v1/pavilions/{slug}/emails/{id}/resend` does).

use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::{self, Select};
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::domain::MessageId;
use pavilion_core::mail::EmailStatus;
use pavilion_core::services::emails::{self, LogFilter};
use pavilion_core::services::{MAX_PAGE_SIZE, accounts, pavilions};
use serde::Deserialize;
use std::collections::HashMap;

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

#[derive(Deserialize)]
pub struct DeliveriesPath {
    lang: String,
    slug: String,
}

#[derive(Deserialize)]
pub struct ResendPath {
    lang: String,
    slug: String,
    id: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct LogQuery {
    status: Option<String>,
    after: Option<String>,
    done: Option<String>,
}

pub async fn handle(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<DeliveriesPath>,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse, ApiError> {
    let DeliveriesPath { lang, slug } = path.into_inner();
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    render(&state, &browser, lang, &slug, query.into_inner(), None).await
}

pub async fn resend(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<ResendPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let ResendPath { lang, slug, id } = path.into_inner();
    let rest = format!("/workspace/pavilions/{slug}/emails");
    let (lang, _) = match forms::posted(&state, &browser, &lang, form.into_inner(), &rest) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let Ok(id) = MessageId::parse(&id) else { return crate::pages::kernel::not_found(&state, lang, &rest) };
    let pavilion = slug.clone();
    match state.call(Some(caller), client, move |ctx| emails::resend_in_pavilion(ctx, &pavilion, &id)).await {
        Ok(_) => Ok(crate::pages::kernel::see_other(&format!("/{}{rest}?done=resent", lang.path())).finish()),
        Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) || error.status_code_is(StatusCode::FORBIDDEN) => {
            crate::pages::kernel::not_found(&state, lang, &rest)
        }
        Err(error) if error.status_code_is(StatusCode::CONFLICT) || error.status_code_is(StatusCode::GONE) => {
            let refusal = (lang.text().get("deliveries-cannot-resend"), StatusCode::CONFLICT);
            render(&state, &browser, lang, &slug, LogQuery::default(), Some(refusal)).await
        }
        Err(error) => Err(error),
    }
}

async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    slug: &str,
    query: LogQuery,
    refusal: Option<(String, StatusCode)>,
) -> Result<HttpResponse, ApiError> {
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let rest = format!("/workspace/pavilions/{slug}/emails");
    let status = query.status.as_deref().and_then(EmailStatus::parse);
    let lookup = slug.to_owned();
    let after = query.after.clone();
    let loaded = state
        .run(move |conn, _| {
            let pavilion = pavilions::managed(conn, &caller, &lookup)?;
            let filter = LogFilter { status, cursor: after, limit: MAX_PAGE_SIZE };
            let page = emails::log_for_pavilion(conn, &caller, &lookup, filter)?;
            let (me, _) = accounts::me(conn, &caller)?;
            Ok((pavilion, page, me))
        })
        .await;
    let (pavilion, page, me) = match loaded {
        Ok(loaded) => loaded,
        Err(error) if crate::pages::kernel::is_signed_out(&error) => {
            return Ok(crate::pages::kernel::sign_in_first(lang));
        }
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) || error.status_code_is(StatusCode::FORBIDDEN) => {
            return crate::pages::kernel::not_found(state, lang, &rest);
        }
        Err(error)
            if error.status_code_is(StatusCode::BAD_REQUEST)
                || error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) =>
        {
            // A stale or forged page cursor: the log's first page.
            let fresh = LogQuery { after: None, ..query };
            return Box::pin(render(state, browser, lang, slug, fresh, refusal)).await;
        }
        Err(error) => return Err(error),
    };
    let t = lang.text();
    let base = format!("/{}{rest}", lang.path());
    let when = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%d %H:%M UTC").to_string();
    let rows = page
        .items
        .iter()
        .map(|listed| {
            let record = &listed.item;
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
        })
        .collect();
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
    meta.account = browser::account_bar(state, browser, lang, &me.name);
    let (alert, status_code) = match refusal {
        Some((alert, status)) => (Some(alert), status),
        None => (None, StatusCode::OK),
    };
    let template = DeliveriesPage {
        heading,
        pavilion_tabs: crate::pages::kernel::pavilion_tabs(&t, lang, slug, crate::pages::kernel::PavilionTab::Emails),
        heading_lang: name.lang,
        notice: query.done.filter(|done| done == "resent").map(|_| t.get("deliveries-resent")),
        alert,
        form_token: browser.form_token(state),
        base,
        filter,
        rows,
        next,
        page: meta,
        t,
    };
    private_page(state, browser, status_code, &template, Referrer::SameOrigin)
}
