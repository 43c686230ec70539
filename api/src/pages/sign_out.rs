//! `POST /{lang}/sign-out`: ends the browser's session at once (its row is revoked, not only its
//! cookie removed), then the market's home page.

use super::PageLang;
use super::browser::{self, Browser};
use super::forms::FormData;
use crate::error::ApiError;
use crate::extractors::Client;
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
    let Some(lang) = PageLang::from_path(&lang) else { return super::not_found_anywhere(&state) };
    let form = FormData::new(form.into_inner());
    if !browser.form_is_genuine(&state, form.token()) {
        return browser::refused_form(&state, &browser, lang, "/workspace");
    }
    if let Some(caller) = browser.signed_in.clone() {
        state.call(Some(caller), client, accounts::logout).await?;
    }
    let mut response = browser::see_other(&format!("/{}/", lang.path()));
    browser::clear_session(&state, &mut response);
    Ok(response.finish())
}
