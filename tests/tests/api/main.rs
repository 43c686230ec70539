//! The one integration-test binary: the real server over HTTP, a fresh database per test.
//! `cargo test` runs it on SQLite; with `TEST_DATABASE_URL=postgres://…` on PostgreSQL.

// Tests state their expectations by unwrapping; a panic is a failed test, which is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod account;
mod announcements;
mod architecture;
mod audit;
mod auth;
mod backup;
mod bench_argon2;
mod bench_outbox;
mod browser;
mod buyers;
mod config;
mod database_faults;
mod demo;
mod emails;
mod errors;
mod exhibitors;
mod exports;
mod faults;
mod hardening;
mod health;
mod imports;
mod invitations;
mod market;
mod members;
mod metrics;
mod openapi;
mod pages;
mod passkeys;
mod password_reset;
mod pavilions;
mod rate_limits;
mod reminders;
mod scaling;
mod second_factor;
mod shutdown;
mod storage_s3;
mod templates;
mod tenancy;
mod use_cases;
mod web_accounts;
mod web_announcements;
mod web_companies;
mod web_import;
mod web_links;
mod web_market;
mod web_pavilions;
mod web_probe;
mod web_sessions;
