use pavilion_core::clock::SystemClock;
use pavilion_core::config::{Environment, Settings};
use pavilion_tests::{TestDb, test_settings};
use secrecy::SecretString;
use std::sync::Arc;
use std::time::{Duration, Instant};

async fn build(settings: Settings) -> Result<(), String> {
    pavilion_api::Application::build(settings, Arc::new(SystemClock)).await.map(|_| ()).map_err(|e| format!("{e:#}"))
}

#[tokio::test]
async fn production_refuses_a_generated_key_missing_smtp_and_password_only_organisers() {
    let db = TestDb::fresh();
    let settings = Settings { env: Environment::Production, jwt_secret: None, ..test_settings(&db) };
    let error = build(settings.clone()).await.unwrap_err();
    assert!(error.contains("PAVILION_JWT_SECRET"), "{error}");

    let settings = Settings { jwt_secret: Some(SecretString::from("p".repeat(48))), ..settings };
    let error = build(settings.clone()).await.unwrap_err();
    assert!(error.contains("PAVILION_SMTP_URL"), "{error}");

    // The test settings let organisers in with a password alone: production will not.
    let settings = Settings { smtp_url: Some(SecretString::from("smtp://127.0.0.1:25")), ..settings };
    let error = build(settings.clone()).await.unwrap_err();
    assert!(error.contains("PAVILION_REQUIRE_SECOND_FACTOR"), "{error}");

    let settings = Settings { require_second_factor: true, ..settings };
    build(settings).await.expect("production with a real key, SMTP and second factors starts");
}

#[tokio::test]
async fn database_urls_need_an_explicit_scheme() {
    let db = TestDb::fresh();
    for (url, expected) in [("data/pavilion.db", "bare path"), ("mysql://localhost/x", "unsupported scheme")] {
        let settings = Settings { database_url: Some(SecretString::from(url)), ..test_settings(&db) };
        let error = build(settings).await.unwrap_err();
        assert!(error.contains("PAVILION_DATABASE_URL") && error.contains(expected), "{url}: {error}");
    }
}

#[tokio::test]
async fn startup_with_the_database_down_gives_up_with_one_clear_error() {
    let db = TestDb::fresh();
    // Nothing listens on port 9 of loopback; the password must not leak into the message.
    let settings = Settings {
        database_url: Some(SecretString::from("postgres://app:hunter2-secret@127.0.0.1:9/pavilion")),
        db_startup_timeout_secs: 2,
        ..test_settings(&db)
    };
    let started = Instant::now();
    let error = build(settings).await.unwrap_err();
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(2) && waited < Duration::from_secs(15), "retried for {waited:?}");
    assert!(error.contains("unreachable"), "{error}");
    assert!(error.contains("app:***@127.0.0.1:9"), "{error}");
    assert!(!error.contains("hunter2"), "password leaked: {error}");
    assert!(!error.contains('\n'), "one line: {error}");
}

#[tokio::test]
async fn a_generated_signing_key_is_kept_in_the_data_dir() {
    let db = TestDb::fresh();
    let settings = Settings { jwt_secret: None, ..test_settings(&db) };
    let app = pavilion_tests::spawn_app_with(db, settings.clone()).await;
    let key_file = settings.data_dir.join("jwt-secret");
    let key = std::fs::read_to_string(&key_file).expect("key file written");
    assert_eq!(key.len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // Tokens issued now still verify after a restart with the same data directory.
    let tokens = app.organiser().await;
    drop(pavilion_api::Application::build(settings, Arc::new(SystemClock)).await.unwrap());
    assert_eq!(std::fs::read_to_string(&key_file).unwrap(), key, "the key is reused, not regenerated");
    app.get("/api/v1/me", Some(&tokens.access)).await.expect(200);
}

#[tokio::test]
async fn migrate_command_prepares_a_fresh_database_and_is_idempotent() {
    use pavilion_api::cli::{Cli, Command, run};
    let db = TestDb::fresh();
    let settings = test_settings(&db);
    run(Cli { command: Some(Command::Migrate) }, settings.clone()).await.expect("first migrate");
    run(Cli { command: Some(Command::Migrate) }, settings.clone()).await.expect("second migrate is a no-op");
    let app = pavilion_tests::spawn_app_with(db, settings).await;
    app.get("/readyz", None).await.expect(200);
}
