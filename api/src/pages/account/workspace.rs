//! `GET /{lang}/workspace`: where a signed-in person lands. It says who they are, in which role
//! and pavilion, and links to their account page (the workspaces of each role build on it).

use crate::pages::kernel::browser;
use crate::pages::kernel::i18n::role_name;
use crate::pages::kernel::{PageError, PageLang, PageMeta, Shown, SignedIn, i18n::Text};
use crate::pages::kernel::{Referrer, private_page};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use pavilion_core::domain::{PavilionStatus, Role};
use pavilion_core::services::accounts;

#[derive(Template)]
#[template(path = "account/workspace.html")]
struct WorkspacePage {
    page: PageMeta,
    t: Text,
    heading: String,
    name: String,
    email: String,
    role: String,
    pavilion: Option<Shown>,
    role_text: String,
    links: Vec<(String, String)>,
}

pub async fn handle(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { person, browser }: SignedIn,
) -> Result<HttpResponse, PageError> {
    let (user, pavilion) = state.run(move |conn, _| accounts::whoami(conn, &person)).await?;
    let t = lang.text();
    let path = lang.path();
    let pavilion_name = pavilion.as_ref().map(|p| Shown::of(&p.name, lang));
    let named = pavilion_name.as_ref().map_or(String::new(), |name| name.text.clone());
    let role_text = match user.role {
        Role::Organiser => t.get("workspace-organiser-text"),
        Role::PavilionAdmin => t.with("workspace-admin-text", &[("pavilion", &named)]),
        Role::Exhibitor => t.with("workspace-exhibitor-text", &[("pavilion", &named)]),
        Role::Buyer => t.get("workspace-buyer-text"),
    };
    let mut links = Vec::new();
    if let (Role::Exhibitor, Some(p), Some(company)) = (user.role, &pavilion, &user.exhibitor_id) {
        let base = format!("/{path}/workspace/pavilions/{}/companies/{company}", p.slug);
        links.push((base.clone(), t.get("workspace-company-link")));
        links.push((format!("{base}/profile"), t.get("workspace-company-profile-link")));
        links.push((format!("{base}/works"), t.get("workspace-company-works-link")));
    }
    links.push((format!("/{path}/workspace/account"), t.get("workspace-account-link")));
    if let (Role::PavilionAdmin, Some(p)) = (user.role, &pavilion) {
        let base = format!("/{path}/workspace/pavilions/{}", p.slug);
        links.push((base.clone(), t.with("workspace-overview-link", &[("pavilion", &named)])));
        links.push((format!("{base}/companies"), t.with("workspace-companies-link", &[("pavilion", &named)])));
        links.push((format!("{base}/settings"), t.with("workspace-settings-link", &[("pavilion", &named)])));
        links.push((format!("{base}/announcements"), t.with("workspace-announcements-link", &[("pavilion", &named)])));
        links.push((format!("{base}/emails"), t.with("workspace-emails-link", &[("pavilion", &named)])));
        links.push((format!("{base}/audit"), t.with("workspace-audit-link", &[("pavilion", &named)])));
        links.push((format!("{base}/invitations"), t.with("workspace-invitations-link", &[("pavilion", &named)])));
        links.push((format!("{base}/accounts"), t.with("workspace-accounts-link", &[("pavilion", &named)])));
    }
    match &pavilion {
        Some(p) if p.status == PavilionStatus::Active => {
            links.push((format!("/{path}/pavilions/{}", p.slug), t.get("workspace-public-pavilion")));
        }
        _ => links.push((format!("/{path}/"), t.get("workspace-market"))),
    }
    if user.role == Role::Organiser {
        links.push((format!("/{path}/workspace/market"), t.get("workspace-market-link")));
        links.push((format!("/{path}/workspace/announcements"), t.get("workspace-market-announcements-link")));
        // Every pavilion's pages are on one list: the pavilion switcher.
        links.push((format!("/{path}/workspace/pavilions"), t.get("workspace-pavilions-link")));
    }
    let heading = t.with("workspace-heading", &[("name", &user.name)]);
    let mut page = PageMeta::private(&state, lang, "/workspace", heading.clone());
    page.account = browser::account_bar(&state, &browser, lang, &user.name);
    let template = WorkspacePage {
        heading,
        name: user.name.clone(),
        email: user.email.as_str().to_owned(),
        role: role_name(&t, user.role),
        pavilion: pavilion_name,
        role_text,
        links,
        page,
        t,
    };
    Ok(private_page(&state, &browser, StatusCode::OK, &template, Referrer::SameOrigin)?)
}
