use crate::config::Settings;
use crate::error::CoreError;
use anyhow::Context;
use secrecy::{ExposeSecret, SecretBox};
use std::io::Write;

/// The HMAC key for access tokens. `generated` tells production checks and logs where it came from.
pub struct SigningKey {
    pub secret: SecretBox<Vec<u8>>,
    pub generated: bool,
}

const KEY_FILE: &str = "jwt-secret";

/// Uses `PAVILION_JWT_SECRET` when set; otherwise reads the key kept in the data directory,
/// creating it (mode 0600) on first start, so tokens survive restarts of a development server.
pub fn load_signing_key(settings: &Settings) -> Result<SigningKey, CoreError> {
    if let Some(secret) = &settings.jwt_secret {
        return Ok(SigningKey {
            secret: SecretBox::new(Box::new(secret.expose_secret().as_bytes().to_vec())),
            generated: false,
        });
    }
    let path = settings.data_dir.join(KEY_FILE);
    if let Ok(stored) = std::fs::read_to_string(&path) {
        let bytes = hex::decode(stored.trim())
            .with_context(|| format!("{} is not hex; delete it to regenerate", path.display()))?;
        if bytes.len() >= 32 {
            return Ok(SigningKey { secret: SecretBox::new(Box::new(bytes)), generated: true });
        }
    }
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("cannot create data directory {}", settings.data_dir.display()))?;
    let bytes: [u8; 32] = rand::random();
    let mut file = open_private(&path).with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(hex::encode(bytes).as_bytes()).context("writing the signing key")?;
    tracing::info!(path = %path.display(), "generated a new access-token signing key");
    Ok(SigningKey { secret: SecretBox::new(Box::new(bytes.to_vec())), generated: true })
}

#[cfg(unix)]
fn open_private(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)
}

#[cfg(not(unix))]
fn open_private(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    std::fs::File::create(path)
}
