//! Outbox throughput, run by hand (ignored in the normal suite): `bash tests/bench/outbox.sh`.
//! Measures, in one run and against the same local SMTP sink:
//!   - queueing 1,000 messages (one transaction each, as use cases do; and all in one);
//!   - delivering them through the outbox worker;
//!   - a bare lettre send loop with the same concurrency and pool, as the ceiling.

use lettre::message::Mailbox;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use pavilion_core::clock::{Clock, SystemClock};
use pavilion_core::config::Settings;
use pavilion_core::db;
use pavilion_core::mail::NewEmail;
use pavilion_core::mail::transport::Transport;
use pavilion_core::mail_worker::MailWorker;
use pavilion_tests::smtp::SmtpSink;
use pavilion_tests::{TestDb, spawn_app_with, test_settings};
use secrecy::SecretString;
use std::sync::Arc;
use std::time::Instant;

const MESSAGES: usize = 1000;
const CONCURRENCY: usize = 8;

fn email(n: usize) -> NewEmail {
    pavilion_tests::smtp::queued_message(n, "Bench")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run by hand with tests/bench/outbox.sh"]
async fn bench_outbox_against_a_bare_lettre_loop() {
    let sink = SmtpSink::start();
    let db = TestDb::fresh();
    let backend = if db.is_postgres() { "PostgreSQL" } else { "SQLite" };
    let settings =
        Settings { mail_concurrency: 0, smtp_url: Some(SecretString::from(sink.url())), ..test_settings(&db) };
    let app = spawn_app_with(db, settings.clone()).await;
    let database = app.database();

    // Ceiling: lettre alone, same pool and concurrency.
    let smtp = Arc::new(
        AsyncSmtpTransport::<Tokio1Executor>::from_url(&sink.url())
            .unwrap()
            .pool_config(PoolConfig::new().max_size(CONCURRENCY as u32))
            .build(),
    );
    let messages: Vec<Message> = (0..MESSAGES)
        .map(|n| {
            Message::builder()
                .from("Bench <no-reply@localhost>".parse::<Mailbox>().unwrap())
                .to(format!("buyer{n}@market.example").parse::<Mailbox>().unwrap())
                .subject("Test message")
                .body(String::from("Hello from the bare loop"))
                .unwrap()
        })
        .collect();
    let started = Instant::now();
    let mut chunks: Vec<Vec<Message>> = (0..CONCURRENCY).map(|_| Vec::new()).collect();
    for (n, message) in messages.into_iter().enumerate() {
        chunks[n % CONCURRENCY].push(message);
    }
    let tasks: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            let smtp = smtp.clone();
            tokio::spawn(async move {
                for message in chunk {
                    smtp.send(message).await.unwrap();
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let bare = started.elapsed();
    sink.wait_for(MESSAGES).await;

    // Queueing: one transaction per message, as use cases do it.
    let started = Instant::now();
    for n in 0..MESSAGES {
        let now = SystemClock.now();
        database.transaction(|conn| db::outbox::insert(conn, now, "localhost", &email(n), None)).unwrap();
    }
    let queue_each = started.elapsed();

    // Delivery by the outbox worker.
    let transport = Arc::new(Transport::from_settings(&settings, CONCURRENCY as u32).unwrap());
    let config = pavilion_core::mail_worker::WorkerConfig {
        concurrency: CONCURRENCY,
        ..pavilion_core::mail_worker::WorkerConfig::from_settings(&settings)
    };
    let worker = MailWorker::new(
        database.clone(),
        transport,
        Arc::new(SystemClock),
        config,
        settings.mail_from_address().unwrap(),
    );
    let started = Instant::now();
    let mut delivered = 0;
    while delivered < MESSAGES {
        let handled = worker.run_once().await.unwrap();
        assert!(handled > 0, "stalled at {delivered}");
        delivered += handled;
    }
    let outbox = started.elapsed();
    sink.wait_for(2 * MESSAGES).await;

    // Queueing all in one transaction, for comparison.
    let started = Instant::now();
    let now = SystemClock.now();
    database
        .transaction(|conn| {
            for n in 0..MESSAGES {
                db::outbox::insert(conn, now, "localhost", &email(n), None)?;
            }
            Ok(())
        })
        .unwrap();
    let queue_batch = started.elapsed();

    let rate = |elapsed: std::time::Duration| MESSAGES as f64 / elapsed.as_secs_f64();
    println!("\n== outbox benchmark on {backend}: {MESSAGES} messages, concurrency {CONCURRENCY}");
    println!("  bare lettre loop        {:>8.0} msg/s  ({:.2?})", rate(bare), bare);
    println!("  outbox worker           {:>8.0} msg/s  ({:.2?})", rate(outbox), outbox);
    println!("  outbox / bare           {:>8.0}%   (target >= 80%)", 100.0 * rate(outbox) / rate(bare));
    println!("  queue, one tx each      {:>8.2?}  (target < 2 s)", queue_each);
    println!("  queue, all in one tx    {:>8.2?}", queue_batch);
}
