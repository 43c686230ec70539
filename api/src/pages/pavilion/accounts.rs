//! `GET /{lang}/workspace/pavilions/{slug}/accounts`: a pavilion's accounts, for its admins and
//! the organiser, with "disable" / "re-enable" and a change of role; `POST …/accounts/{id}` does
//! either through the same use case as `PATCH /api/v1/pavilions/{slug}/users/{id}`, with its
//! guards (nobody changes themselves; a pavilion keeps an enabled admin), explained in words;
//! and, for an account with a second factor, removes it for its owner (`second_factor=remove`),
//! as `DELETE /api/v1/pavilions/{slug}/users/{id}/second-factor` does.

use super::PavilionWorkspace;
use crate::extractors::Client;
use crate::pages::kernel::Done;
use crate::pages::kernel::{
    Href, PageError, PageMeta, PavilionTab, Posted, Referrer, Shown, i18n::Text, private_page, see_other,
};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::CoreError;
use pavilion_core::domain::{ExhibitorFilter, Role, UserId};
use pavilion_core::services::exhibitors::{self, CompanyView};
use pavilion_core::services::members::{self, MemberChanges};
use pavilion_core::services::{MAX_PAGE_SIZE, second_factors};
use serde::Deserialize;
use std::collections::HashMap;

pub struct AccountRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub is_admin: bool,
    pub company: Option<Shown>,
    pub company_id: Option<String>,
    pub state: String,
    pub yourself: bool,
    pub action: String,
    pub toggle_to: &'static str,
    pub toggle_label: String,
    /// The account has a second factor, which an admin may remove for its owner.
    pub has_second_factor: bool,
}

#[derive(Template)]
#[template(path = "pavilion/accounts.html")]
struct AccountsPage {
    page: PageMeta,
    t: Text,
    heading: String,
    pavilion_tabs: Vec<crate::pages::kernel::Tab>,
    heading_lang: Option<&'static str>,
    notice: Option<String>,
    alert: Option<String>,
    form_token: String,
    accounts: Vec<AccountRow>,
    companies: Vec<(String, Shown)>,
}

#[derive(Deserialize)]
pub struct MemberPath {
    id: UserId,
}

/// What the account forms post: a change of role or state, or the removal of a second factor.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ChangeForm {
    disabled: String,
    role: String,
    exhibitor_id: String,
    second_factor: String,
}

pub async fn handle(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    let t = workspace.lang.text();
    let notice = match done.into_inner().done.as_deref() {
        Some("changed") => Some(t.get("accounts-changed")),
        Some("second-factor-removed") => Some(t.get("accounts-second-factor-removed")),
        _ => None,
    };
    render(&state, &workspace, notice, None).await
}

pub async fn change(
    state: web::Data<AppState>,
    workspace: PavilionWorkspace,
    Client(client): Client,
    path: web::Path<MemberPath>,
    Posted(form): Posted<ChangeForm>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner().id;
    let t = workspace.lang.text();
    let back = Href::pavilion(workspace.lang, workspace.slug(), PavilionTab::Accounts);
    let (caller, pavilion) = (workspace.person.clone(), workspace.slug().to_owned());
    if form.second_factor == "remove" {
        let removed =
            state.call(Some(caller), client, move |ctx| second_factors::remove_for_member(ctx, &pavilion, &id)).await;
        return match removed {
            Ok(()) => Ok(see_other(&format!("{back}?done=second-factor-removed")).finish()),
            Err(CoreError::NotFound(_) | CoreError::Forbidden) => {
                render(&state, &workspace, None, Some((t.get("accounts-gone"), StatusCode::NOT_FOUND))).await
            }
            Err(error) => Err(error.into()),
        };
    }
    let changes = match (form.disabled.as_str(), form.role.as_str()) {
        ("true", _) => MemberChanges { role: None, exhibitor_id: None, disabled: Some(true) },
        ("false", _) => MemberChanges { role: None, exhibitor_id: None, disabled: Some(false) },
        (_, "pavilion_admin") => MemberChanges { role: Some(Role::PavilionAdmin), exhibitor_id: None, disabled: None },
        (_, "exhibitor") => {
            MemberChanges { role: Some(Role::Exhibitor), exhibitor_id: Some(form.exhibitor_id.clone()), disabled: None }
        }
        _ => {
            let refusal = (t.get("accounts-refused"), StatusCode::UNPROCESSABLE_ENTITY);
            return render(&state, &workspace, None, Some(refusal)).await;
        }
    };
    match state.call(Some(caller), client, move |ctx| members::update(ctx, &pavilion, &id, changes)).await {
        Ok(_) => Ok(see_other(&format!("{back}?done=changed")).finish()),
        // No such account here (the page itself was found, so the pavilion is the caller's).
        Err(CoreError::NotFound(_) | CoreError::Forbidden) => {
            render(&state, &workspace, None, Some((t.get("accounts-gone"), StatusCode::NOT_FOUND))).await
        }
        Err(CoreError::Conflict(_)) => {
            render(&state, &workspace, None, Some((t.get("accounts-conflict"), StatusCode::CONFLICT))).await
        }
        Err(CoreError::Validation(_)) => {
            let key = if form.role == "exhibitor" { "accounts-pick-company" } else { "accounts-refused" };
            render(&state, &workspace, None, Some((t.get(key), StatusCode::UNPROCESSABLE_ENTITY))).await
        }
        Err(error) => Err(error.into()),
    }
}

async fn render(
    state: &AppState,
    workspace: &PavilionWorkspace,
    notice: Option<String>,
    refusal: Option<(String, StatusCode)>,
) -> Result<HttpResponse, PageError> {
    let (lang, pavilion) = (workspace.lang, &workspace.pavilion);
    let slug = workspace.slug().to_owned();
    let rest = format!("/workspace/pavilions/{slug}/accounts");
    let (caller, lookup) = (workspace.person.clone(), slug.clone());
    let (members, companies, with_factor) = state
        .run(move |conn, state| {
            let members = members::list(conn, &caller, &lookup)?;
            let filter = ExhibitorFilter::default();
            let companies =
                exhibitors::list(conn, Some(&caller), state.now(), &lookup, &filter, None, MAX_PAGE_SIZE)?.items;
            let with_factor = second_factors::which_have_one(conn, &members.iter().map(|m| &m.id).collect::<Vec<_>>())?;
            Ok((members, companies, with_factor))
        })
        .await
        .map_err(|error| PageError::from(error).hiding_forbidden())?;
    let me = &workspace.me;
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
    let accounts = members
        .into_iter()
        .map(|member| {
            let company_id = member.exhibitor_id.as_ref().map(ToString::to_string);
            AccountRow {
                company: company_id.as_deref().and_then(|id| company_names.get(id)).map(|name| (*name).clone()),
                is_admin: member.role == Role::PavilionAdmin,
                role: crate::pages::kernel::i18n::role_name(&t, member.role),
                state: t.get(if member.disabled { "accounts-disabled" } else { "accounts-enabled" }),
                yourself: member.id == me.id,
                action: format!("/{}/workspace/pavilions/{slug}/accounts/{}", lang.path(), member.id),
                toggle_to: if member.disabled { "false" } else { "true" },
                toggle_label: t.get(if member.disabled { "accounts-enable" } else { "accounts-disable" }),
                has_second_factor: with_factor.contains(member.id.as_str()),
                id: member.id.to_string(),
                name: member.name,
                email: member.email.as_str().to_owned(),
                company_id,
            }
        })
        .collect();
    let name = Shown::of(&pavilion.name, lang);
    let heading = t.with("accounts-title", &[("pavilion", &name.text)]);
    let mut page = PageMeta::private(state, lang, &rest, heading.clone());
    page.account = workspace.account_bar(state);
    let (alert, status) = match refusal {
        Some((alert, status)) => (Some(alert), status),
        None => (None, StatusCode::OK),
    };
    let template = AccountsPage {
        heading,
        pavilion_tabs: workspace.tabs(PavilionTab::Accounts),
        heading_lang: name.lang,
        notice,
        alert,
        form_token: workspace.browser.form_token(state),
        accounts,
        companies,
        page,
        t,
    };
    Ok(private_page(state, &workspace.browser, status, &template, Referrer::SameOrigin)?)
}
