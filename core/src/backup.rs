//! `pavilion backup`: a consistent copy of a live SQLite database, and its uploads as a tar,
//! taken while the server goes on serving writes. Restoring is copying them back (README).

use crate::config::{DatabaseUrl, Settings};
use crate::db::{self, Database};
use crate::error::CoreError;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a backup wrote.
#[derive(Debug)]
pub struct BackupReport {
    pub database: PathBuf,
    pub database_bytes: u64,
    pub uploads: Uploads,
}

/// What became of the uploads.
#[derive(Debug)]
pub enum Uploads {
    /// Archived: the tar and its size.
    Archived(PathBuf, u64),
    /// Local, but nothing was ever uploaded.
    NoneYet,
    /// In S3-compatible storage, to back up with its own tools.
    Elsewhere,
}

/// The tar of the uploads that goes with a database backup at `database`.
pub fn uploads_archive(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".uploads.tar");
    PathBuf::from(name)
}

/// Copies the database to `to` and the local uploads to `{to}.uploads.tar`. Neither may exist
/// yet: a backup never overwrites another.
pub fn backup(settings: &Settings, to: &Path) -> Result<BackupReport, CoreError> {
    let archive = uploads_archive(to);
    for path in [to, archive.as_path()] {
        if path.exists() {
            return Err(CoreError::Conflict(format!("{} exists already; choose another name", path.display())));
        }
    }
    let url = settings.database().map_err(|e| CoreError::Internal(e.into()))?;
    if let DatabaseUrl::Postgres(_) = url {
        return Err(CoreError::Conflict(
            "this backup is for SQLite; back up PostgreSQL with pg_dump (see the README)".into(),
        ));
    }
    let database = Database::new(&url, 1, Duration::from_secs(settings.db_timeout_secs));
    database.run(|conn| db::backup_sqlite(conn, to))?;
    let size = |path: &Path| std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let uploads = match settings.local_uploads_dir() {
        Some(dir) if dir.exists() => {
            let io = |e: std::io::Error| CoreError::Internal(anyhow::anyhow!("{}: {e}", archive.display()));
            let mut tar = tar::Builder::new(std::fs::File::create(&archive).map_err(io)?);
            tar.append_dir_all("uploads", &dir).map_err(io)?;
            tar.into_inner().and_then(|file| file.sync_all()).map_err(io)?;
            Uploads::Archived(archive.clone(), size(&archive))
        }
        Some(_) => Uploads::NoneYet,
        None => Uploads::Elsewhere,
    };
    Ok(BackupReport { database: to.to_path_buf(), database_bytes: size(to), uploads })
}
