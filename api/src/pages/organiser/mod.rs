//! The organiser's pages across the market: its overview and its pavilions.

pub mod market;
pub mod pavilions;

use crate::pages::kernel::{AccountBar, PageError, PageLang, SignedIn, browser};
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use pavilion_core::domain::{Role, User};
use pavilion_core::policy::Principal;
use std::future::Future;
use std::pin::Pin;

/// What every organiser's page needs, loaded once as an argument: the page's language, and the
/// organiser signed in. For anyone else signed in there is no such page (404, as for another
/// tenant's object); signed out, the sign-in page.
pub struct Organiser {
    pub lang: PageLang,
    pub me: User,
    pub person: Principal,
    pub browser: browser::Browser,
}

impl FromRequest for Organiser {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, PageError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let lang = PageLang::from_request(req, payload).into_inner();
        let signed_in = SignedIn::from_request(req, payload);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let lang = lang?;
            let SignedIn { person, browser } = signed_in.await?;
            let Some(state) = state else { return Err(PageError::NotFound) };
            let caller = person.clone();
            let (me, _) = state.run(move |conn, _| pavilion_core::services::accounts::me(conn, &caller)).await?;
            if me.role != Role::Organiser {
                return Err(PageError::NotFound);
            }
            Ok(Organiser { lang, me, person, browser })
        })
    }
}

impl Organiser {
    /// The header of the page: who is signed in, and signing out.
    pub fn account_bar(&self, state: &AppState) -> Option<AccountBar> {
        browser::account_bar(state, &self.browser, self.lang, &self.me.name)
    }
}
