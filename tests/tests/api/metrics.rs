//! `GET /metrics`: the Prometheus text format, route templates as labels (never raw paths), the
//! outbox, the limits and the build; optionally behind a bearer token.

use pavilion_core::config::Settings;
use pavilion_tests::{PASSWORD, TestDb, spawn_app, spawn_app_with, test_settings};
use secrecy::SecretString;
use serde_json::json;

/// The value of one series (`name{labels}` exactly as rendered), if present.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.trim().parse().ok())
}

async fn scrape(app: &pavilion_tests::TestApp, token: Option<&str>) -> (u16, String, Option<String>) {
    let mut request = app.client.get(app.url("/metrics"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("scrape");
    let status = response.status().as_u16();
    let content_type = response.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned());
    (status, response.text().await.expect("body"), content_type)
}

#[tokio::test]
async fn requests_are_counted_by_route_template_and_status_with_their_latency() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    for _ in 0..3 {
        app.get("/api/v1/pavilions/hangzhou", Some(&organiser.access)).await.expect(200);
    }
    app.get("/api/v1/pavilions/no-such-pavilion-xyz", Some(&organiser.access)).await.expect(404);
    app.get("/a/path/nobody/routes-qqq", None).await.expect(404);

    let (status, text, content_type) = scrape(&app, None).await;
    assert_eq!(status, 200);
    assert_eq!(content_type.as_deref(), Some("text/plain; version=0.0.4; charset=utf-8"));
    let series = |status: u16| {
        format!(
            "pavilion_http_requests_total{{method=\"GET\",route=\"/api/v1/pavilions/{{slug}}\",status=\"{status}\"}}"
        )
    };
    assert_eq!(sample(&text, &series(200)), Some(3.0), "{text}");
    assert_eq!(sample(&text, &series(404)), Some(1.0));
    assert_eq!(
        sample(&text, "pavilion_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}"),
        Some(1.0)
    );
    // Labels are bounded: no slug, id or raw path of a request is a label.
    for raw in ["hangzhou", "no-such-pavilion-xyz", "routes-qqq"] {
        assert!(!text.contains(raw), "{raw} leaked into the metrics");
    }
    // A histogram with buckets, not a summary.
    let histogram =
        "pavilion_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/pavilions/{slug}\",le=\"+Inf\"}";
    assert_eq!(sample(&text, histogram), Some(4.0), "{text}");
    assert!(text.contains("# TYPE pavilion_http_request_duration_seconds histogram"));
    let backend = if app.db.is_postgres() { "postgres" } else { "sqlite" };
    let build = format!("pavilion_build_info{{version=\"{}\",backend=\"{backend}\"}}", env!("CARGO_PKG_VERSION"));
    assert_eq!(sample(&text, &build), Some(1.0), "{text}");
    // The pool and the queues are there, with their help.
    for gauge in ["pavilion_db_pool_max", "pavilion_db_queue_waiting", "pavilion_hashing_pending", "pavilion_draining"]
    {
        assert!(text.contains(&format!("# HELP {gauge} ")), "{gauge} has no help");
        assert!(sample(&text, gauge).is_some(), "{gauge} missing");
    }
    assert_eq!(sample(&text, "pavilion_db_queue_waiting"), Some(0.0));
    // Every request above reached the database through the queue, and none waited out the timeout.
    assert!(sample(&text, "pavilion_db_queue_wait_seconds_count").is_some_and(|n| n >= 4.0), "{text}");
    assert_eq!(sample(&text, "pavilion_db_queue_timeouts_total"), Some(0.0), "{text}");
    assert_eq!(sample(&text, "pavilion_draining"), Some(0.0));
    assert!(sample(&text, "pavilion_db_connections{state=\"idle\"}").is_some());
}

#[tokio::test]
async fn the_outbox_backlog_and_deliveries_and_the_limits_refusals_are_reported() {
    // No worker in this process: what is queued stays due.
    let db = TestDb::fresh();
    let settings = Settings { mail_concurrency: 0, ..test_settings(&db) };
    let app = spawn_app_with(db, settings).await;
    app.create_organiser("chair@fair.example").await;
    for _ in 0..2 {
        app.post("/api/v1/auth/password-reset", None, json!({"email": "chair@fair.example"})).await.expect(202);
    }
    app.clock.advance(chrono::Duration::seconds(90));
    let (_, text, _) = scrape(&app, None).await;
    assert_eq!(sample(&text, "pavilion_outbox_due"), Some(2.0), "{text}");
    assert_eq!(sample(&text, "pavilion_outbox_oldest_due_age_seconds"), Some(90.0));
    // No worker, no delivery counters.
    assert_eq!(sample(&text, "pavilion_outbox_sent_total"), None);

    for _ in 0..6 {
        app.login_organiser("chair@fair.example", "not the password").await.expect(401);
    }
    app.login_organiser("chair@fair.example", PASSWORD).await.expect(429);
    app.login_organiser("chair@fair.example", PASSWORD).await.expect(429);
    let (_, text, _) = scrape(&app, None).await;
    assert_eq!(sample(&text, "pavilion_rate_limited_total{limit=\"password\"}"), Some(2.0), "{text}");

    // A server with a worker delivers both and counts them.
    let worker = app.replica_with(Settings { mail_concurrency: 4, ..app.settings.clone() }).await;
    app.smtp.wait_for(2).await;
    let mut delivered = None;
    for _ in 0..100 {
        let text = app.client.get(format!("{}/metrics", worker.address)).send().await.unwrap().text().await.unwrap();
        delivered = sample(&text, "pavilion_outbox_sent_total");
        if delivered == Some(2.0) {
            assert_eq!(sample(&text, "pavilion_outbox_due"), Some(0.0));
            assert_eq!(sample(&text, "pavilion_outbox_oldest_due_age_seconds"), Some(0.0));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(delivered, Some(2.0));
}

#[tokio::test]
async fn with_a_token_set_the_metrics_ask_for_it() {
    let db = TestDb::fresh();
    let settings = Settings { metrics_token: Some(SecretString::from("scrape-me-0123456789")), ..test_settings(&db) };
    let app = spawn_app_with(db, settings).await;
    for token in [None, Some("wrong"), Some("scrape-me-012345678")] {
        let (status, body, _) = scrape(&app, token).await;
        assert_eq!(status, 401, "{token:?}");
        assert!(body.contains("PAVILION_METRICS_TOKEN"), "{body}");
    }
    let (status, text, _) = scrape(&app, Some("scrape-me-0123456789")).await;
    assert_eq!(status, 200);
    assert!(text.contains("pavilion_build_info"));
}
