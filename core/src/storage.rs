//! Uploaded files (logos, posters) behind one interface: the local data directory by default,
//! or S3-compatible object storage, through `object_store`.

use crate::config::Settings;
use crate::error::CoreError;
use bytes::Bytes;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use std::sync::Arc;

/// The image types accepted for logos and posters, recognised by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageType {
    Png,
    Jpeg,
    Webp,
}

impl ImageType {
    /// What the content is, whatever the file name or the declared type say.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else {
            None
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Webp => "webp",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
        }
    }

    /// The type of a stored key, from the extension we gave it.
    pub fn of_key(key: &str) -> Option<Self> {
        [Self::Png, Self::Jpeg, Self::Webp].into_iter().find(|t| key.ends_with(&format!(".{}", t.extension())))
    }
}

/// Where an upload that was allowed will be stored, once its type is known. Every upload gets a
/// new key, so a published copy keeps pointing at the file it was approved with.
#[derive(Debug, Clone)]
pub struct UploadTarget {
    stem: String,
    company_folder: String,
}

impl UploadTarget {
    /// A file named `name-{new id}` in `subfolder` (may be empty) of the company's folder.
    pub(crate) fn new(company_folder: String, subfolder: &str, name: &str) -> Self {
        let id = uuid::Uuid::now_v7().simple();
        let stem = if subfolder.is_empty() {
            format!("{company_folder}/{name}-{id}")
        } else {
            format!("{company_folder}/{subfolder}/{name}-{id}")
        };
        Self { stem, company_folder }
    }

    /// The folder (prefix) that holds every upload of the company, for its quota.
    pub fn company_folder(&self) -> &str {
        &self.company_folder
    }

    pub fn key(&self, image: ImageType) -> String {
        format!("{}.{}", self.stem, image.extension())
    }
}

/// One stored object, as listed.
#[derive(Debug, Clone)]
pub struct StoredObject {
    pub key: String,
    pub modified: chrono::DateTime<chrono::Utc>,
    pub bytes: u64,
}

#[derive(Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    /// For logs and `/readyz`-style messages; never holds credentials.
    location: String,
}

impl Storage {
    pub fn from_settings(settings: &Settings) -> Result<Self, CoreError> {
        match &settings.storage_url {
            None => Self::local(&settings.data_dir.join("uploads")),
            Some(raw) => {
                let url = url::Url::parse(raw).map_err(|e| CoreError::Internal(anyhow::anyhow!("storage URL: {e}")))?;
                if url.scheme() == "file" {
                    let path = url
                        .to_file_path()
                        .map_err(|()| CoreError::Internal(anyhow::anyhow!("storage URL: not a local path")))?;
                    return Self::local(&path);
                }
                if !cfg!(feature = "s3") {
                    return Err(CoreError::Internal(anyhow::anyhow!(
                        "storage {}: this build has no S3 support; build with `--features s3` \
                         (the container image has it) or use a file:// URL",
                        redact(&url)
                    )));
                }
                // S3 and compatibles read their credentials and endpoint from AWS_* variables.
                let options = std::env::vars()
                    .filter(|(key, _)| key.starts_with("AWS_"))
                    .map(|(key, value)| (key.to_ascii_lowercase(), value));
                let (store, prefix) = object_store::parse_url_opts(&url, options)
                    .map_err(|e| CoreError::Internal(anyhow::anyhow!("storage {}: {e}", redact(&url))))?;
                let store: Arc<dyn ObjectStore> = if prefix.as_ref().is_empty() {
                    Arc::from(store)
                } else {
                    Arc::new(object_store::prefix::PrefixStore::new(store, prefix))
                };
                Ok(Self { store, location: redact(&url) })
            }
        }
    }

    fn local(dir: &std::path::Path) -> Result<Self, CoreError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| CoreError::Internal(anyhow::anyhow!("cannot create {}: {e}", dir.display())))?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .map_err(|e| CoreError::Internal(anyhow::anyhow!("storage {}: {e}", dir.display())))?;
        Ok(Self { store: Arc::new(store), location: dir.display().to_string() })
    }

    pub fn location(&self) -> &str {
        &self.location
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), CoreError> {
        self.store
            .put(&Path::from(key), PutPayload::from_bytes(bytes))
            .await
            .map_err(|e| CoreError::Internal(anyhow::anyhow!("storing {key}: {e}")))?;
        Ok(())
    }

    /// The object, or `None` if there is none by that key.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, CoreError> {
        match self.store.get(&Path::from(key)).await {
            Ok(result) => {
                Ok(Some(result.bytes().await.map_err(|e| CoreError::Internal(anyhow::anyhow!("reading {key}: {e}")))?))
            }
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(CoreError::Internal(anyhow::anyhow!("reading {key}: {e}"))),
        }
    }

    /// Every object under `prefix`: key, last change and size.
    pub async fn list(&self, prefix: &str) -> Result<Vec<StoredObject>, CoreError> {
        use futures_util::TryStreamExt;
        let objects: Vec<object_store::ObjectMeta> = self
            .store
            .list(Some(&Path::from(prefix)))
            .try_collect()
            .await
            .map_err(|e| CoreError::Internal(anyhow::anyhow!("listing {prefix}: {e}")))?;
        Ok(objects
            .into_iter()
            .map(|meta| StoredObject { key: meta.location.to_string(), modified: meta.last_modified, bytes: meta.size })
            .collect())
    }

    /// Removes an object; a missing one is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), CoreError> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(CoreError::Internal(anyhow::anyhow!("deleting {key}: {e}"))),
        }
    }
}

/// A URL without its user name and password.
fn redact(url: &url::Url) -> String {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_images_by_content_only() {
        assert_eq!(ImageType::sniff(b"\x89PNG\r\n\x1a\n...."), Some(ImageType::Png));
        assert_eq!(ImageType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ImageType::Jpeg));
        assert_eq!(ImageType::sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some(ImageType::Webp));
        assert_eq!(ImageType::sniff(b"GIF89a"), None);
        assert_eq!(ImageType::sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), None);
        assert_eq!(ImageType::of_key("a/b/logo-1.webp"), Some(ImageType::Webp));
    }
}
