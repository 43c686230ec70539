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

/// One replica of the rolling restart: its address, its SIGTERM, and its serving task.
struct Replica {
    address: String,
    shutdown: pavilion_api::Shutdown,
    served: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn replica(settings: &pavilion_core::config::Settings, clock: &ManualClock) -> Replica {
    let app = pavilion_api::Application::build(settings.clone(), Arc::new(clock.clone())).await.expect("builds");
    let address = format!("127.0.0.1:{}", app.port());
    let shutdown = app.shutdown();
    Replica { address, shutdown, served: tokio::spawn(app.run_until_stopped()) }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(postgres_tests), ignore = "PostgreSQL only: replicas share one PostgreSQL")]
async fn a_rolling_restart_under_writes_loses_no_request() {
    use pavilion_tests::balancer::Balancer;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};

    let app = pavilion_tests::spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    // A drain well above the balancer's 50 ms health checks, as a real deployment's 5 s is above
    // its probes' period.
    let settings = pavilion_core::config::Settings { shutdown_drain_ms: 300, ..app.settings.clone() };
    let balancer = Balancer::start().await;
    let mut replicas = vec![replica(&settings, &app.clock).await, replica(&settings, &app.clock).await];
    for replica in &replicas {
        balancer.add(replica.address.clone());
    }
    balancer.wait_for_ready(2).await;

    let writing = Arc::new(AtomicBool::new(true));
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let failures = Arc::new(Mutex::new(Vec::new()));
    // A connection per request, so that each one is balanced afresh.
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
    let writers: Vec<_> = (0..16)
        .map(|writer| {
            let (client, token, url) = (client.clone(), organiser.access.clone(), balancer.address.clone());
            let (writing, acknowledged, failures) = (writing.clone(), acknowledged.clone(), failures.clone());
            tokio::spawn(async move {
                let mut n = 0;
                while writing.load(Ordering::SeqCst) {
                    n += 1;
                    let body = serde_json::json!({"name": {"en": format!("Rolling {writer}-{n}")}});
                    let sent = client
                        .post(format!("{url}/api/v1/pavilions/hangzhou/exhibitors"))
                        .bearer_auth(&token)
                        .json(&body)
                        .send()
                        .await;
                    match sent {
                        Ok(reply) if reply.status().as_u16() == 201 => {
                            let created: serde_json::Value = reply.json().await.unwrap();
                            acknowledged.lock().unwrap().push(created["id"].as_str().unwrap().to_owned());
                        }
                        Ok(reply) => {
                            let failure = format!("{}: {}", reply.status(), reply.text().await.unwrap_or_default());
                            failures.lock().unwrap().push(failure);
                        }
                        Err(error) => failures.lock().unwrap().push(format!("connection: {error}")),
                    }
                }
            })
        })
        .collect();

    // Each replica in turn: SIGTERM (as the orchestrator sends it), wait for it to finish, start
    // its successor, and wait until the balancer sends to it.
    for turn in 0..2 {
        tokio::time::sleep(Duration::from_millis(700)).await;
        let old = replicas.remove(0);
        old.shutdown.begin().await;
        old.served.await.unwrap().expect("the old replica stops cleanly");
        balancer.remove(&old.address);
        let new = replica(&settings, &app.clock).await;
        balancer.add(new.address.clone());
        replicas.push(new);
        balancer.wait_for_ready(2).await;
        eprintln!("replica {turn} restarted; {} writes acknowledged so far", acknowledged.lock().unwrap().len());
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    writing.store(false, Ordering::SeqCst);
    for writer in writers {
        writer.await.unwrap();
    }

    let failures = failures.lock().unwrap().clone();
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        failures.is_empty(),
        "{} requests failed during the rolling restart: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    let mut found = 0;
    for id in &acknowledged {
        if app.get(&format!("/api/v1/pavilions/hangzhou/exhibitors/{id}"), Some(&organiser.access)).await.status == 200
        {
            found += 1;
        }
    }
    eprintln!(
        "rolling restart of 2 replicas under 16 writers: {} writes acknowledged, {found} found, 0 failed requests",
        acknowledged.len()
    );
    assert_eq!(found, acknowledged.len());
    assert!(acknowledged.len() > 100, "too few writes to mean anything: {}", acknowledged.len());
    for replica in replicas {
        replica.shutdown.begin().await;
    }
}
