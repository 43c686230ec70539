//! `GET /{lang}/workspace/pavilions/{slug}/invitations`: invite colleagues (admins) and the
//! people of a company (exhibitors), and the open invitations with "resend" and "withdraw".
//! `POST …/invitations` invites, `POST …/invitations/{id}/resend` sends a fresh link (the old one
//! stops working), `POST …/invitations/{id}/withdraw` withdraws; the same use cases as the API's
//! invitation routes.

use super::PavilionWorkspace;
use crate::dto::invitation::CreateInvitationRequest;
use crate::extractors::Client;
use crate::pages::kernel::Done;
use crate::pages::kernel::forms::{Field, FieldErrors, FormData, Select};
use crate::pages::kernel::{
    Href, PageError, PageMeta, PavilionTab, Posted, Referrer, Shown, i18n::Text, private_page, see_other,
};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::{ExhibitorFilter, InvitationId, Role};
use pavilion_core::services::MAX_PAGE_SIZE;
use pavilion_core::services::exhibitors::{self, CompanyView};
use pavilion_core::services::invitations::{self, InviteCommand};
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
pub struct InvitationPath {
    id: InvitationId,
}

/// The invitation form as posted, and shown again when refused.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Typed {
    email: String,
    role: String,
    exhibitor_id: String,
    locale: String,
}

pub async fn handle(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let t = workspace.lang.text();
    let notice = match done.into_inner().done.as_deref() {
        Some("sent") => Some(t.get("invitations-done-sent")),
        Some("withdrawn") => Some(t.get("invitations-done-withdrawn")),
        _ => None,
    };
    render(&state, &workspace, notice, None, Typed::default(), FieldErrors::default()).await
}

pub async fn invite(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    Client(client): Client,
    Posted(typed): Posted<Typed>,
) -> Result<HttpResponse, PageError> {
    let typed = Typed { email: typed.email.trim().to_owned(), ..typed };
    let request = CreateInvitationRequest {
        email: typed.email.clone(),
        role: typed.role.clone(),
        // A company chosen for an admin is no part of the invitation.
        exhibitor_id: (typed.role == "exhibitor" && !typed.exhibitor_id.is_empty()).then(|| typed.exhibitor_id.clone()),
        locale: (!typed.locale.is_empty()).then(|| typed.locale.clone()),
    };
    let sent = match InviteCommand::try_from(request) {
        Ok(command) => {
            let (caller, pavilion) = (workspace.person.clone(), workspace.slug().to_owned());
            state.call(Some(caller), client, move |ctx| invitations::invite(ctx, &pavilion, command)).await.map(|_| ())
        }
        Err(error) => Err(error),
    };
    finish(&state, &workspace, sent, "sent", typed).await
}

pub async fn resend(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    Client(client): Client,
    path: web::Path<InvitationPath>,
    _: Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner().id;
    let (caller, pavilion) = (workspace.person.clone(), workspace.slug().to_owned());
    let sent = state.call(Some(caller), client, move |ctx| invitations::resend(ctx, &pavilion, &id).map(|_| ())).await;
    finish(&state, &workspace, sent, "sent", Typed::default()).await
}

pub async fn withdraw(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    Client(client): Client,
    path: web::Path<InvitationPath>,
    _: Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner().id;
    let (caller, pavilion) = (workspace.person.clone(), workspace.slug().to_owned());
    let withdrawn = state.call(Some(caller), client, move |ctx| invitations::revoke(ctx, &pavilion, &id)).await;
    finish(&state, &workspace, withdrawn, "withdrawn", Typed::default()).await
}

/// After a post: back to the page with a confirmation, or the page again with why not.
async fn finish(
    state: &AppState,
    workspace: &PavilionWorkspace,
    outcome: Result<(), CoreError>,
    done: &str,
    typed: Typed,
) -> Result<HttpResponse, PageError> {
    let t = workspace.lang.text();
    match outcome {
        Ok(()) => {
            let page = Href::pavilion(workspace.lang, workspace.slug(), PavilionTab::Invitations);
            Ok(see_other(&format!("{page}?done={done}")).finish())
        }
        Err(error @ CoreError::Validation(_)) => {
            let errors = FieldErrors::from_error(&t, &error);
            let alert = Some((t.get("invitations-refused"), StatusCode::UNPROCESSABLE_ENTITY));
            render(state, workspace, None, alert, typed, errors).await
        }
        Err(CoreError::Conflict(_)) => {
            let alert = Some((t.get("invitations-has-account"), StatusCode::CONFLICT));
            render(state, workspace, None, alert, typed, FieldErrors::default()).await
        }
        // Gone already, or not the caller's to manage: the page says what is open now.
        Err(CoreError::NotFound(_) | CoreError::Forbidden) => {
            let alert = Some((t.get("invitations-gone"), StatusCode::NOT_FOUND));
            render(state, workspace, None, alert, typed, FieldErrors::default()).await
        }
        Err(error) => Err(error.into()),
    }
}

async fn render(
    state: &AppState,
    workspace: &PavilionWorkspace,
    notice: Option<String>,
    refusal: Option<(String, StatusCode)>,
    typed: Typed,
    errors: FieldErrors,
) -> Result<HttpResponse, PageError> {
    let (lang, pavilion) = (workspace.lang, &workspace.pavilion);
    let slug = workspace.slug().to_owned();
    let rest = format!("/workspace/pavilions/{slug}/invitations");
    let (caller, lookup) = (workspace.person.clone(), slug.clone());
    let (open, companies) = state
        .run(move |conn, state| {
            let open = invitations::list_open(conn, &caller, state.now(), &lookup)?;
            let filter = ExhibitorFilter::default();
            let companies =
                exhibitors::list(conn, Some(&caller), state.now(), &lookup, &filter, None, MAX_PAGE_SIZE)?.items;
            Ok((open, companies))
        })
        .await
        .map_err(|error| PageError::from(error).hiding_forbidden())?;
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
    let fields =
        vec![Field::new("email", t.get("field-email"), "email", "off").value(&typed.email).error_from(&errors)];
    let selects = invite_selects(&t, &typed, &errors, &companies);
    let name = Shown::of(&pavilion.name, lang);
    let heading = t.with("invitations-title", &[("pavilion", &name.text)]);
    let mut page = PageMeta::private(state, lang, &rest, heading.clone());
    page.account = workspace.account_bar(state);
    let (alert, status) = match refusal {
        Some((alert, status)) => (Some(alert), status),
        None => (None, StatusCode::OK),
    };
    let template = InvitationsPage {
        heading,
        pavilion_tabs: workspace.tabs(PavilionTab::Invitations),
        heading_lang: name.lang,
        notice,
        alert,
        intro: t.with("invitations-new-text", &[("hours", &state.settings.invitation_ttl_hours.to_string())]),
        action: base,
        form_token: workspace.browser.form_token(state),
        fields,
        selects,
        open,
        page,
        t,
    };
    Ok(private_page(state, &workspace.browser, status, &template, Referrer::SameOrigin)?)
}

/// The invitation's choices: the role, the company (for an exhibitor), and the language of its
/// email.
fn invite_selects(t: &Text, typed: &Typed, errors: &FieldErrors, companies: &[(String, Shown)]) -> Vec<Select> {
    let role = if typed.role.is_empty() { Role::PavilionAdmin.as_str() } else { typed.role.as_str() };
    let mut company_options = vec![(String::new(), t.get("accounts-no-company"))];
    company_options.extend(companies.iter().map(|(id, name)| (id.clone(), name.text.clone())));
    let roles = [Role::PavilionAdmin, Role::Exhibitor]
        .into_iter()
        .map(|role| (role.as_str().to_owned(), crate::pages::kernel::i18n::role_name(t, role)))
        .collect();
    vec![
        Select::new("role", t.get("workspace-role"), role, roles).error_from(errors),
        Select::new("exhibitor_id", t.get("accounts-company"), &typed.exhibitor_id, company_options).error_from(errors),
        Select::locales(t, "locale", t.get("invitations-locale"), &typed.locale).error_from(errors),
    ]
}
