//! The fault suite: what a crash, a mail outage or a database outage may not lose.
//!
//! - A server killed with SIGKILL among 100 concurrent writers: every write it acknowledged is
//!   there after a restart (both databases; SQLite in WAL mode).
//! - The SMTP server down for a minute while 1,000 messages are queued: every message is
//!   delivered once it is back, and duplicated Message-IDs are counted (ignored in the default
//!   run for its minute; `.ci/run` runs it on both databases).
//! - The database outage under load is in `database_faults.rs`.
//!
//! Each prints its figures (`cargo test faults -- --nocapture` shows them).

use pavilion_core::clock::{Clock, SystemClock};
use pavilion_core::config::Settings;
use pavilion_core::db::outbox;
use pavilion_core::mail::EmailStatus;
use pavilion_tests::process::{SERVER_PROCESS, ServerProcess};
use pavilion_tests::smtp::SmtpSink;
use pavilion_tests::{TestDb, spawn_app, test_settings};
use secrecy::SecretString;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Not a test: the server process the fault tests start (see `pavilion_tests::process`).
#[test]
#[ignore = "the server process of the fault tests, started by them"]
fn server_process() {
    let Ok(what) = std::env::var(SERVER_PROCESS) else {
        return;
    };
    pavilion_api::telemetry::init("warn");
    let settings = Settings::load().expect("the settings in the environment");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        match what.as_str() {
            "serve" => {
                let server =
                    pavilion_api::Application::build(settings, Arc::new(SystemClock)).await.expect("the server builds");
                server.run_until_signalled().await.expect("the server serves");
            }
            "sweep-uploads" => {
                let options = pavilion_api::cli::SweepOptions { dry_run: false, min_age: chrono::Duration::zero() };
                let report = pavilion_api::cli::sweep_uploads(&settings, options, |_| {}).await.expect("sweeps");
                for key in report.deleted {
                    println!("deleted {key}");
                }
            }
            other => panic!("no such server process command: {other}"),
        }
    });
}

const WRITERS: usize = 100;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_acknowledged_before_a_kill_9_is_there_after_the_restart() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let mut server = ServerProcess::start(&app.settings).await;

    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::new()));
    let answered = Arc::new(AtomicUsize::new(0));
    let unanswered = Arc::new(AtomicUsize::new(0));
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let (client, token, address) = (client.clone(), organiser.access.clone(), server.address.clone());
            let (acknowledged, answered, unanswered) = (acknowledged.clone(), answered.clone(), unanswered.clone());
            tokio::spawn(async move {
                for n in 0.. {
                    let body = json!({"name": {"en": format!("Writer {writer} company {n}")}});
                    let sent = client
                        .post(format!("{address}/api/v1/pavilions/hangzhou/exhibitors"))
                        .bearer_auth(&token)
                        .json(&body)
                        .send()
                        .await;
                    let Ok(response) = sent else {
                        // The server is gone: this write has no answer, and the writer stops.
                        unanswered.fetch_add(1, Ordering::SeqCst);
                        return;
                    };
                    let status = response.status();
                    let Ok(reply) = response.json::<serde_json::Value>().await else {
                        unanswered.fetch_add(1, Ordering::SeqCst);
                        return;
                    };
                    answered.fetch_add(1, Ordering::SeqCst);
                    if status.is_success() {
                        acknowledged.lock().unwrap().push(reply["id"].as_str().expect("an id").to_owned());
                    }
                }
            })
        })
        .collect();
    // The kill comes while writes are in full flow.
    let deadline = Instant::now() + Duration::from_secs(20);
    while acknowledged.lock().unwrap().len() < 300 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill_9();
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 100, "only {} writes before the kill", acknowledged.len());

    let restarted = ServerProcess::start(&app.settings).await;
    let mut found = 0;
    for id in &acknowledged {
        let reply = app
            .client
            .get(format!("{}/api/v1/pavilions/hangzhou/exhibitors/{id}", restarted.address))
            .bearer_auth(&organiser.access)
            .send()
            .await
            .unwrap();
        if reply.status().is_success() {
            found += 1;
        }
    }
    let stored = app.get("/api/v1/pavilions/hangzhou/exhibitors?limit=100", Some(&organiser.access)).await;
    let stored = stored.expect(200).body["items"].as_array().unwrap().len();
    eprintln!(
        "kill -9 among {WRITERS} writers ({}): {} writes acknowledged, {found} of them found after the restart; \
         {} answered in all, {} cut off without an answer",
        if app.db.is_postgres() { "PostgreSQL" } else { "SQLite" },
        acknowledged.len(),
        answered.load(Ordering::SeqCst),
        unanswered.load(Ordering::SeqCst),
    );
    assert_eq!(found, acknowledged.len(), "acknowledged writes were lost");
    assert!(stored > 0);
}

const MESSAGES: usize = 1000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "slow: the SMTP server is down for a minute (.ci/run runs it)"]
async fn mail_queued_while_smtp_is_down_is_all_delivered_once_it_returns() {
    let down_for = Duration::from_secs(
        std::env::var("PAVILION_TEST_SMTP_DOWN_SECS").ok().and_then(|secs| secs.parse().ok()).unwrap_or(60),
    );
    let db = TestDb::fresh();
    // A port where nothing listens until the SMTP server comes back.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let settings = Settings {
        smtp_url: Some(SecretString::from(format!("smtp://127.0.0.1:{port}"))),
        mail_concurrency: 8,
        mail_retry_base_ms: 1000,
        mail_max_attempts: 30,
        ..test_settings(&db)
    };
    // The real clock: retries come due by themselves.
    let server = pavilion_api::Application::build(settings.clone(), Arc::new(SystemClock)).await.expect("builds");
    let handle = server.handle();
    tokio::spawn(server.run_until_stopped());
    let database = pavilion_core::db::Database::new(&settings.database().unwrap(), 2, Duration::from_secs(5));
    let now = SystemClock.now();
    database
        .transaction(|conn| {
            for n in 0..MESSAGES {
                outbox::insert(conn, now, "localhost", &pavilion_tests::smtp::queued_message(n, "Fault suite"), None)?;
            }
            Ok(())
        })
        .unwrap();

    tokio::time::sleep(down_for).await;
    let attempts_while_down: i64 = database.run(outbox::total_attempts).unwrap();
    let came_back = Instant::now();
    let sink = SmtpSink::start_on(std::net::TcpListener::bind(("127.0.0.1", port)).unwrap());
    let deadline = came_back + down_for + Duration::from_secs(60);
    while sink.received().len() < MESSAGES {
        assert!(Instant::now() < deadline, "only {} of {MESSAGES} delivered", sink.received().len());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let all_delivered_after = came_back.elapsed();
    // Anything sent twice would arrive now.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let received = sink.received();
    let mut by_message_id: HashMap<String, usize> = HashMap::new();
    for mail in &received {
        *by_message_id.entry(mail.header("Message-ID").expect("a Message-ID")).or_default() += 1;
    }
    let duplicates: usize = by_message_id.values().map(|count| count - 1).sum();
    let sent = database.run(|conn| outbox::count_by_status(conn, EmailStatus::Sent)).unwrap();
    let failed = database.run(|conn| outbox::count_by_status(conn, EmailStatus::Failed)).unwrap();
    eprintln!(
        "SMTP down {down_for:?} ({}): {MESSAGES} queued, {attempts_while_down} delivery attempts while it was down, \
         {} received ({} distinct Message-IDs, {duplicates} duplicates), all in {all_delivered_after:?} after \
         SMTP came back; outbox: {sent} sent, {failed} failed",
        if db.is_postgres() { "PostgreSQL" } else { "SQLite" },
        received.len(),
        by_message_id.len(),
    );
    assert_eq!(by_message_id.len(), MESSAGES, "every message arrives");
    assert_eq!(duplicates, 0, "no message arrives twice");
    assert_eq!((sent, failed), (MESSAGES as i64, 0));
    drop(handle.stop(false));
}
