//! An image posted from a page's `multipart/form-data` form (a logo, a poster): its form token
//! is checked before the file is read, so a cross-site post never reaches the storage.

use crate::error::ApiError;
use crate::pages::kernel::browser::{self, Browser};
use crate::pages::kernel::errors::PageError;
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use futures_util::stream::LocalBoxStream;
use futures_util::{StreamExt, TryStreamExt};
use std::future::Future;

/// The longest text field an upload form may carry (its form token).
const MAX_TEXT_FIELD: usize = 1024;

/// The file's bytes as they arrive.
pub type Chunks = LocalBoxStream<'static, Result<bytes::Bytes, ApiError>>;

/// What became of a genuine upload form.
pub enum Received {
    /// No file was chosen.
    NoFile,
    /// The file went to `store`, with this outcome.
    Stored(Result<(), ApiError>),
}

/// Reads the form's fields in order: the token (which the form puts first), then the file
/// `file_field`, handed to `store`. A form that did not come from this site's page is refused
/// before its file is read.
pub async fn receive<Store, Stored>(
    state: &AppState,
    browser: &Browser,
    mut multipart: Multipart,
    file_field: &str,
    store: Store,
) -> Result<Received, PageError>
where
    Store: FnOnce(Chunks) -> Stored,
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
            if !browser.form_is_genuine(state, &token) {
                return Err(PageError::FormRefused);
            }
            // A file input left empty still sends its part, with no file name and no bytes.
            if field.content_disposition().and_then(|d| d.get_filename()).is_none_or(str::is_empty) {
                return Ok(Received::NoFile);
            }
            let chunks = field
                .map_err(|error| {
                    ApiError::new(StatusCode::BAD_REQUEST, "malformed_upload", format!("The upload broke off: {error}"))
                })
                .boxed_local();
            return Ok(Received::Stored(store(chunks).await));
        } else {
            while let Some(Ok(_)) = field.next().await {}
        }
    }
    if !browser.form_is_genuine(state, &token) {
        return Err(PageError::FormRefused);
    }
    Ok(Received::NoFile)
}
