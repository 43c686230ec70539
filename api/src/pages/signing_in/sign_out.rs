//! `POST /{lang}/sign-out`: ends the browser's session at once (its row is revoked, not only its
//! cookie removed), then the market's home page.

use crate::error::ApiError;
use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts;
use std::collections::HashMap;

pub async fn handle(
    state: web::Data<AppState>,
    browser: Browser,
    Client(client): Client,
    lang: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let (lang, _) = match forms::posted(&state, &browser, &lang, form.into_inner(), "/workspace") {
        Ok(posted) => posted,
        Err(refused) => return Ok(*refused),
    };
    if let Some(caller) = browser.signed_in.clone() {
        state.call(Some(caller), client, accounts::logout).await?;
    }
    let mut response = crate::pages::kernel::see_other(&format!("/{}/", lang.path()));
    browser::clear_session(&state, &mut response);
    Ok(response.finish())
}
