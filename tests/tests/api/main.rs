//! The one integration-test binary: the real server over HTTP, a fresh database per test.
//! `cargo test` runs it on SQLite; with `TEST_DATABASE_URL=postgres://…` on PostgreSQL.

mod auth;
mod config;
mod database_faults;
mod errors;
mod health;
mod openapi;
mod pavilions;
