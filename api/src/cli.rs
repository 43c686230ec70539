//! The command line: `serve` (default), `migrate`, `create-organiser`.

use crate::{Application, connect_with_retry, migrate};
use clap::{Parser, Subcommand};
use pavilion_core::clock::{Clock, SystemClock};
use pavilion_core::config::Settings;
use pavilion_core::services::accounts;
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
}

pub async fn run(cli: Cli, settings: Settings) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => Application::build(settings, Arc::new(SystemClock)).await?.run_until_stopped().await?,
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
    }
    Ok(())
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
