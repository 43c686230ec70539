//! JSON request bodies, which must be JSON objects.
//!
//! `web::Json` would also accept an array for a struct, filling its fields by position: serde's
//! derive reads a struct from a sequence too. So `[null, null]` was a valid `PATCH /me`. This
//! extractor lets `web::Json` check the type, size and syntax as before (same 415, 413 and 400),
//! then insists on an object and names the field a mistake is in.

use crate::error::ApiError;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub struct JsonBody<T>(pub T);

impl<T> JsonBody<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for JsonBody<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = web::Json::<Value>::from_request(req, payload);
        Box::pin(async move { Ok(JsonBody(from_object(json.await?.into_inner())?)) })
    }
}

/// The body as `T`, if it is an object that fits.
fn from_object<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    let invalid = |detail: String| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_body", detail);
    if !value.is_object() {
        return Err(invalid("The JSON body must be an object.".to_owned()));
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if path == "." {
            invalid(format!("The JSON body does not fit: {inner}."))
        } else {
            invalid(format!("The JSON body does not fit at `{path}`: {inner}."))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Change {
        name: Option<String>,
        locale: Option<String>,
    }

    #[test]
    fn arrays_are_not_objects_and_mistakes_are_named() {
        let array = from_object::<Change>(serde_json::json!([null, null])).unwrap_err();
        assert_eq!(array.code(), "invalid_body");
        assert_eq!(from_object::<Change>(serde_json::json!({"name": 7})).unwrap_err().code(), "invalid_body");
        assert!(from_object::<Change>(serde_json::json!({"name": "Lin"})).is_ok());
    }
}
