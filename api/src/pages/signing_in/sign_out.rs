//! `POST /{lang}/sign-out`: ends the browser's session at once (its row is revoked, not only its
//! cookie removed), then the market's home page.

use crate::extractors::Client;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms::FormData;
use crate::pages::kernel::{PageError, PageLang, Posted};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use pavilion_core::services::accounts;

pub async fn handle(
    state: web::Data<AppState>,
    lang: PageLang,
    browser: Browser,
    Client(client): Client,
    _: Posted<FormData>,
) -> Result<HttpResponse, PageError> {
    if let Some(caller) = browser.signed_in.clone() {
        state.call(Some(caller), client, accounts::logout).await?;
    }
    let mut response = crate::pages::kernel::see_other(&format!("/{}/", lang.path()));
    browser::clear_session(&state, &mut response);
    Ok(response.finish())
}
