//! `GET /{lang}/workspace/pavilions`: the organiser's pavilions: each one's status, head count
//! and admin pages (the pavilion switcher), "activate", "archive" and "reopen"
//! (`POST …/pavilions/{slug}/status`), and "create a pavilion" (`POST …/pavilions`). The forms are
//! read as `POST /api/v1/pavilions` and `PATCH …/{slug}` read their bodies, and go through the
//! same use cases. Anyone but the organiser finds no such page.

use crate::dto::Localized;
use crate::dto::pavilion::{CreatePavilionRequest, UpdatePavilionRequest};
use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::{self, Field, FieldErrors, LocalizedInput, Values};
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::domain::{NewPavilion, PavilionChanges, PavilionStatus, Role};
use pavilion_core::services::{MAX_PAGE_SIZE, accounts, pavilions};
use serde::Deserialize;
use std::collections::HashMap;

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
pub struct LangPath {
    lang: String,
}

#[derive(Deserialize)]
pub struct StatusPath {
    lang: String,
    slug: String,
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

pub async fn handle(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<LangPath>,
    done: web::Query<Done>,
) -> Result<HttpResponse, ApiError> {
    let Some(lang) = PageLang::from_path(&path.into_inner().lang) else {
        return crate::pages::kernel::not_found_anywhere(&state);
    };
    let notice = done.into_inner().done.and_then(|done| match done.as_str() {
        "created" | "active" | "archived" => Some(lang.text().get(&format!("pavilions-done-{done}"))),
        _ => None,
    });
    render(&state, &browser, lang, Feedback { notice, ..Feedback::default() }).await
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
    browser: Browser,
    Client(client): Client,
    path: web::Path<LangPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let rest = "/workspace/pavilions";
    let (lang, form) = match forms::posted(&state, &browser, &path.into_inner().lang, form.into_inner(), rest) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
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
    let created =
        state.call(Some(caller), client, move |ctx| pavilions::create(ctx, NewPavilion::try_from(request)?)).await;
    let feedback = match created {
        Ok(_) => return Ok(crate::pages::kernel::see_other(&format!("/{}{rest}?done=created", lang.path())).finish()),
        Err(error) if crate::pages::kernel::is_signed_out(&error) => {
            return Ok(crate::pages::kernel::sign_in_first(lang));
        }
        Err(error) if error.status_code_is(StatusCode::FORBIDDEN) => {
            return crate::pages::kernel::not_found(&state, lang, rest);
        }
        Err(error) if error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) => Feedback {
            alert: Some(t.get("form-has-errors")),
            errors: FieldErrors::from_error(&t, &error),
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
            values,
            ..Feedback::default()
        },
        Err(error) if error.status_code_is(StatusCode::CONFLICT) => Feedback {
            alert: Some(t.get("form-has-errors")),
            errors: FieldErrors::one("slug", t.get("pavilions-slug-taken")),
            status: Some(StatusCode::CONFLICT),
            values,
            ..Feedback::default()
        },
        Err(error) => return Err(error),
    };
    render(&state, &browser, lang, feedback).await
}

pub async fn change_status(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<StatusPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let StatusPath { lang, slug } = path.into_inner();
    let rest = "/workspace/pavilions";
    let (lang, form) = match forms::posted(&state, &browser, &lang, form.into_inner(), rest) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let t = lang.text();
    let status = form.get("status").to_owned();
    let done = match PavilionStatus::parse(&status) {
        Ok(PavilionStatus::Active) => "active",
        Ok(PavilionStatus::Archived) => "archived",
        _ => {
            let feedback = Feedback {
                alert: Some(t.get("pavilions-move-refused")),
                status: Some(StatusCode::UNPROCESSABLE_ENTITY),
                ..Feedback::default()
            };
            return render(&state, &browser, lang, feedback).await;
        }
    };
    let request = UpdatePavilionRequest { status: Some(status), ..UpdatePavilionRequest::default() };
    let changed = state
        .call(Some(caller), client, move |ctx| pavilions::update(ctx, &slug, PavilionChanges::try_from(request)?))
        .await;
    match changed {
        Ok(_) => Ok(crate::pages::kernel::see_other(&format!("/{}{rest}?done={done}", lang.path())).finish()),
        Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) || error.status_code_is(StatusCode::FORBIDDEN) => {
            crate::pages::kernel::not_found(&state, lang, rest)
        }
        Err(error)
            if error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) || error.status_code_is(StatusCode::CONFLICT) =>
        {
            let feedback = Feedback {
                alert: Some(t.get("pavilions-move-refused")),
                status: Some(StatusCode::CONFLICT),
                ..Feedback::default()
            };
            render(&state, &browser, lang, feedback).await
        }
        Err(error) => Err(error),
    }
}

async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    feedback: Feedback,
) -> Result<HttpResponse, ApiError> {
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let rest = "/workspace/pavilions";
    let loaded = state
        .run(move |conn, _| {
            let (me, _) = accounts::me(conn, &caller)?;
            if me.role != Role::Organiser {
                return Ok(None);
            }
            let every = pavilions::list(conn, Some(&caller), None, MAX_PAGE_SIZE)?.items;
            Ok(Some((me, every)))
        })
        .await;
    let (me, every) = match loaded {
        Ok(Some(loaded)) => loaded,
        // The organiser's page: for anyone else there is no such page.
        Ok(None) => return crate::pages::kernel::not_found(state, lang, rest),
        Err(error) if crate::pages::kernel::is_signed_out(&error) => {
            return Ok(crate::pages::kernel::sign_in_first(lang));
        }
        Err(error) => return Err(error),
    };
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
    page.account = browser::account_bar(state, browser, lang, &me.name);
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
    private_page(state, browser, feedback.status.unwrap_or(StatusCode::OK), &template, Referrer::SameOrigin)
}
