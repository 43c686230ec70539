//! An image posted from a page's `multipart/form-data` form (a logo, a poster): its form token
//! is checked before the file is read, so a cross-site post never reaches the storage.

use crate::error::ApiError;
use crate::pages::kernel::PageLang;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::forms;
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use futures_util::stream::LocalBoxStream;
use futures_util::{StreamExt, TryStreamExt};
use pavilion_core::policy::Principal;
use std::collections::HashMap;
use std::future::Future;

/// The longest text field an upload form may carry (its form token).
const MAX_TEXT_FIELD: usize = 1024;

/// The file's bytes as they arrive.
pub type Chunks = LocalBoxStream<'static, Result<bytes::Bytes, ApiError>>;

/// What became of an upload form.
pub enum Received {
    /// The page to answer with: the form did not come from this site, or nobody is signed in.
    Answer(HttpResponse),
    /// A genuine form without a file.
    NoFile,
    /// The file went to `store`, with this outcome.
    Stored(Result<(), ApiError>),
}

/// Reads the form's fields in order: the token (which the form puts first), then the file
/// `file_field`, handed to `store` with the person signed in. `back` is the form's page.
pub async fn receive<Store, Stored>(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    back: &str,
    mut multipart: Multipart,
    file_field: &str,
    store: Store,
) -> Result<Received, ApiError>
where
    Store: FnOnce(Principal, Chunks) -> Stored,
    Stored: Future<Output = Result<(), ApiError>>,
{
    let mut token = String::new();
    while let Some(field) = multipart.next().await {
        let Ok(mut field) = field else { break };
        let name = field.name().unwrap_or_default().to_owned();
        if name == browser::FORM_TOKEN_FIELD {
            let mut text = Vec::new();
            while let Some(Ok(chunk)) = field.next().await {
                if text.len() + chunk.len() > MAX_TEXT_FIELD {
                    break;
                }
                text.extend_from_slice(&chunk);
            }
            token = String::from_utf8(text).unwrap_or_default();
        } else if name == file_field {
            if !genuine(state, browser, lang, &token, back)? {
                return Ok(Received::Answer(crate::pages::kernel::refused_form(state, browser, lang, back)?));
            }
            let Some(caller) = browser.signed_in.clone() else {
                return Ok(Received::Answer(crate::pages::kernel::sign_in_first(lang)));
            };
            // A file input left empty still sends its part, with no file name and no bytes.
            if field.content_disposition().and_then(|d| d.get_filename()).is_none_or(str::is_empty) {
                return Ok(Received::NoFile);
            }
            let chunks = field
                .map_err(|error| {
                    ApiError::new(StatusCode::BAD_REQUEST, "malformed_upload", format!("The upload broke off: {error}"))
                })
                .boxed_local();
            return Ok(Received::Stored(store(caller, chunks).await));
        } else {
            while let Some(Ok(_)) = field.next().await {}
        }
    }
    if !genuine(state, browser, lang, &token, back)? {
        return Ok(Received::Answer(crate::pages::kernel::refused_form(state, browser, lang, back)?));
    }
    Ok(Received::NoFile)
}

pub(crate) fn genuine(
    state: &AppState,
    browser: &Browser,
    lang: PageLang,
    token: &str,
    back: &str,
) -> Result<bool, ApiError> {
    let fields = HashMap::from([(browser::FORM_TOKEN_FIELD.to_owned(), token.to_owned())]);
    Ok(forms::posted(state, browser, lang.path(), fields, back).is_ok())
}
