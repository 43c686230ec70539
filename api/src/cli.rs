//! The command line: `serve` (default), `migrate`, `create-organiser`, `seed-demo`,
//! `sweep-uploads`, `backup`.

use crate::{Application, connect_with_retry, migrate};
use clap::{Parser, Subcommand};
use pavilion_core::backup::Uploads;
use pavilion_core::clock::{Clock, SystemClock};
use pavilion_core::config::Settings;
use pavilion_core::services::{accounts, demo};
use std::io::BufRead;
use std::sync::Arc;
use std::time::Duration;

/// Pavilion: the regional pavilions of a trade fair. Configuration comes from `PAVILION_*`
/// environment variables (see deploy/pavilion.env.example).
#[derive(Parser, Debug)]
#[command(name = "pavilion", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Migrate the database, then serve the API (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Create an organiser account; the password is read from standard input (one line).
    CreateOrganiser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Remove an organiser's second factor, for one locked out of their account (phone and
    /// recovery codes lost): their sessions end and they are emailed. Check who is asking first.
    RemoveSecondFactor {
        #[arg(long)]
        email: String,
    },
    /// Fill an empty database with a demo market: pavilions (Hangzhou first), companies with
    /// trilingual names, works, and demo accounts (printed at the end). Refused in production.
    SeedDemo {
        /// Pavilions to create; the first twelve are real regions, the rest "Demo City N".
        #[arg(long, default_value_t = 6)]
        pavilions: usize,
        /// Companies per pavilion.
        #[arg(long, default_value_t = 20)]
        exhibitors: usize,
        /// Works per company.
        #[arg(long, default_value_t = 4)]
        works: usize,
    },
    /// Delete uploaded logos and posters that neither a working copy nor a published copy points
    /// at any more (replaced, or of deleted works). Run it from cron, e.g. daily.
    SweepUploads {
        /// Only list what would be deleted.
        #[arg(long)]
        dry_run: bool,
        /// Files younger than this are kept whatever points at them, so an upload being saved
        /// at that moment is never touched.
        #[arg(long, default_value_t = 60)]
        min_age_minutes: i64,
    },
    /// Copy a live SQLite database to FILE, and its uploads to FILE.uploads.tar, while the server
    /// goes on serving (PostgreSQL: use pg_dump). Neither file may exist yet.
    Backup {
        #[arg(long)]
        to: std::path::PathBuf,
    },
}

pub async fn run(cli: Cli, settings: Settings) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => Application::build(settings, Arc::new(SystemClock)).await?.run_until_signalled().await?,
        Command::Migrate => {
            let url = settings.database()?;
            let conn = connect_with_retry(&url, Duration::from_secs(settings.db_startup_timeout_secs)).await?;
            let applied = migrate(conn, &url).await?;
            tracing::info!(applied, database = %url.redacted(), "database is up to date");
        }
        Command::CreateOrganiser { email, name } => {
            let password = read_password(std::io::stdin().lock())?;
            let user = create_organiser(&settings, &email, &name, password).await?;
            tracing::info!(id = %user.id, email = %user.email, "organiser created");
        }
        Command::RemoveSecondFactor { email } => {
            let user = remove_organisers_second_factor(&settings, &email).await?;
            tracing::info!(id = %user.id, email = %user.email, "the organiser's second factor is removed");
        }
        Command::SeedDemo { pavilions, exhibitors, works } => {
            let size = demo::DemoSize { pavilions, exhibitors, works };
            seed_demo(&settings, size, |line| eprintln!("{line}")).await?;
        }
        Command::SweepUploads { dry_run, min_age_minutes } => {
            anyhow::ensure!(min_age_minutes >= 0, "--min-age-minutes must not be negative");
            let options = SweepOptions { dry_run, min_age: chrono::Duration::minutes(min_age_minutes) };
            sweep_uploads(&settings, options, |line| eprintln!("{line}")).await?;
        }
        Command::Backup { to } => {
            let report = tokio::task::spawn_blocking(move || pavilion_core::backup::backup(&settings, &to)).await??;
            eprintln!("database: {} ({} bytes)", report.database.display(), report.database_bytes);
            match report.uploads {
                Uploads::Archived(archive, bytes) => eprintln!("uploads: {} ({bytes} bytes)", archive.display()),
                Uploads::NoneYet => eprintln!("uploads: none yet"),
                Uploads::Elsewhere => {
                    eprintln!("uploads: in S3-compatible storage; back up the bucket with its own tools")
                }
            }
        }
    }
    Ok(())
}

/// Removes an organiser's second factor (`pavilion remove-second-factor`).
pub async fn remove_organisers_second_factor(
    settings: &Settings,
    email: &str,
) -> anyhow::Result<pavilion_core::domain::User> {
    settings.validate()?;
    let url = settings.database()?;
    let conn = connect_with_retry(&url, Duration::from_secs(settings.db_startup_timeout_secs)).await?;
    migrate(conn, &url).await?;
    let database = pavilion_core::db::Database::new(&url, 1, Duration::from_secs(settings.db_timeout_secs));
    let (email, mail_domain) = (email.to_owned(), settings.mail_domain().to_owned());
    let removed = tokio::task::spawn_blocking(move || {
        database.transaction(|conn| {
            pavilion_core::services::second_factors::remove_for_organiser(conn, SystemClock.now(), &mail_domain, &email)
        })
    })
    .await?;
    Ok(removed?)
}

/// Fills an empty database with demo data, one transaction per pavilion, reporting progress.
pub async fn seed_demo(settings: &Settings, size: demo::DemoSize, progress: impl Fn(String)) -> anyhow::Result<()> {
    anyhow::ensure!(
        settings.env != pavilion_core::config::Environment::Production,
        "seed-demo is refused in production: demo accounts share a published password"
    );
    anyhow::ensure!(
        (1..=10_000).contains(&size.pavilions) && size.exhibitors <= 1_000 && size.works <= 500,
        "sizes: --pavilions 1..=10000, --exhibitors 0..=1000, --works 0..=500"
    );
    let url = settings.database()?;
    let conn = connect_with_retry(&url, Duration::from_secs(settings.db_startup_timeout_secs)).await?;
    migrate(conn, &url).await?;
    let database = pavilion_core::db::Database::new(&url, 1, Duration::from_secs(settings.db_timeout_secs));
    let started = std::time::Instant::now();
    let now = SystemClock.now();
    // One hash for every demo account: hashing thousands of accounts would take minutes.
    let hash = tokio::task::spawn_blocking(|| {
        let password = pavilion_core::domain::Password::parse(demo::DEMO_PASSWORD, &[])?;
        pavilion_core::auth::hash_password(&password)
    })
    .await??;
    let hash = Arc::new(hash);
    let organiser = {
        let (database, hash) = (database.clone(), hash.clone());
        tokio::task::spawn_blocking(move || {
            database.transaction(|conn| {
                demo::ensure_empty(conn)?;
                demo::seed_organiser(conn, now, &hash)
            })
        })
        .await??
    };
    let step = (size.pavilions / 20).max(1);
    let (mut companies, mut published, mut works) = (0, 0, 0);
    for index in 0..size.pavilions {
        let (database, hash) = (database.clone(), hash.clone());
        let seeded = tokio::task::spawn_blocking(move || {
            database.transaction(|conn| demo::seed_pavilion(conn, now, index, size, &hash))
        })
        .await??;
        (companies, published, works) =
            (companies + seeded.exhibitors, published + seeded.published, works + seeded.works);
        if (index + 1) % step == 0 || index + 1 == size.pavilions {
            progress(format!(
                "seeded {}/{} pavilions: {companies} companies ({published} published), {works} works, {:.1} s",
                index + 1,
                size.pavilions,
                started.elapsed().as_secs_f64()
            ));
        }
    }
    tokio::task::spawn_blocking(move || database.run(pavilion_core::db::analyze)).await??;
    let site = settings.public_url.trim_end_matches('/');
    progress(format!(
        "done. Open {site}/ and sign in with password {:?}: organiser {organiser} at {site}/en/sign-in; \
         admin@hangzhou.demo and exhibitor@hangzhou.demo at {site}/en/pavilions/hangzhou/sign-in \
         (the API: POST /api/v1/pavilions/hangzhou/auth/login)",
        demo::DEMO_PASSWORD
    ));
    Ok(())
}

/// How `sweep-uploads` runs.
#[derive(Debug, Clone, Copy)]
pub struct SweepOptions {
    pub dry_run: bool,
    pub min_age: chrono::Duration,
}

/// What a sweep found and removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepReport {
    pub companies: usize,
    pub files: usize,
    pub deleted: Vec<String>,
    pub freed_bytes: u64,
}

/// Deletes stored uploads that no copy of their company points at and that are older than
/// `min_age`, one company at a time, reporting progress. The storage is listed before the
/// database is read, and nothing ever points at an old file again once it is unreferenced, so a
/// file this finds unreferenced stays so.
pub async fn sweep_uploads(
    settings: &Settings,
    options: SweepOptions,
    progress: impl Fn(String),
) -> anyhow::Result<SweepReport> {
    use pavilion_core::services::uploads;
    let url = settings.database()?;
    let conn = connect_with_retry(&url, Duration::from_secs(settings.db_startup_timeout_secs)).await?;
    migrate(conn, &url).await?;
    let database = pavilion_core::db::Database::new(&url, 1, Duration::from_secs(settings.db_timeout_secs));
    let storage = pavilion_core::storage::Storage::from_settings(settings)?;
    let cutoff = SystemClock.now() - options.min_age;
    let mut by_company: std::collections::BTreeMap<_, Vec<_>> = std::collections::BTreeMap::new();
    let mut report = SweepReport::default();
    for object in storage.list("pavilions").await? {
        report.files += 1;
        if let Some(owner) = uploads::owner_of(&object.key) {
            by_company.entry(owner).or_default().push(object);
        }
    }
    progress(format!("{} files of {} companies in {}", report.files, by_company.len(), storage.location()));
    let verb = if options.dry_run { "would delete" } else { "deleted" };
    for (owner, objects) in by_company {
        let database = database.clone();
        let referenced =
            tokio::task::spawn_blocking(move || database.run(|conn| uploads::referenced_by(conn, &owner))).await??;
        report.companies += 1;
        for object in uploads::removable(objects, &referenced, cutoff) {
            if !options.dry_run {
                storage.delete(&object.key).await?;
            }
            progress(format!("{verb} {} ({} bytes)", object.key, object.bytes));
            report.freed_bytes += object.bytes;
            report.deleted.push(object.key);
        }
    }
    progress(format!(
        "done: {verb} {} of {} files ({:.1} MiB)",
        report.deleted.len(),
        report.files,
        report.freed_bytes as f64 / (1024.0 * 1024.0)
    ));
    Ok(report)
}

/// One line from `input`, without its line ending.
pub fn read_password(mut input: impl BufRead) -> anyhow::Result<String> {
    let mut line = String::new();
    input.read_line(&mut line)?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    anyhow::ensure!(
        !password.is_empty(),
        "no password on standard input; pipe it in, e.g. `pavilion create-organiser … < password.txt`"
    );
    Ok(password)
}

/// Migrates if needed (a fresh install starts here) and creates the account.
pub async fn create_organiser(
    settings: &Settings,
    email: &str,
    name: &str,
    password: String,
) -> anyhow::Result<pavilion_core::domain::User> {
    settings.validate()?;
    let url = settings.database()?;
    let conn = connect_with_retry(&url, Duration::from_secs(settings.db_startup_timeout_secs)).await?;
    migrate(conn, &url).await?;
    let (email, name) = (email.to_owned(), name.to_owned());
    let mut conn = connect_with_retry(&url, Duration::from_secs(settings.db_startup_timeout_secs)).await?;
    let result = tokio::task::spawn_blocking(move || {
        accounts::create_organiser(&mut conn, SystemClock.now(), &email, &name, &password)
    })
    .await?;
    result.map_err(|error| match error {
        pavilion_core::CoreError::Validation(fields) => anyhow::anyhow!(
            "{}",
            fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; ")
        ),
        other => anyhow::Error::new(other),
    })
}
