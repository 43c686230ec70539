//! A posted form, as a handler takes it: [`Posted<F>`] checks that the form came from this
//! site's own page (`Sec-Fetch-Site` or `Origin`, and the form's token) before a field is read,
//! then reads the fields into `F` with serde. A form struct marks itself `#[serde(default)]`, so
//! a field missing from an older page reads as empty and is refused by the use case's checks,
//! with words, rather than by the parser. The body may be as large as the configured limit
//! (`PAVILION_MAX_BODY_BYTES`); past it, the page says so in the reader's language.

use crate::pages::kernel::browser::{Browser, FORM_TOKEN_FIELD};
use crate::pages::kernel::errors::PageError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::error::UrlencodedError;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

/// The fields of a form that passed the cross-site checks.
pub struct Posted<F>(pub F);

impl<F: DeserializeOwned + 'static> FromRequest for Posted<F> {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, PageError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let mut payload = payload.take();
        Box::pin(async move {
            let state = state
                .ok_or_else(|| PageError::Api(crate::error::ApiError::internal(anyhow::anyhow!("AppState missing"))))?;
            let limit = state.settings.max_body_bytes;
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|error| PageError::Api(crate::error::extractor_errors::payload(&error)))?;
                if body.len() + chunk.len() > limit {
                    return Err(PageError::FormTooLarge { limit });
                }
                body.extend_from_slice(&chunk);
            }
            // Read after the body: by then the handler's other arguments have usually read it.
            let browser = Browser::from_request(&req, &mut Payload::None).await?;
            let token = url::form_urlencoded::parse(&body)
                .find(|(name, _)| name == FORM_TOKEN_FIELD)
                .map(|(_, token)| token.into_owned())
                .unwrap_or_default();
            if !browser.form_is_genuine(&state, &token) {
                return Err(PageError::FormRefused);
            }
            let form = serde_urlencoded::from_bytes(&body).map_err(|error| {
                PageError::Api(crate::error::ApiError::new(
                    actix_web::http::StatusCode::BAD_REQUEST,
                    "bad_request",
                    format!("The form could not be read: {error}."),
                ))
            })?;
            Ok(Posted(form))
        })
    }
}

/// A form posted to a handler that reads it with actix's own `web::Form` (`multipart/form-data`
/// uploads have their own reader): past the body limit, the same page as for [`Posted`].
pub fn too_large(error: UrlencodedError, _req: &HttpRequest) -> actix_web::Error {
    match error {
        UrlencodedError::Overflow { limit, .. } => PageError::FormTooLarge { limit }.into(),
        other => other.into(),
    }
}
