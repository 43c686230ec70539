//! `GET /{lang}/workspace/pavilions/{slug}/invitations`: invite colleagues (admins) and the
//! people of a company (exhibitors), and the open invitations with "resend" and "withdraw".
//! `POST …/invitations` invites, `POST …/invitations/{id}/resend` sends a fresh link (the old one
//! stops working), `POST …/invitations/{id}/withdraw` withdraws; the same use cases as the API's
//! invitation routes.

use crate::dto::invitation::CreateInvitationRequest;
use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::{self, Field, FieldErrors, Select};
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::domain::{ExhibitorFilter, InvitationId, Locale, Role};
use pavilion_core::services::exhibitors::{self, CompanyView};
use pavilion_core::services::invitations::{self, InviteCommand};
use pavilion_core::services::{MAX_PAGE_SIZE, accounts, pavilions};
use serde::Deserialize;
use std::collections::HashMap;

pub struct OpenInvitation {
    pub email: String,
    pub role: String,
    pub company: Option<Shown>,
    pub sent: String,
    pub expires: String,
    pub resend: String,
    pub withdraw: String,
}

#[derive(Template)]
#[template(path = "pavilion/invitations.html")]
struct InvitationsPage {
    page: PageMeta,
    t: Text,
    heading: String,
    pavilion_tabs: Vec<crate::pages::kernel::Tab>,
    heading_lang: Option<&'static str>,
    notice: Option<String>,
    alert: Option<String>,
    intro: String,
    action: String,
    form_token: String,
    fields: Vec<Field>,
    selects: Vec<Select>,
    open: Vec<OpenInvitation>,
}

#[derive(Deserialize)]
pub struct PagePath {
    lang: String,
    slug: String,
}

#[derive(Deserialize)]
pub struct InvitationPath {
    lang: String,
    slug: String,
    id: InvitationId,
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// What the invitation form was sent with, shown again when refused.
#[derive(Default)]
struct Typed {
    email: String,
    role: String,
    exhibitor_id: String,
    locale: String,
}

fn rest_of(slug: &str) -> String {
    format!("/workspace/pavilions/{slug}/invitations")
}

pub async fn handle(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<PagePath>,
    done: web::Query<Done>,
) -> Result<HttpResponse, ApiError> {
    let PagePath { lang, slug } = path.into_inner();
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    let t = lang.text();
    let notice = match done.into_inner().done.as_deref() {
        Some("sent") => Some(t.get("invitations-done-sent")),
        Some("withdrawn") => Some(t.get("invitations-done-withdrawn")),
        _ => None,
    };
    render(&state, &browser, lang, slug, notice, None, Typed::default(), FieldErrors::default()).await
}

pub async fn invite(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<PagePath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let PagePath { lang, slug } = path.into_inner();
    let (lang, form) = match forms::posted(&state, &browser, &lang, form.into_inner(), &rest_of(&slug)) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let typed = Typed {
        email: form.get("email").trim().to_owned(),
        role: form.get("role").to_owned(),
        exhibitor_id: form.get("exhibitor_id").to_owned(),
        locale: form.get("locale").to_owned(),
    };
    let request = CreateInvitationRequest {
        email: typed.email.clone(),
        role: typed.role.clone(),
        // A company chosen for an admin is no part of the invitation.
        exhibitor_id: (typed.role == "exhibitor" && !typed.exhibitor_id.is_empty()).then(|| typed.exhibitor_id.clone()),
        locale: (!typed.locale.is_empty()).then(|| typed.locale.clone()),
    };
    let sent = match InviteCommand::try_from(request) {
        Ok(command) => {
            let pavilion = slug.clone();
            state.call(Some(caller), client, move |ctx| invitations::invite(ctx, &pavilion, command)).await.map(|_| ())
        }
        Err(error) => Err(error.into()),
    };
    finish(&state, &browser, lang, slug, sent, "sent", typed).await
}

pub async fn resend(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<InvitationPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let InvitationPath { lang, slug, id } = path.into_inner();
    let (lang, _) = match forms::posted(&state, &browser, &lang, form.into_inner(), &rest_of(&slug)) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let pavilion = slug.clone();
    let sent = state.call(Some(caller), client, move |ctx| invitations::resend(ctx, &pavilion, &id).map(|_| ())).await;
    finish(&state, &browser, lang, slug, sent, "sent", Typed::default()).await
}

pub async fn withdraw(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<InvitationPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let InvitationPath { lang, slug, id } = path.into_inner();
    let (lang, _) = match forms::posted(&state, &browser, &lang, form.into_inner(), &rest_of(&slug)) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let pavilion = slug.clone();
    let withdrawn = state.call(Some(caller), client, move |ctx| invitations::revoke(ctx, &pavilion, &id)).await;
    finish(&state, &browser, lang, slug, withdrawn, "withdrawn", Typed::default()).await
}

/// After a post: back to the page with a confirmation, or the page again with why not.
async fn finish(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    slug: String,
    outcome: Result<(), ApiError>,
    done: &str,
    typed: Typed,
) -> Result<HttpResponse, ApiError> {
    let t = lang.text();
    match outcome {
        Ok(()) => {
            Ok(crate::pages::kernel::see_other(&format!("/{}{}?done={done}", lang.path(), rest_of(&slug))).finish())
        }
        Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
        Err(error) if error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) => {
            let errors = FieldErrors::from_error(&t, &error);
            let alert = Some((t.get("invitations-refused"), StatusCode::UNPROCESSABLE_ENTITY));
            render(state, browser, lang, slug, None, alert, typed, errors).await
        }
        Err(error) if error.status_code_is(StatusCode::CONFLICT) => {
            let alert = Some((t.get("invitations-has-account"), StatusCode::CONFLICT));
            render(state, browser, lang, slug, None, alert, typed, FieldErrors::default()).await
        }
        // Gone already, another pavilion's, or not the caller's to manage: the page says what
        // is open now (or, for a pavilion the caller may not manage, that there is no page).
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) || error.status_code_is(StatusCode::FORBIDDEN) => {
            let alert = Some((t.get("invitations-gone"), StatusCode::NOT_FOUND));
            render(state, browser, lang, slug, None, alert, typed, FieldErrors::default()).await
        }
        Err(error) => Err(error),
    }
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    slug: String,
    notice: Option<String>,
    refusal: Option<(String, StatusCode)>,
    typed: Typed,
    errors: FieldErrors,
) -> Result<HttpResponse, ApiError> {
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let rest = rest_of(&slug);
    let lookup = slug.clone();
    let loaded = state
        .run(move |conn, state| {
            let open = invitations::list_open(conn, &caller, state.now(), &lookup)?;
            let pavilion = pavilions::get(conn, Some(&caller), &lookup)?;
            let filter = ExhibitorFilter::default();
            let companies =
                exhibitors::list(conn, Some(&caller), state.now(), &lookup, &filter, None, MAX_PAGE_SIZE)?.items;
            let (me, _) = accounts::me(conn, &caller)?;
            Ok((open, pavilion, companies, me))
        })
        .await;
    let (open, pavilion, companies, me) = match crate::pages::kernel::read_or_answer(state, lang, &rest, loaded) {
        Ok(read) => read,
        Err(answer) => return *answer,
    };
    let t = lang.text();
    let companies: Vec<(String, Shown)> = companies
        .into_iter()
        .filter_map(|view| match view {
            CompanyView::Draft(draft) => {
                Some((draft.exhibitor.id.to_string(), Shown::of(&draft.exhibitor.profile.name, lang)))
            }
            CompanyView::Published(_) => None,
        })
        .collect();
    let company_names: HashMap<&str, &Shown> = companies.iter().map(|(id, name)| (id.as_str(), name)).collect();
    let when = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%d %H:%M UTC").to_string();
    let base = format!("/{}{rest}", lang.path());
    let open = open
        .into_iter()
        .map(|invitation| OpenInvitation {
            company: invitation
                .exhibitor_id
                .as_ref()
                .and_then(|id| company_names.get(id.to_string().as_str()).map(|name| (*name).clone())),
            role: crate::pages::kernel::i18n::role_name(&t, invitation.role),
            sent: when(invitation.created_at),
            expires: when(invitation.expires_at),
            resend: format!("{base}/{}/resend", invitation.id),
            withdraw: format!("{base}/{}/withdraw", invitation.id),
            email: invitation.email.as_str().to_owned(),
        })
        .collect();
    let role = if typed.role.is_empty() { Role::PavilionAdmin.as_str().to_owned() } else { typed.role.clone() };
    let fields =
        vec![Field::new("email", t.get("field-email"), "email", "off").value(&typed.email).error_from(&errors)];
    let mut company_options = vec![(String::new(), t.get("accounts-no-company"))];
    company_options.extend(companies.iter().map(|(id, name)| (id.clone(), name.text.clone())));
    let locale = if typed.locale.is_empty() { lang.0.as_str().to_owned() } else { typed.locale.clone() };
    let selects = vec![
        Select::new(
            "role",
            t.get("workspace-role"),
            &role,
            [Role::PavilionAdmin, Role::Exhibitor]
                .into_iter()
                .map(|role| (role.as_str().to_owned(), crate::pages::kernel::i18n::role_name(&t, role)))
                .collect(),
        )
        .error_from(&errors),
        Select::new("exhibitor_id", t.get("accounts-company"), &typed.exhibitor_id, company_options)
            .error_from(&errors),
        Select::new(
            "locale",
            t.get("invitations-locale"),
            &locale,
            Locale::ALL
                .into_iter()
                .map(|option| (option.as_str().to_owned(), t.get(&format!("lang-{}", PageLang(option).path()))))
                .collect(),
        )
        .error_from(&errors),
    ];
    let name = Shown::of(&pavilion.name, lang);
    let heading = t.with("invitations-title", &[("pavilion", &name.text)]);
    let mut page = PageMeta::private(state, lang, &rest, heading.clone());
    page.account = browser::account_bar(state, browser, lang, &me.name);
    let (alert, status) = match refusal {
        Some((alert, status)) => (Some(alert), status),
        None => (None, StatusCode::OK),
    };
    let template = InvitationsPage {
        heading,
        pavilion_tabs: crate::pages::kernel::pavilion_tabs(
            &t,
            lang,
            &slug,
            crate::pages::kernel::PavilionTab::Invitations,
        ),
        heading_lang: name.lang,
        notice,
        alert,
        intro: t.with("invitations-new-text", &[("hours", &state.settings.invitation_ttl_hours.to_string())]),
        action: base,
        form_token: browser.form_token(state),
        fields,
        selects,
        open,
        page,
        t,
    };
    private_page(state, browser, status, &template, Referrer::SameOrigin)
}
