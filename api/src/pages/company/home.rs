//! `GET /{lang}/workspace/pavilions/{slug}/companies/{id}`: a company's home in the workspace.
//! Where it stands in review (with the reviewer's comment), how complete it is with a checklist
//! of what is missing (each item a link to where it is filled), the deadline and the time left,
//! and "submit for review" with what will be reviewed. Its pavilion's admins review here too:
//! what changed since the last publication, then approve or ask for changes with a comment, and
//! unlock a company the deadline locked.
//!
//! The forms post to `…/submit`, `…/approve`, `…/request-changes` and `…/unlock`, each through the
//! same use case as its JSON route.

use crate::extractors::Client;
use crate::pages::company::{self as company_workspace, CompanyAddress, Reads};
use crate::pages::kernel::Done;
use crate::pages::kernel::browser;
use crate::pages::kernel::forms::{self, FormData};
use crate::pages::kernel::{
    CompanyTab, PageError, PageMeta, Posted, Referrer, Shown, Tab, i18n::Text, private_page, see_other,
};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::{ExhibitorId, ExhibitorProfile, ExhibitorStatus, LocalizedText, Vocabulary};
use pavilion_core::services::exhibitors;

/// One item of the completeness checklist.
pub struct ChecklistItem {
    pub label: String,
    pub done: bool,
    pub href: String,
}

#[derive(Template)]
#[template(path = "company/company_home.html")]
struct CompanyHomePage {
    page: PageMeta,
    t: Text,
    name: Shown,
    tabs: Vec<Tab>,
    back: (String, String),
    notice: Option<String>,
    alert: Option<String>,
    form_token: String,
    status: String,
    status_text: String,
    review_comment: Option<String>,
    score: u8,
    checklist: Vec<ChecklistItem>,
    deadline: Option<String>,
    locked: Option<String>,
    works_count: i64,
    published: bool,
    changes: Vec<ReviewChange>,
    changed: Vec<String>,
    can_submit: bool,
    can_review: bool,
    can_unlock: bool,
    version: i64,
    comment_error: Option<String>,
    action: String,
}

/// Where each checklist item is filled: the editor's field, or the catalogue.
fn checklist(t: &Text, base: &str, missing: &[&str]) -> Vec<ChecklistItem> {
    let items = [
        ("name", "profile#name.en"),
        ("description", "profile#description.en"),
        ("company_type", "profile#company_type"),
        ("website", "profile#website"),
        ("city", "profile#city.en"),
        ("logo", "profile#logo"),
        ("public_contact", "profile#contacts"),
        ("languages", "profile#languages"),
        ("works", "works"),
    ];
    items
        .into_iter()
        .map(|(item, target)| ChecklistItem {
            label: t.get(&format!("completeness-{item}")),
            done: !missing.contains(&item),
            href: format!("{base}/{target}"),
        })
        .collect()
}

/// A field changed since the last publication: its words before and after.
pub struct ReviewChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// A field of a profile (or its catalogue of `works` works) as a reviewer reads it.
fn describe(t: &Text, profile: &ExhibitorProfile, works: usize, field: &str) -> String {
    let texts = |text: &LocalizedText| {
        let lines: Vec<String> =
            [(&text.en, "lang-en"), (&text.zh_hans, "lang-zh-hans"), (&text.zh_hant, "lang-zh-hant")]
                .into_iter()
                .filter_map(|(value, key)| value.as_ref().map(|value| format!("{}: {value}", t.get(key))))
                .collect();
        lines.join("\n")
    };
    let none = || "—".to_owned();
    match field {
        "name" => texts(&profile.name),
        "description" => texts(&profile.description),
        "city" => texts(&profile.city),
        "company_type" => {
            profile.company_type.map_or_else(none, |kind| t.get(&format!("company-type-{}", kind.as_str())))
        }
        "website" => profile.website.clone().unwrap_or_else(none),
        "booth" => profile.booth.clone().unwrap_or_else(none),
        "languages" => t.languages(&profile.languages),
        "logo" => {
            if profile.logo.is_some() {
                t.get("review-logo-set")
            } else {
                none()
            }
        }
        "contacts" => profile
            .contacts
            .iter()
            .map(|contact| {
                let mut parts = vec![contact.name.clone()];
                parts.extend(contact.title.clone());
                parts.extend(contact.email.clone());
                parts.extend(contact.phone.clone());
                let shown = t.get(if contact.public { "review-contact-public" } else { "review-contact-private" });
                format!("{} ({shown})", parts.join(", "))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "works" => t.count("review-works", "count", works as i64),
        _ => none(),
    }
}

/// A profile field's name in words (the items `changed_since_published` lists).
pub fn field_name(t: &Text, field: &str) -> String {
    t.get(&format!("profile-field-{field}"))
}

pub async fn handle(
    state: web::Data<AppState>,
    address: CompanyAddress,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let lang = address.lang;
    let notice = done.into_inner().done.and_then(|done| match done.as_str() {
        "created" | "submitted" | "approved" | "changes-requested" | "unlocked" => {
            Some(lang.text().get(&format!("company-done-{done}")))
        }
        _ => None,
    });
    render(&state, &address, Rendered { notice, ..Rendered::default() }).await
}

/// What a form post left for the page to say.
#[derive(Default)]
struct Rendered {
    notice: Option<String>,
    alert: Option<String>,
    comment_error: Option<String>,
    status: Option<StatusCode>,
}

async fn render(state: &AppState, address: &CompanyAddress, rendered: Rendered) -> Result<HttpResponse, PageError> {
    let workspace = address.load(state, Reads::FOR_REVIEW).await?;
    let (lang, slug, id, browser) = (address.lang, address.slug.as_str(), address.id.as_str(), &address.browser);
    let t = lang.text();
    let rest = company_workspace::company_rest(slug, id);
    let base = format!("/{}{rest}", lang.path());
    let draft = &workspace.draft;
    let exhibitor = &draft.exhibitor;
    let name = workspace.name(lang);
    let for_pavilion = workspace.for_pavilion();
    let deadline = company_workspace::deadline(&t, &workspace.pavilion, draft, state.now());
    let locked = draft.edits_locked.then(|| company_workspace::who_unlocks(&t, &workspace.pavilion, lang));
    let status_text_key = match (exhibitor.status, for_pavilion) {
        (status, false) => format!("status-{}-company", status.as_str()),
        (status, true) => format!("status-{}-pavilion", status.as_str()),
    };
    let editable = !draft.edits_locked || for_pavilion;
    let changes: Vec<ReviewChange> = match &workspace.published {
        Some((before, published_works)) if for_pavilion => draft
            .changed_since_published
            .iter()
            .map(|field| ReviewChange {
                field: field_name(&t, field),
                before: describe(&t, before, *published_works, field),
                after: describe(&t, &exhibitor.profile, workspace.works.len(), field),
            })
            .collect(),
        _ => Vec::new(),
    };
    let heading = t.with("company-home-title", &[("name", &name.text)]);
    let mut page = PageMeta::private(state, lang, &rest, heading);
    page.account = browser::account_bar(state, browser, lang, &workspace.me.name);
    let template = CompanyHomePage {
        tabs: crate::pages::kernel::company_tabs(&t, lang, slug, id, crate::pages::kernel::CompanyTab::Home),
        back: company_workspace::back(&t, lang, slug, workspace.for_pavilion()),
        notice: rendered.notice,
        alert: rendered.alert,
        form_token: browser.form_token(state),
        status: company_workspace::status_name(&t, exhibitor.status),
        status_text: t.get(&status_text_key),
        review_comment: exhibitor
            .review_comment
            .clone()
            .filter(|_| exhibitor.status == ExhibitorStatus::ChangesRequested),
        score: draft.completeness.score,
        checklist: checklist(&t, &base, &draft.completeness.missing),
        deadline,
        locked,
        works_count: workspace.works.len() as i64,
        published: exhibitor.published_at.is_some(),
        changes,
        changed: draft.changed_since_published.iter().map(|field| field_name(&t, field)).collect(),
        can_submit: editable && matches!(exhibitor.status, ExhibitorStatus::Draft | ExhibitorStatus::ChangesRequested),
        can_review: for_pavilion && exhibitor.status == ExhibitorStatus::Submitted,
        can_unlock: for_pavilion && draft.edits_locked,
        version: exhibitor.version,
        comment_error: rendered.comment_error,
        action: base,
        name,
        page,
        t,
    };
    Ok(private_page(state, browser, rendered.status.unwrap_or(StatusCode::OK), &template, Referrer::SameOrigin)?)
}

/// What a review form asks for.
#[derive(Clone, Copy)]
enum Step {
    Submit,
    Approve,
    RequestChanges,
    Unlock,
}

impl Step {
    fn done(self) -> &'static str {
        match self {
            Step::Submit => "submitted",
            Step::Approve => "approved",
            Step::RequestChanges => "changes-requested",
            Step::Unlock => "unlocked",
        }
    }
}

pub async fn submit(
    state: web::Data<AppState>,
    address: CompanyAddress,
    client: Client,
    Posted(form): Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    step(&state, address, client, form, Step::Submit).await
}

pub async fn approve(
    state: web::Data<AppState>,
    address: CompanyAddress,
    client: Client,
    Posted(form): Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    step(&state, address, client, form, Step::Approve).await
}

pub async fn request_changes(
    state: web::Data<AppState>,
    address: CompanyAddress,
    client: Client,
    Posted(form): Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    step(&state, address, client, form, Step::RequestChanges).await
}

pub async fn unlock(
    state: web::Data<AppState>,
    address: CompanyAddress,
    client: Client,
    Posted(form): Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    step(&state, address, client, form, Step::Unlock).await
}

/// One review step through its use case; a refusal is explained on the company's home.
async fn step(
    state: &AppState,
    address: CompanyAddress,
    Client(client): Client,
    form: FormData,
    step: Step,
) -> Result<HttpResponse, PageError> {
    let (lang, caller) = (address.lang, address.person.clone());
    let company = ExhibitorId::parse(&address.id).map_err(|_| PageError::NotFound)?;
    let t = lang.text();
    let pavilion = address.slug.clone();
    let outcome = match step {
        Step::Submit => state.call(Some(caller), client, move |ctx| exhibitors::submit(ctx, &pavilion, &company)).await,
        Step::Unlock => state.call(Some(caller), client, move |ctx| exhibitors::unlock(ctx, &pavilion, &company)).await,
        Step::Approve => {
            // The version the reviewer read: a profile changed since is not approved unseen.
            let version = form.get("version").parse::<i64>().ok();
            state
                .call(Some(caller), client, move |ctx| exhibitors::approve(ctx, &pavilion, &company, version))
                .await
                .map(|(draft, released)| {
                    // The published copy's replaced images, removed once the approval stands.
                    let state = state.clone();
                    actix_web::rt::spawn(async move { crate::uploads::discard_all(&state, released).await });
                    draft
                })
        }
        Step::RequestChanges => {
            let comment = form.get("comment").to_owned();
            state
                .call(Some(caller), client, move |ctx| exhibitors::request_changes(ctx, &pavilion, &company, &comment))
                .await
        }
    };
    let refusal = |key: &str, status: StatusCode| Rendered {
        alert: Some(t.get(key)),
        status: Some(status),
        ..Rendered::default()
    };
    let rendered = match outcome {
        Ok(_) => return Ok(see_other(&format!("{}?done={}", address.href(CompanyTab::Home), step.done())).finish()),
        Err(CoreError::Forbidden) => {
            return Err(PageError::Message {
                status: StatusCode::FORBIDDEN,
                title: "company-not-yours-title",
                text: "company-not-yours-text",
            });
        }
        Err(CoreError::Locked(_)) => refusal("company-locked", StatusCode::LOCKED),
        Err(CoreError::PreconditionFailed(_)) => refusal("review-stale", StatusCode::PRECONDITION_FAILED),
        Err(CoreError::Conflict(_)) => {
            let key = match step {
                Step::Submit => "submit-not-now",
                _ => "review-not-submitted",
            };
            refusal(key, StatusCode::CONFLICT)
        }
        Err(error @ CoreError::Validation(_)) => Rendered {
            comment_error: forms::FieldErrors::from_error(&t, &error).get("comment").cloned(),
            alert: Some(t.get("review-comment-needed")),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            ..Rendered::default()
        },
        Err(error) => return Err(error.into()),
    };
    render(state, &address, rendered).await
}
