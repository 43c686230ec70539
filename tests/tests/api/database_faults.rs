//! A database outage while serving: quick 503s, `/readyz` not ready, and recovery on its own.
//! Played with a cuttable TCP proxy in front of PostgreSQL; SQLite is a local file that cannot
//! become unreachable this way, so on SQLite the outage test is reported as skipped.

use pavilion_tests::proxy::Proxy;
use pavilion_tests::{TestDb, database_url_with_name, spawn_app_with, test_settings};
use secrecy::SecretString;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A server whose database connections go through a proxy that the test can cut.
async fn app_behind_a_cuttable_proxy() -> (pavilion_tests::TestApp, Proxy) {
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
    (app, proxy)
}

#[tokio::test]
#[cfg_attr(not(postgres_tests), ignore = "PostgreSQL only: run with TEST_DATABASE_URL=postgres://…")]
async fn outage_gives_fast_503s_and_service_resumes_by_itself() {
    let (app, proxy) = app_behind_a_cuttable_proxy().await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(postgres_tests), ignore = "PostgreSQL only: run with TEST_DATABASE_URL=postgres://…")]
async fn an_outage_under_load_answers_503_with_retry_after_and_service_returns_without_a_restart() {
    let (app, proxy) = app_behind_a_cuttable_proxy().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    // Phases: 0 before the outage, 1 during it, 2 once service is back.
    let phase = Arc::new(AtomicUsize::new(0));
    let outcomes = Arc::new(Mutex::new(Vec::new()));
    let clients: Vec<_> = (0..16)
        .map(|client| {
            let (http, url, token) = (app.client.clone(), app.address.clone(), organiser.access.clone());
            let (phase, outcomes) = (phase.clone(), outcomes.clone());
            tokio::spawn(async move {
                for n in 0.. {
                    let at = phase.load(Ordering::SeqCst);
                    if at == 3 {
                        return;
                    }
                    let request = if n % 2 == 0 {
                        http.get(format!("{url}/api/v1/pavilions/hangzhou"))
                    } else {
                        let body = serde_json::json!({"name": {"en": format!("Load {client}-{n}")}});
                        http.post(format!("{url}/api/v1/pavilions/hangzhou/exhibitors")).json(&body)
                    };
                    let outcome = match request.bearer_auth(&token).send().await {
                        Ok(reply) => Ok((reply.status().as_u16(), reply.headers().contains_key("retry-after"))),
                        Err(error) => Err(error.to_string()),
                    };
                    // Counted in a phase only when it began and ended there; the others straddle
                    // a change and may go either way.
                    let at = if phase.load(Ordering::SeqCst) == at { at } else { 1 };
                    outcomes.lock().unwrap().push((at, outcome));
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    proxy.cut();
    phase.store(1, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(3)).await;
    proxy.restore();
    // Pavilion is not restarted: its pool finds the database again by itself.
    let deadline = Instant::now() + Duration::from_secs(10);
    while app.get("/readyz", None).await.status != 200 {
        assert!(Instant::now() < deadline, "service did not come back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    phase.store(2, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(2)).await;
    phase.store(3, Ordering::SeqCst);
    for client in clients {
        client.await.unwrap();
    }

    let outcomes = outcomes.lock().unwrap().clone();
    let errors: Vec<_> = outcomes.iter().filter_map(|(_, outcome)| outcome.as_ref().err()).collect();
    assert!(errors.is_empty(), "connection errors: {errors:?}");
    let in_phase =
        |wanted: usize| outcomes.iter().filter(move |(at, _)| *at == wanted).filter_map(|(_, o)| o.clone().ok());
    let ok = |status: u16| status == 200 || status == 201;
    assert!(in_phase(0).all(|(status, _)| ok(status)), "before: {:?}", in_phase(0).collect::<Vec<_>>());
    // During the outage (or across its edges) a request may still have succeeded on a
    // connection it held; every other is a 503 that says when to come back. Never a 500.
    let during: Vec<_> = in_phase(1).collect();
    let unavailable = during.iter().filter(|(status, retry_after)| *status == 503 && *retry_after).count();
    assert!(during.iter().all(|(status, _)| ok(*status) || *status == 503), "during: {during:?}");
    assert!(during.iter().all(|(status, retry_after)| *status != 503 || *retry_after), "a 503 without Retry-After");
    // Each 503 waits out the database timeout, so a client sees one or two in the 3 s cut.
    assert!(unavailable > 0, "no 503 during the outage: {during:?}");
    let after: Vec<_> = in_phase(2).collect();
    assert!(!after.is_empty() && after.iter().all(|(status, _)| ok(*status)), "after: {after:?}");
    eprintln!(
        "database outage under load (16 clients): {} answered before, {} during ({unavailable} of them 503 with \
         Retry-After), {} after, none failed to connect",
        in_phase(0).count(),
        during.len(),
        after.len(),
    );
}
