//! Image uploads and downloads: a bounded read of the body, the type taken from the content, and
//! the stored bytes served back with their type.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use bytes::BytesMut;
use futures_util::StreamExt;
use pavilion_core::domain::UserId;
use pavilion_core::storage::{ImageType, UploadTarget};

/// Reads an uploaded image: at most `PAVILION_MAX_UPLOAD_BYTES` (413 above, without reading
/// further), and PNG, JPEG or WebP by its first bytes (415 otherwise, whatever the declared type).
pub async fn read_image(state: &AppState, payload: web::Payload) -> Result<(ImageType, bytes::Bytes), ApiError> {
    let chunks = payload.map(|chunk| chunk.map_err(|error| crate::error::extractor_errors::payload(&error)));
    read_image_from(state, chunks).await
}

/// As [`read_image`], from any stream of the body's chunks (a multipart form's file field).
pub async fn read_image_from<S>(state: &AppState, mut chunks: S) -> Result<(ImageType, bytes::Bytes), ApiError>
where
    S: futures_util::Stream<Item = Result<bytes::Bytes, ApiError>> + Unpin,
{
    let limit = state.settings.max_upload_bytes;
    let mut body = BytesMut::new();
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > limit {
            return Err(too_large(limit));
        }
        body.extend_from_slice(&chunk);
    }
    let image = ImageType::sniff(&body).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_image",
            "Upload a PNG, JPEG or WebP image; the file's content is not one of these.",
        )
    })?;
    Ok((image, body.freeze()))
}

/// Reads an uploaded file (an import's CSV) from any stream of the body's chunks: at most
/// `PAVILION_MAX_UPLOAD_BYTES` (413 above, without reading further).
pub async fn read_file_from<S>(state: &AppState, mut chunks: S) -> Result<bytes::Bytes, ApiError>
where
    S: futures_util::Stream<Item = Result<bytes::Bytes, ApiError>> + Unpin,
{
    let limit = state.settings.max_upload_bytes;
    let mut body = BytesMut::new();
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("A file may be at most {} KiB.", limit / 1024),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// As [`read_file_from`], from the request's body.
pub async fn read_file(state: &AppState, payload: web::Payload) -> Result<bytes::Bytes, ApiError> {
    let chunks = payload.map(|chunk| chunk.map_err(|error| crate::error::extractor_errors::payload(&error)));
    read_file_from(state, chunks).await
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        format!("An image may be at most {} KiB.", limit / 1024),
    )
}

/// Reads the uploaded image, decodes and re-encodes it (`core::images`), stores it under
/// `target`'s key if the company's storage has room, then lets `record` point the working copy at
/// that key. If recording fails, nothing points at the file, so it is removed rather than left
/// behind; if it succeeds, the file it replaced goes when nothing points at it any more.
pub async fn store_image<T, Record, Recorded>(
    state: &AppState,
    uploader: &UserId,
    payload: web::Payload,
    target: UploadTarget,
    record: Record,
) -> Result<T, ApiError>
where
    Record: FnOnce(String) -> Recorded,
    Recorded: std::future::Future<Output = Result<(T, Vec<String>), pavilion_core::CoreError>>,
{
    crate::throttling::reserve_upload(state, uploader).await?;
    let (image, bytes) = read_image(state, payload).await?;
    store_read_image(state, image, bytes, target, record).await
}

/// As [`store_image`], for an image already read (and its upload already counted against the
/// uploader's limit).
pub async fn store_read_image<T, Record, Recorded>(
    state: &AppState,
    image: ImageType,
    bytes: bytes::Bytes,
    target: UploadTarget,
    record: Record,
) -> Result<T, ApiError>
where
    Record: FnOnce(String) -> Recorded,
    Recorded: std::future::Future<Output = Result<(T, Vec<String>), pavilion_core::CoreError>>,
{
    let budget = state.image_decodes.clone();
    let bytes = crate::state::blocking(move || pavilion_core::images::clean(&budget, image, &bytes)).await?;
    check_room(state, &target, bytes.len()).await?;
    let key = target.key(image);
    state.storage.put(&key, bytes).await?;
    match record(key.clone()).await {
        Ok((value, released)) => {
            discard_all(state, released).await;
            Ok(value)
        }
        Err(error) => {
            discard(state, &key).await;
            Err(error.into())
        }
    }
}

/// Refuses an upload that would take the company past `PAVILION_COMPANY_STORAGE_BYTES`.
async fn check_room(state: &AppState, target: &UploadTarget, adding: usize) -> Result<(), ApiError> {
    let quota = state.settings.company_storage_bytes;
    let used: u64 = state.storage.list(target.company_folder()).await?.iter().map(|object| object.bytes).sum();
    if used + adding as u64 > quota {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "storage_quota_exceeded",
            format!(
                "This company's images already take {:.1} of its {:.0} MiB; replaced images are removed when the \
                 company is next approved.",
                used as f64 / MIB,
                quota as f64 / MIB
            ),
        ));
    }
    Ok(())
}

const MIB: f64 = 1024.0 * 1024.0;

/// Removes a file nothing points at. A failure only leaves it for `pavilion sweep-uploads`.
async fn discard(state: &AppState, key: &str) {
    if let Err(error) = state.storage.delete(key).await {
        tracing::warn!(key, %error, "an unreferenced upload could not be removed; the sweep will");
    }
}

/// Removes files a use case let go of (nothing points at them any more). A failure only leaves
/// them for `pavilion sweep-uploads`: the change they belonged to stands.
pub async fn discard_all(state: &AppState, keys: Vec<String>) {
    for key in keys {
        discard(state, &key).await;
    }
}

/// Serves a stored image with its type. The key is new for every upload, so a client may cache
/// it as long as it likes under this key; the URL itself is re-checked on every request.
pub async fn serve_image(state: &AppState, key: &str) -> Result<HttpResponse, ApiError> {
    let image = ImageType::of_key(key)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("stored key {key} has no image type")))?;
    let bytes = state.storage.get(key).await?.ok_or_else(|| ApiError::not_found("image"))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, image.content_type()))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::ETAG, format!("\"{}\"", key.rsplit('/').next().unwrap_or(key))))
        .body(bytes))
}
