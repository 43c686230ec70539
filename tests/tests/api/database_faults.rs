//! A database outage while serving: quick 503s, `/readyz` not ready, and recovery on its own.
//! Played with a cuttable TCP proxy in front of PostgreSQL; SQLite is a local file that cannot
//! become unreachable this way, so on SQLite the outage test is reported as skipped.

use pavilion_tests::proxy::Proxy;
use pavilion_tests::{TestDb, database_url_with_name, spawn_app_with, test_settings};
use secrecy::SecretString;
use std::time::{Duration, Instant};

#[tokio::test]
#[cfg_attr(not(postgres_tests), ignore = "PostgreSQL only: run with TEST_DATABASE_URL=postgres://…")]
async fn outage_gives_fast_503s_and_service_resumes_by_itself() {
    let db = TestDb::fresh();
    assert!(db.is_postgres(), "built for PostgreSQL, run on SQLite: set TEST_DATABASE_URL at build time too");
    let target = {
        let url = reqwest::Url::parse(&db.url).unwrap();
        format!("{}:{}", url.host_str().unwrap(), url.port().unwrap_or(5432))
    };
    let proxy = Proxy::start(target).await;
    let mut through_proxy = reqwest::Url::parse(&db.url).unwrap();
    through_proxy.set_port(Some(proxy.port)).unwrap();
    let name = through_proxy.path().trim_start_matches('/').to_owned();
    let url = database_url_with_name(through_proxy.as_str(), &name);
    let settings =
        pavilion_core::config::Settings { database_url: Some(SecretString::from(url)), ..test_settings(&db) };
    let app = spawn_app_with(db, settings).await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.get("/api/v1/pavilions/hangzhou", None).await.expect(200);

    proxy.cut();
    for path in ["/api/v1/pavilions/hangzhou", "/api/v1/pavilions", "/readyz"] {
        let started = Instant::now();
        let reply = app.get(path, None).await;
        let took = started.elapsed();
        assert_eq!(reply.status, 503, "{path}: {}", reply.text);
        assert!(took < Duration::from_secs(5), "{path} took {took:?}");
        assert_eq!(reply.body["code"], "service_unavailable");
        assert!(reply.header("retry-after").is_some());
    }
    insta::assert_json_snapshot!("database_unavailable", app.get("/api/v1/pavilions", None).await.body);
    app.get("/healthz", None).await.expect(200);

    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let reply = app.get("/api/v1/pavilions/hangzhou", None).await;
        if reply.status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "service did not resume: {}", reply.text);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.get("/readyz", None).await.expect(200);
    app.get("/api/v1/me", Some(&organiser.access)).await.expect(200);
}
