//! `GET /{lang}/workspace/pavilions/{slug}/accounts`: a pavilion's accounts, for its admins and
//! the organiser, with "disable" / "re-enable" and a change of role; `POST …/accounts/{id}` does
//! either through the same use case as `PATCH /api/v1/pavilions/{slug}/users/{id}`, with its
//! guards (nobody changes themselves; a pavilion keeps an enabled admin), explained in words;
//! and, for an account with a second factor, removes it for its owner (`second_factor=remove`),
//! as `DELETE /api/v1/pavilions/{slug}/users/{id}/second-factor` does.

use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms;
use crate::pages::kernel::{PageLang, PageMeta, Shown, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::domain::{ExhibitorFilter, Role, UserId};
use pavilion_core::services::exhibitors::{self, CompanyView};
use pavilion_core::services::members::{self, MemberChanges};
use pavilion_core::services::{MAX_PAGE_SIZE, accounts, pavilions, second_factors};
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
pub struct AccountsPath {
    lang: String,
    slug: String,
}

#[derive(Deserialize)]
pub struct AccountPath {
    lang: String,
    slug: String,
    id: UserId,
}

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

pub async fn handle(
    state: web::Data<AppState>,
    browser: Browser,
    path: web::Path<AccountsPath>,
    done: web::Query<Done>,
) -> Result<HttpResponse, ApiError> {
    let AccountsPath { lang, slug } = path.into_inner();
    let Some(lang) = PageLang::from_path(&lang) else { return crate::pages::kernel::not_found_anywhere(&state) };
    let notice = match done.into_inner().done.as_deref() {
        Some("changed") => Some(lang.text().get("accounts-changed")),
        Some("second-factor-removed") => Some(lang.text().get("accounts-second-factor-removed")),
        _ => None,
    };
    render(&state, &browser, lang, slug, notice, None).await
}

pub async fn change(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<AccountPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let AccountPath { lang, slug, id } = path.into_inner();
    let back = format!("/workspace/pavilions/{slug}/accounts");
    let (lang, form) = match forms::posted(&state, &browser, &lang, form.into_inner(), &back) {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let t = lang.text();
    if form.get("second_factor") == "remove" {
        let pavilion = slug.clone();
        let removed =
            state.call(Some(caller), client, move |ctx| second_factors::remove_for_member(ctx, &pavilion, &id)).await;
        return match removed {
            Ok(()) => {
                Ok(crate::pages::kernel::see_other(&format!("/{}{back}?done=second-factor-removed", lang.path()))
                    .finish())
            }
            Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
            Err(error)
                if error.status_code_is(StatusCode::NOT_FOUND) || error.status_code_is(StatusCode::FORBIDDEN) =>
            {
                render(&state, &browser, lang, slug, None, Some((t.get("accounts-gone"), StatusCode::NOT_FOUND))).await
            }
            Err(error) => Err(error),
        };
    }
    let changes = match (form.get("disabled"), form.get("role")) {
        ("true", _) => MemberChanges { role: None, exhibitor_id: None, disabled: Some(true) },
        ("false", _) => MemberChanges { role: None, exhibitor_id: None, disabled: Some(false) },
        (_, "pavilion_admin") => MemberChanges { role: Some(Role::PavilionAdmin), exhibitor_id: None, disabled: None },
        (_, "exhibitor") => MemberChanges {
            role: Some(Role::Exhibitor),
            exhibitor_id: Some(form.get("exhibitor_id").to_owned()),
            disabled: None,
        },
        _ => {
            return render(
                &state,
                &browser,
                lang,
                slug,
                None,
                Some((t.get("accounts-refused"), StatusCode::UNPROCESSABLE_ENTITY)),
            )
            .await;
        }
    };
    let pavilion = slug.clone();
    match state.call(Some(caller), client, move |ctx| members::update(ctx, &pavilion, &id, changes)).await {
        Ok(_) => Ok(crate::pages::kernel::see_other(&format!("/{}{back}?done=changed", lang.path())).finish()),
        Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
        // No such account here; where the caller may not manage the pavilion at all, the page
        // itself is not found.
        Err(error) if error.status_code_is(StatusCode::NOT_FOUND) || error.status_code_is(StatusCode::FORBIDDEN) => {
            render(&state, &browser, lang, slug, None, Some((t.get("accounts-gone"), StatusCode::NOT_FOUND))).await
        }
        Err(error) if error.status_code_is(StatusCode::CONFLICT) => {
            render(&state, &browser, lang, slug, None, Some((t.get("accounts-conflict"), StatusCode::CONFLICT))).await
        }
        Err(error) if error.status_code_is(StatusCode::UNPROCESSABLE_ENTITY) => {
            let key = if form.get("role") == "exhibitor" { "accounts-pick-company" } else { "accounts-refused" };
            render(&state, &browser, lang, slug, None, Some((t.get(key), StatusCode::UNPROCESSABLE_ENTITY))).await
        }
        Err(error) => Err(error),
    }
}

async fn render(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    slug: String,
    notice: Option<String>,
    refusal: Option<(String, StatusCode)>,
) -> Result<HttpResponse, ApiError> {
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let rest = format!("/workspace/pavilions/{slug}/accounts");
    let lookup = slug.clone();
    let loaded = state
        .run(move |conn, state| {
            let members = members::list(conn, &caller, &lookup)?;
            let pavilion = pavilions::get(conn, Some(&caller), &lookup)?;
            let filter = ExhibitorFilter::default();
            let companies =
                exhibitors::list(conn, Some(&caller), state.now(), &lookup, &filter, None, MAX_PAGE_SIZE)?.items;
            let (me, _) = accounts::me(conn, &caller)?;
            let with_factor = second_factors::which_have_one(conn, &members.iter().map(|m| &m.id).collect::<Vec<_>>())?;
            Ok((members, pavilion, companies, me, with_factor))
        })
        .await;
    // Another pavilion's accounts, or an exhibitor's look: no such page.
    let (members, pavilion, companies, me, with_factor) =
        match crate::pages::kernel::read_or_answer(state, lang, &rest, loaded) {
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
    page.account = browser::account_bar(state, browser, lang, &me.name);
    let (alert, status) = match refusal {
        Some((alert, status)) => (Some(alert), status),
        None => (None, StatusCode::OK),
    };
    let template = AccountsPage {
        heading,
        pavilion_tabs: crate::pages::kernel::pavilion_tabs(
            &t,
            lang,
            &slug,
            crate::pages::kernel::PavilionTab::Accounts,
        ),
        heading_lang: name.lang,
        notice,
        alert,
        form_token: browser.form_token(state),
        accounts,
        companies,
        page,
        t,
    };
    private_page(state, browser, status, &template, Referrer::SameOrigin)
}
