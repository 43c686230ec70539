//! Graceful shutdown, as SIGTERM starts it: `/readyz` answers 503 at once while the listener
//! still takes connections for the drain delay; then it closes, a request in flight still gets
//! its whole answer, and the server returns cleanly.

use pavilion_core::clock::ManualClock;
use pavilion_tests::{TestDb, test_settings};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[tokio::test]
async fn shutdown_turns_unready_drains_then_finishes_the_requests_in_flight() {
    let db = TestDb::fresh();
    let settings =
        pavilion_core::config::Settings { shutdown_drain_ms: 400, shutdown_timeout_secs: 10, ..test_settings(&db) };
    let app = pavilion_api::Application::build(settings, Arc::new(ManualClock::default())).await.expect("builds");
    let address = format!("127.0.0.1:{}", app.port());
    let shutdown = app.shutdown();
    let served = tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();
    let get = |path: &str| client.get(format!("http://{address}{path}")).send();
    assert_eq!(get("/readyz").await.unwrap().status(), 200);

    let stopping = tokio::spawn(async move { shutdown.begin().await });
    tokio::time::sleep(Duration::from_millis(50)).await;
    // Not ready any more, but still serving: a load balancer has the drain delay to notice.
    let unready = get("/readyz").await.unwrap();
    assert_eq!(unready.status(), 503);
    let problem: serde_json::Value = unready.json().await.unwrap();
    assert_eq!(problem["code"], "shutting_down");
    assert_eq!(get("/healthz").await.unwrap().status(), 200);

    // A request that has begun (headers sent, body still on its way) when the listener closes.
    let body = r#"{"token": "not-a-real-token", "name": "Late Comer", "password": "violet kettle marches sideways"}"#;
    let mut in_flight = TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST /api/v1/invitations/accept HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    in_flight.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(700)).await;
    // The listener is closed by now: a new connection is refused.
    assert!(TcpStream::connect(&address).await.is_err(), "the listener should be closed");
    in_flight.write_all(body.as_bytes()).await.unwrap();
    let mut answer = String::new();
    in_flight.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 4"), "a whole answer, not a reset: {answer}");
    assert!(answer.contains("\"code\""), "{answer}");

    stopping.await.unwrap();
    let outcome = tokio::time::timeout(Duration::from_secs(10), served).await.expect("the server returns");
    outcome.unwrap().expect("a clean stop");
}
