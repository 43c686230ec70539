//! One pavilion's workspace, for its admins and the organiser: its home, companies, import,
//! accounts, invitations, mail, announcements, audit log, settings and exports.

pub mod accounts;
pub mod announcements;
pub mod audit_log;
pub mod companies;
pub mod deliveries;
pub mod exports;
pub mod home;
pub mod import;
pub mod invitations;
pub mod settings;

use crate::pages::kernel::{PageError, PageLang, PavilionTab, SignedIn, Tab, browser, pavilion_tabs};
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use pavilion_core::domain::{Pavilion, User};
use pavilion_core::policy::Principal;
use pavilion_core::services::{accounts as account_service, pavilions};
use std::future::Future;
use std::pin::Pin;

/// The address of one object of the pavilion (`…/emails/{id}/resend`): its id.
#[derive(serde::Deserialize)]
pub struct IdPath {
    pub id: String,
}

/// What every page of a pavilion's workspace needs, loaded once as an argument: the page's
/// language, the pavilion at `{slug}` (only if the person signed in manages it: its admins and
/// the organiser; for anyone else it does not exist, as another tenant's object), the person,
/// and their browser.
pub struct PavilionWorkspace {
    pub lang: PageLang,
    pub pavilion: Pavilion,
    /// The person signed in, as their account reads.
    pub me: User,
    pub person: Principal,
    pub browser: browser::Browser,
}

impl FromRequest for PavilionWorkspace {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, PageError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let lang = PageLang::from_request(req, payload).into_inner();
        let signed_in = SignedIn::from_request(req, payload);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let slug = req.match_info().get("slug").unwrap_or_default().to_owned();
        Box::pin(async move {
            let lang = lang?;
            let SignedIn { person, browser } = signed_in.await?;
            let Some(state) = state else { return Err(PageError::NotFound) };
            let caller = person.clone();
            let (pavilion, me) = state
                .run(move |conn, _| {
                    let pavilion = pavilions::managed(conn, &caller, &slug)?;
                    let (me, _) = account_service::me(conn, &caller)?;
                    Ok((pavilion, me))
                })
                .await
                .map_err(|error| PageError::from(error).hiding_forbidden())?;
            Ok(PavilionWorkspace { lang, pavilion, me, person, browser })
        })
    }
}

impl PavilionWorkspace {
    pub fn slug(&self) -> &str {
        self.pavilion.slug.as_str()
    }

    /// The row of tabs, `current` being the page shown.
    pub fn tabs(&self, current: PavilionTab) -> Vec<Tab> {
        pavilion_tabs(&self.lang.text(), self.lang, self.slug(), current)
    }

    /// The header of the page: who is signed in, and signing out.
    pub fn account_bar(&self, state: &AppState) -> Option<crate::pages::kernel::AccountBar> {
        browser::account_bar(state, &self.browser, self.lang, &self.me.name)
    }
}
