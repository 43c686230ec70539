//! `GET /{lang}/workspace/pavilions`: the organiser's pavilions: each one's status, head count
//! and admin pages (the pavilion switcher), "activate", "archive" and "reopen"
//! (`POST …/pavilions/{slug}/status`), and "create a pavilion" (`POST …/pavilions`). The forms are
//! read as `POST /api/v1/pavilions` and `PATCH …/{slug}` read their bodies, and go through the
//! same use cases. Anyone but the organiser finds no such page.

use super::Organiser;
use crate::dto::Localized;
use crate::dto::pavilion::{CreatePavilionRequest, UpdatePavilionRequest};
use crate::extractors::Client;
use crate::pages::kernel::Done;
use crate::pages::kernel::forms::{self, Field, FieldErrors, FormData, LocalizedInput, Values};
use crate::pages::kernel::{PageError, PageMeta, Posted, Referrer, Shown, i18n::Text, private_page, see_other};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::{NewPavilion, PavilionChanges, PavilionStatus};
use pavilion_core::services::{MAX_PAGE_SIZE, pavilions};
use serde::Deserialize;

pub struct PavilionRow {
    pub name: Shown,
    pub slug: String,
    pub status: String,
    pub members: String,
    pub links: Vec<(String, String)>,
    /// The status changes it can take, as (value, label).
    pub moves: Vec<(&'static str, String)>,
    pub action: String,
}

#[derive(Template)]
#[template(path = "organiser/pavilions.html")]
struct PavilionsPage {
    page: PageMeta,
    t: Text,
    notice: Option<String>,
    alert: Option<String>,
    form_token: String,
    rows: Vec<PavilionRow>,
    create_action: String,
    slug: Field,
    names: Vec<LocalizedInput>,
}

#[derive(Deserialize)]
pub struct StatusPath {
    slug: String,
}

const REST: &str = "/workspace/pavilions";

pub async fn handle(
    state: web::Data<AppState>,
    organiser: Organiser,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let notice = done.into_inner().done.and_then(|done| match done.as_str() {
        "created" | "active" | "archived" => Some(organiser.lang.text().get(&format!("pavilions-done-{done}"))),
        _ => None,
    });
    render(&state, &organiser, Feedback { notice, ..Feedback::default() }).await
}

#[derive(Default)]
struct Feedback {
    notice: Option<String>,
    alert: Option<String>,
    values: Values,
    errors: FieldErrors,
    status: Option<StatusCode>,
}

pub async fn create(
    state: web::Data<AppState>,
    organiser: Organiser,
    Client(client): Client,
    Posted(form): Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let lang = organiser.lang;
    let t = lang.text();
    let mut values = Values::new();
    for name in ["slug", "name.en", "name.zh-Hans", "name.zh-Hant", "region.en", "region.zh-Hans", "region.zh-Hant"] {
        values.insert(name.to_owned(), form.get(name).to_owned());
    }
    let request = CreatePavilionRequest {
        slug: form.get("slug").trim().to_owned(),
        name: Localized::from(forms::localized(&form, "name")),
        region: Localized::from(forms::localized(&form, "region")),
        host_association: None,
        description: None,
        location: None,
        contact_email: None,
        brand_color: None,
        logo_url: None,
        sender_name: None,
        reply_to: None,
        email_footer: None,
        profile_deadline: None,
        reminder_days: None,
        time_zone: None,
        status: None,
    };
    let caller = organiser.person.clone();
    let created =
        state.call(Some(caller), client, move |ctx| pavilions::create(ctx, NewPavilion::try_from(request)?)).await;
    let feedback = match created {
        Ok(_) => return Ok(see_other(&format!("/{}{REST}?done=created", lang.path())).finish()),
        Err(error @ CoreError::Validation(_)) => Feedback {
            alert: Some(t.get("form-has-errors")),
            errors: FieldErrors::from_error(&t, &error),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            values,
            ..Feedback::default()
        },
        Err(CoreError::Conflict(_)) => Feedback {
            alert: Some(t.get("form-has-errors")),
            errors: FieldErrors::one("slug", t.get("pavilions-slug-taken")),
            status: Some(StatusCode::CONFLICT),
            values,
            ..Feedback::default()
        },
        Err(error) => return Err(PageError::from(error).hiding_forbidden()),
    };
    render(&state, &organiser, feedback).await
}

/// What a status button posts.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    status: String,
}

pub async fn change_status(
    state: web::Data<AppState>,
    organiser: Organiser,
    Client(client): Client,
    path: web::Path<StatusPath>,
    Posted(StatusForm { status }): Posted<StatusForm>,
) -> Result<HttpResponse, PageError> {
    let (lang, slug) = (organiser.lang, path.into_inner().slug);
    let t = lang.text();
    let refused =
        |status| Feedback { alert: Some(t.get("pavilions-move-refused")), status: Some(status), ..Feedback::default() };
    let done = match PavilionStatus::parse(&status) {
        Ok(PavilionStatus::Active) => "active",
        Ok(PavilionStatus::Archived) => "archived",
        _ => return render(&state, &organiser, refused(StatusCode::UNPROCESSABLE_ENTITY)).await,
    };
    let request = UpdatePavilionRequest { status: Some(status), ..UpdatePavilionRequest::default() };
    let caller = organiser.person.clone();
    let changed = state
        .call(Some(caller), client, move |ctx| pavilions::update(ctx, &slug, PavilionChanges::try_from(request)?))
        .await;
    match changed {
        Ok(_) => Ok(see_other(&format!("/{}{REST}?done={done}", lang.path())).finish()),
        Err(CoreError::Validation(_) | CoreError::Conflict(_)) => {
            render(&state, &organiser, refused(StatusCode::CONFLICT)).await
        }
        Err(error) => Err(PageError::from(error).hiding_forbidden()),
    }
}

async fn render(state: &AppState, organiser: &Organiser, feedback: Feedback) -> Result<HttpResponse, PageError> {
    let (lang, browser, rest) = (organiser.lang, &organiser.browser, REST);
    let caller = organiser.person.clone();
    let every = state.run(move |conn, _| Ok(pavilions::list(conn, Some(&caller), None, MAX_PAGE_SIZE)?.items)).await?;
    let t = lang.text();
    let base = format!("/{}{rest}", lang.path());
    let rows = every
        .into_iter()
        .map(|summary| {
            let pavilion = summary.pavilion;
            let slug = pavilion.slug.to_string();
            let moves = match pavilion.status {
                PavilionStatus::Draft => {
                    vec![("active", t.get("pavilions-activate")), ("archived", t.get("pavilions-archive"))]
                }
                PavilionStatus::Active => vec![("archived", t.get("pavilions-archive"))],
                PavilionStatus::Archived => vec![("active", t.get("pavilions-reopen"))],
            };
            PavilionRow {
                name: Shown::of(&pavilion.name, lang),
                status: t.get(&format!("pavilion-status-{}", pavilion.status.as_str())),
                members: summary
                    .member_count
                    .map(|count| t.count("pavilions-members", "count", count))
                    .unwrap_or_default(),
                links: crate::pages::kernel::PavilionTab::ALL
                    .into_iter()
                    .map(|tab| (crate::pages::kernel::Href::pavilion(lang, &slug, tab), t.get(tab.label_key())))
                    .collect(),
                moves,
                action: format!("{base}/{slug}/status"),
                slug,
            }
        })
        .collect();
    let errors = &feedback.errors;
    let values = &feedback.values;
    let slug = Field::new("slug", t.get("pavilions-slug"), "text", "off")
        .value(values.get("slug").map_or("", String::as_str))
        .hint(t.get("pavilions-slug-hint"))
        .error_from(errors);
    let names = [("name", "settings-name"), ("region", "settings-region")]
        .into_iter()
        .map(|(field, label)| {
            LocalizedInput::new(&t, field, t.get(label), false, values)
                .annotate(errors, &Values::new(), None, false)
                .written_by_hand()
        })
        .collect();
    let mut page = PageMeta::private(state, lang, rest, t.get("pavilions-title"));
    page.account = organiser.account_bar(state);
    let template = PavilionsPage {
        notice: feedback.notice,
        alert: feedback.alert,
        form_token: browser.form_token(state),
        rows,
        create_action: base,
        slug,
        names,
        page,
        t,
    };
    Ok(private_page(state, browser, feedback.status.unwrap_or(StatusCode::OK), &template, Referrer::SameOrigin)?)
}
