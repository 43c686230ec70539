//! Persistence: the only module that speaks SQL. One connection type for both backends, chosen
//! by URL scheme; a pool; embedded migrations per backend.

pub mod announcements;
pub mod audit;
pub mod buyers;
mod documents;
pub mod exhibitors;
pub mod invitations;
pub mod outbox;
pub mod overview;
pub mod passkeys;
pub mod password_resets;
pub mod pavilions;
pub mod published;
pub mod reminders;
pub(crate) mod schema;
pub mod second_factors;
pub mod sessions;
mod threads;
pub mod throttle_counts;
pub mod users;

pub use threads::{DatabaseThreads, Ran};

use crate::config::DatabaseUrl;
use crate::error::CoreError;
use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use secrecy::ExposeSecret;
use std::time::Duration;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Writes a consistent copy of a live SQLite database to `to` with `VACUUM INTO`: one read
/// transaction, so writers go on meanwhile (in WAL mode), and the copy holds every transaction
/// committed before it began. PostgreSQL has `pg_dump` for this.
pub fn backup_sqlite(conn: &mut DbConnection, to: &std::path::Path) -> Result<(), CoreError> {
    let DbConnection::Sqlite(sqlite) = conn else {
        return Err(CoreError::Conflict(
            "this backup is for SQLite; back up PostgreSQL with pg_dump (see the README)".into(),
        ));
    };
    let target = to
        .to_str()
        .ok_or_else(|| CoreError::Internal(anyhow::anyhow!("the backup path is not UTF-8: {}", to.display())))?;
    // A string literal: VACUUM INTO takes no bound parameter on every SQLite version.
    diesel::sql_query(format!("VACUUM INTO '{}'", target.replace('\'', "''"))).execute(sqlite)?;
    Ok(())
}

/// Refreshes PostgreSQL's planner statistics after a bulk load (the demo data) changed the
/// tables' sizes by orders of magnitude; without it the planner keeps planning for the empty
/// tables it last saw, until autovacuum catches up. SQLite is left alone: with statistics its
/// planner prefers walking pavilions over the ordered id index for directory pages, which the
/// benchmark showed to be far slower.
pub fn analyze(conn: &mut DbConnection) -> Result<(), CoreError> {
    if let DbConnection::Postgres(conn) = conn {
        conn.batch_execute("ANALYZE")?;
    }
    Ok(())
}

/// One connection type over both backends; queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// How long libpq may take to open a TCP connection before giving up.
const PG_CONNECT_TIMEOUT_SECS: u32 = 3;

/// Opens one connection, with the per-connection settings each backend needs.
pub fn establish(url: &DatabaseUrl) -> Result<DbConnection, diesel::ConnectionError> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|error| {
                    diesel::ConnectionError::BadConnection(format!("cannot create {}: {error}", dir.display()))
                })?;
            }
            let path = path
                .to_str()
                .ok_or_else(|| diesel::ConnectionError::InvalidConnectionUrl("path is not UTF-8".into()))?;
            let mut conn = SqliteConnection::establish(path)?;
            // Per connection, not persisted in the file: enforce foreign keys, wait for a
            // writer instead of failing with SQLITE_BUSY, and fsync less in WAL mode.
            conn.batch_execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;")
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
            Ok(DbConnection::Sqlite(conn))
        }
        DatabaseUrl::Postgres(raw) => {
            prepare_postgres_client();
            let mut url = url::Url::parse(raw.expose_secret())
                .map_err(|error| diesel::ConnectionError::InvalidConnectionUrl(error.to_string()))?;
            if !url.query_pairs().any(|(key, _)| key == "connect_timeout") {
                url.query_pairs_mut().append_pair("connect_timeout", &PG_CONNECT_TIMEOUT_SECS.to_string());
            }
            Ok(DbConnection::Postgres(PgConnection::establish(url.as_str())?))
        }
    }
}

/// Call before anything in the process opens a PostgreSQL connection (the server does so in
/// `connect`; a test harness that connects on its own must call it first). OpenSSL, built into
/// libpq here, would otherwise register an exit handler that frees its state while pool and
/// worker threads may still use it: a "double free" abort as the process ends. Initialising it
/// first without that handler (once; later calls do nothing) leaves the cleanup to the
/// operating system.
pub fn prepare_postgres_client() {
    openssl_sys::init();
}

/// Applies pending migrations of the matching set. On PostgreSQL an advisory lock keeps two
/// replicas that start together from racing; SQLite switches to WAL (persisted in the file).
pub fn run_migrations(conn: &mut DbConnection) -> Result<usize, CoreError> {
    let applied = match conn {
        DbConnection::Sqlite(conn) => {
            conn.batch_execute("PRAGMA journal_mode = WAL;").context("enabling WAL")?;
            conn.run_pending_migrations(SQLITE_MIGRATIONS).map_err(|e| anyhow::anyhow!("migrating: {e}"))?.len()
        }
        DbConnection::Postgres(conn) => {
            const LOCK: &str = "SELECT pg_advisory_lock(7345230001)";
            const UNLOCK: &str = "SELECT pg_advisory_unlock(7345230001)";
            diesel::sql_query(LOCK).execute(conn).context("taking the migration lock")?;
            let result = conn.run_pending_migrations(POSTGRES_MIGRATIONS).map(|done| done.len());
            diesel::sql_query(UNLOCK).execute(conn).context("releasing the migration lock")?;
            result.map_err(|e| anyhow::anyhow!("migrating: {e}"))?
        }
    };
    Ok(applied)
}

/// Ready means: the database answers and no migration is pending.
pub fn check_ready(conn: &mut DbConnection) -> Result<(), CoreError> {
    let pending = match conn {
        DbConnection::Sqlite(conn) => conn.has_pending_migration(SQLITE_MIGRATIONS),
        DbConnection::Postgres(conn) => conn.has_pending_migration(POSTGRES_MIGRATIONS),
    };
    match pending {
        Ok(false) => Ok(()),
        Ok(true) => Err(CoreError::Unavailable(anyhow::anyhow!("migrations are pending"))),
        Err(error) => Err(CoreError::Unavailable(anyhow::anyhow!("database check failed: {error}"))),
    }
}

/// Builds connections by scheme (the derived `establish` tries each backend in turn and hides
/// the real error).
pub struct ConnectionManager {
    url: DatabaseUrl,
}

/// A pooled connection, and whether a query found it dead. diesel's own `is_broken` only tracks
/// its transaction state: a connection whose server went away while it sat idle fails every
/// query ("unable to send command") yet looks healthy, and would be handed out again forever.
pub struct ManagedConnection {
    conn: DbConnection,
    dead: bool,
}

impl std::ops::Deref for ManagedConnection {
    type Target = DbConnection;

    fn deref(&self) -> &DbConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for ManagedConnection {
    fn deref_mut(&mut self) -> &mut DbConnection {
        &mut self.conn
    }
}

impl ManageConnection for ConnectionManager {
    type Connection = ManagedConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<ManagedConnection, r2d2::Error> {
        let conn = establish(&self.url).map_err(r2d2::Error::ConnectionError)?;
        Ok(ManagedConnection { conn, dead: false })
    }

    fn is_valid(&self, conn: &mut ManagedConnection) -> Result<(), r2d2::Error> {
        conn.conn.ping().map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut ManagedConnection) -> bool {
        std::thread::panicking() || conn.dead || conn.conn.is_broken()
    }
}

pub type Pool = r2d2::Pool<ConnectionManager>;
pub type PooledConnection = r2d2::PooledConnection<ConnectionManager>;

/// The pool every request and worker borrows from.
#[derive(Clone)]
pub struct Database {
    pool: Pool,
    backend: &'static str,
}

impl Database {
    /// Builds the pool without connecting: start-up has already proven the database reachable,
    /// and a pool that connects lazily recovers by itself after an outage.
    pub fn new(url: &DatabaseUrl, size: u32, timeout: Duration) -> Self {
        let pool = r2d2::Pool::builder()
            .max_size(size)
            .min_idle(Some(1))
            .connection_timeout(timeout)
            // No ping per checkout: it doubles the round trips of every request. A connection
            // that died is noticed by the query that fails on it (see `run`) and then dropped.
            .test_on_check_out(false)
            .build_unchecked(ConnectionManager { url: url.clone() });
        Self { pool, backend: url.backend() }
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// Connections open now, and how many of them are idle.
    pub fn connections(&self) -> (u32, u32) {
        let state = self.pool.state();
        (state.connections, state.idle_connections)
    }

    /// How many connections the pool may open.
    pub fn max_size(&self) -> u32 {
        self.pool.max_size()
    }

    /// Borrows a connection, waiting at most the configured timeout (then `Unavailable`).
    /// Blocking: call it from a blocking thread.
    pub fn get(&self) -> Result<PooledConnection, CoreError> {
        self.pool.get().map_err(|error| CoreError::Unavailable(anyhow::Error::new(error)))
    }

    /// Runs reads on a pooled connection. Blocking.
    pub fn run<T, F>(&self, work: F) -> Result<T, CoreError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, CoreError>,
    {
        let mut conn = self.get()?;
        let result = work(&mut conn.conn);
        unavailable_if_broken(&mut conn, result)
    }

    /// Runs a use case in one transaction on a pooled connection. Blocking.
    pub fn transaction<T, F>(&self, work: F) -> Result<T, CoreError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, CoreError>,
    {
        let mut conn = self.get()?;
        let result = match &mut conn.conn {
            sqlite @ DbConnection::Sqlite(_) => immediate_transaction(sqlite, work),
            postgres @ DbConnection::Postgres(_) => DbConnection::transaction(postgres, work),
        };
        unavailable_if_broken(&mut conn, result)
    }
}

/// SQLite: `BEGIN IMMEDIATE`, so the write lock is taken (waiting out the busy timeout) before
/// the first read. A deferred transaction that reads and then writes fails at once with "database
/// is locked" when another connection wrote in between; the busy timeout cannot help it.
fn immediate_transaction<T, F>(conn: &mut DbConnection, work: F) -> Result<T, CoreError>
where
    F: FnOnce(&mut DbConnection) -> Result<T, CoreError>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    fn sqlite(conn: &mut DbConnection) -> Result<&mut SqliteConnection, CoreError> {
        match conn {
            DbConnection::Sqlite(inner) => Ok(inner),
            DbConnection::Postgres(_) => Err(CoreError::Internal(anyhow::anyhow!("not a SQLite connection"))),
        }
    }
    AnsiTransactionManager::begin_transaction_sql(sqlite(conn)?, "BEGIN IMMEDIATE")?;
    match work(conn) {
        Ok(value) => {
            <AnsiTransactionManager as TransactionManager<SqliteConnection>>::commit_transaction(sqlite(conn)?)?;
            Ok(value)
        }
        Err(error) => {
            // The work's error is the one worth reporting; a failed rollback leaves the
            // connection broken and the pool discards it.
            let _ =
                <AnsiTransactionManager as TransactionManager<SqliteConnection>>::rollback_transaction(sqlite(conn)?);
            Err(error)
        }
    }
}

/// A query that failed because the connection died (server gone, network cut) is an outage,
/// not a bug: report it as `Unavailable` (503), and mark the connection dead so that the pool
/// drops it instead of handing it out again.
fn unavailable_if_broken<T>(conn: &mut ManagedConnection, result: Result<T, CoreError>) -> Result<T, CoreError> {
    match result {
        Err(CoreError::Internal(cause)) if conn.conn.is_broken() => {
            conn.dead = true;
            Err(CoreError::Unavailable(cause))
        }
        Err(CoreError::Unavailable(cause)) => {
            conn.dead = true;
            Err(CoreError::Unavailable(cause))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::sql_types::Integer;

    #[derive(QueryableByName)]
    struct Used {
        #[diesel(sql_type = Integer)]
        used: i32,
    }

    /// The bundled SQLite must keep one plan per statement (`.cargo/config.toml`): otherwise each
    /// `LIMIT ?` that diesel binds makes SQLite compile the cached statement again on every run.
    #[test]
    fn the_bundled_sqlite_keeps_its_plans_whatever_is_bound() {
        let mut conn = establish(&DatabaseUrl::Sqlite(":memory:".into())).expect("an in-memory database");
        let DbConnection::Sqlite(sqlite) = &mut conn else { unreachable!("asked for SQLite") };
        let option: Used = diesel::sql_query("SELECT sqlite_compileoption_used('ENABLE_QPSG') AS used")
            .get_result(sqlite)
            .expect("compile options readable");
        assert_eq!(option.used, 1, "SQLite built without SQLITE_ENABLE_QPSG");
    }

    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }

    fn count(conn: &mut SqliteConnection, query: &str) -> i64 {
        diesel::sql_query(query).get_result::<Count>(conn).expect(query).n
    }

    /// The buyer accounts' migration rebuilds `users` on SQLite: a database holding accounts,
    /// sessions and resets keeps them all, and every table that referenced `users` still does
    /// (its rows cascade with their account; a row for no account is refused).
    #[test]
    fn the_users_rebuild_keeps_every_account_and_every_reference() {
        let mut conn = establish(&DatabaseUrl::Sqlite(":memory:".into())).expect("an in-memory database");
        let DbConnection::Sqlite(sqlite) = &mut conn else { unreachable!("asked for SQLite") };
        // Every migration before the rebuild, then rows, then the rebuild.
        while !sqlite.pending_migrations(SQLITE_MIGRATIONS).expect("pending")[0]
            .name()
            .to_string()
            .ends_with("_buyer_accounts")
        {
            sqlite.run_next_migration(SQLITE_MIGRATIONS).expect("an earlier migration");
        }
        sqlite
            .batch_execute(
                "INSERT INTO pavilions (id, slug, name, region, status, time_zone, created_at, updated_at)
                     VALUES ('p1', 'hangzhou', '{}', '{}', 'active', 'Asia/Shanghai', '2026-01-01', '2026-01-01');
                 INSERT INTO users (id, pavilion_id, email, name, role, locale, password_hash, created_at, updated_at)
                     VALUES ('org', NULL, 'chair@fair.example', 'Chair', 'organiser', 'en', 'x', '2026-01-01', '2026-01-01'),
                            ('adm', 'p1', 'admin@hz.example', 'Admin', 'pavilion_admin', 'zh-Hans', 'x', '2026-01-01', '2026-01-01');
                 INSERT INTO sessions (id, user_id, pavilion_id, refresh_token_hash, created_at, last_used_at, expires_at, kind)
                     VALUES ('s1', 'adm', 'p1', 'h', '2026-01-01', '2026-01-01', '2027-01-01', 'api');",
            )
            .expect("an earlier market's rows");
        sqlite.run_next_migration(SQLITE_MIGRATIONS).expect("the rebuild");

        assert_eq!(count(sqlite, "SELECT COUNT(*) AS n FROM users"), 2);
        assert_eq!(count(sqlite, "SELECT COUNT(*) AS n FROM sessions"), 1);
        assert_eq!(count(sqlite, "SELECT COUNT(*) AS n FROM pragma_foreign_key_check"), 0);
        assert_eq!(count(sqlite, "SELECT COUNT(*) AS n FROM pragma_foreign_keys WHERE foreign_keys = 1"), 1);
        // A buyer of the same address as the organiser is a second account; a second buyer is not.
        let buyer = "INSERT INTO users (id, pavilion_id, email, name, role, locale, password_hash, created_at, updated_at)
                     VALUES ('{id}', NULL, 'chair@fair.example', 'Buyer', 'buyer', 'en', 'x', '2026-01-01', '2026-01-01')";
        sqlite.batch_execute(&buyer.replace("{id}", "b1")).expect("a buyer");
        assert!(sqlite.batch_execute(&buyer.replace("{id}", "b2")).is_err(), "one buyer account per address");
        // A buyer belongs to no pavilion.
        assert!(
            sqlite
                .batch_execute(
                    "INSERT INTO users (id, pavilion_id, email, name, role, locale, password_hash, created_at, updated_at)
                     VALUES ('b3', 'p1', 'b3@x.example', 'B', 'buyer', 'en', 'x', '2026-01-01', '2026-01-01')"
                )
                .is_err()
        );
        // References to `users` hold: no session for nobody; an account's sessions go with it.
        assert!(
            sqlite
                .batch_execute(
                    "INSERT INTO sessions (id, user_id, pavilion_id, refresh_token_hash, created_at, last_used_at, expires_at, kind)
                     VALUES ('s2', 'nobody', NULL, 'h', '2026-01-01', '2026-01-01', '2027-01-01', 'api')"
                )
                .is_err()
        );
        sqlite.batch_execute("DELETE FROM users WHERE id = 'adm'").expect("an account removed");
        assert_eq!(count(sqlite, "SELECT COUNT(*) AS n FROM sessions"), 0);
    }
}
