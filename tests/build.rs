//! Tests that only mean something on PostgreSQL are compiled as `#[ignore]`d when the suite is
//! built for SQLite, so the test runner reports them as skipped rather than passed.
fn main() {
    println!("cargo::rerun-if-env-changed=TEST_DATABASE_URL");
    println!("cargo::rustc-check-cfg=cfg(postgres_tests)");
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|url| url.starts_with("postgres")) {
        println!("cargo::rustc-cfg=postgres_tests");
    }
}
