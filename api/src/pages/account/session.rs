//! `POST /{lang}/workspace/account/sessions/{id}/end`: signs out one of your sessions (a lost
//! phone, an old API client). Ending this browser's own session signs it out.

use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::domain::SessionId;
use pavilion_core::services::accounts;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
pub struct SessionPath {
    lang: String,
    id: SessionId,
}

pub async fn handle(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    path: web::Path<SessionPath>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let SessionPath { lang, id } = path.into_inner();
    let (lang, _) = match forms::posted(&state, &browser, &lang, form.into_inner(), "/workspace/account") {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    let Some(caller) = browser.signed_in.clone() else { return Ok(crate::pages::kernel::sign_in_first(lang)) };
    let own = caller.session_id == id;
    match state.call(Some(caller), client, move |ctx| accounts::revoke_session(ctx, &id)).await {
        Ok(()) if own => {
            let mut response = crate::pages::kernel::see_other(&format!("/{}/", lang.path()));
            browser::clear_session(&state, &mut response);
            Ok(response.finish())
        }
        Ok(()) => {
            Ok(crate::pages::kernel::see_other(&format!("/{}/workspace/account?done=session", lang.path())).finish())
        }
        // Already ended, or not yours: the list shows what is live.
        Err(error) if error.code() == "not_found" => {
            Ok(crate::pages::kernel::see_other(&format!("/{}/workspace/account", lang.path())).finish())
        }
        Err(error) if crate::pages::kernel::is_signed_out(&error) => Ok(crate::pages::kernel::sign_in_first(lang)),
        Err(error) => Err(error),
    }
}
