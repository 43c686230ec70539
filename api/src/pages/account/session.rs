//! `POST /{lang}/workspace/account/sessions/{id}/end`: signs out one of your sessions (a lost
//! phone, an old API client). Ending this browser's own session signs it out.

use crate::extractors::Client;
use crate::pages::kernel::forms::FormData;
use crate::pages::kernel::{Href, PageError, PageLang, Posted, SignedIn, browser, see_other};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::CoreError;
use pavilion_core::domain::SessionId;
use pavilion_core::services::accounts;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SessionPath {
    id: SessionId,
}

pub async fn handle(
    state: web::Data<AppState>,
    lang: PageLang,
    SignedIn { person, .. }: SignedIn,
    Client(client): Client,
    path: web::Path<SessionPath>,
    _: Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    let id = path.into_inner().id;
    let own = person.session_id == id;
    match state.call(Some(person), client, move |ctx| accounts::revoke_session(ctx, &id)).await {
        Ok(()) if own => {
            let mut response = see_other(&format!("/{}/", lang.path()));
            browser::clear_session(&state, &mut response);
            Ok(response.finish())
        }
        Ok(()) => Ok(see_other(&format!("{}?done=session", Href::account(lang))).finish()),
        // Already ended, or not yours: the list shows what is live.
        Err(CoreError::NotFound(_)) => Ok(see_other(&Href::account(lang)).finish()),
        Err(error) => Err(error.into()),
    }
}
