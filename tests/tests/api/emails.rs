//! The outbox end to end, against a real SMTP server.

use pavilion_core::clock::{Clock, ManualClock};
use pavilion_core::config::Settings;
use pavilion_core::domain::{EmailAddress, Locale, MessageId};
use pavilion_core::mail::transport::Transport;
use pavilion_core::mail::{EmailStatus, NewEmail, Payload};
use pavilion_core::mail_worker::MailWorker;
use pavilion_core::services::emails;
use pavilion_core::{CoreError, db};
use pavilion_tests::smtp::SmtpSink;
use pavilion_tests::{PASSWORD, TestApp, TestDb, Tokens, spawn_app, spawn_app_with, test_settings};
use secrecy::SecretString;
use serde_json::{Value, json};
use std::sync::Arc;

async fn branded_pavilion(app: &TestApp, organiser: &str) {
    app.post(
        "/api/v1/pavilions",
        Some(organiser),
        json!({
            "slug": "hangzhou",
            "name": {"en": "Hangzhou <Pavilion>", "zh-Hans": "杭州馆"},
            "region": {"en": "Hangzhou"},
            "brand_color": "#c8102e",
            "sender_name": "Hangzhou Pavilion",
            "reply_to": "desk@hz.example",
            "email_footer": {"en": "Hangzhou Film & TV Association <script>alert(1)</script>"},
            "logo_url": "https://hz.example/logo.png",
        }),
    )
    .await
    .expect(201);
}

async fn send_test(app: &TestApp, token: &str) -> Value {
    app.request(reqwest::Method::POST, "/api/v1/pavilions/hangzhou/emails/test", Some(token), None)
        .await
        .expect(202)
        .body
}

fn new_email(recipient: &str, locale: Locale) -> NewEmail {
    NewEmail {
        pavilion_id: None,
        recipient: EmailAddress::parse(recipient).unwrap(),
        recipient_name: Some("Ann Chen".into()),
        locale,
        payload: Payload::TestMessageV1 { requested_by: "Ann Chen".into() },
    }
}

/// An app whose own worker is off, so the test drives delivery itself.
async fn app_without_worker() -> TestApp {
    let db = TestDb::fresh();
    let settings = Settings { mail_concurrency: 0, ..test_settings(&db) };
    spawn_app_with(db, settings).await
}

/// A worker of our own, on the test's database, with a clock the test controls.
fn manual_worker(app: &TestApp, smtp_url: Option<String>, clock: &ManualClock) -> MailWorker {
    let settings = Settings { smtp_url: smtp_url.map(SecretString::from), ..app.settings.clone() };
    let transport = Arc::new(Transport::from_settings(&settings, 4).unwrap());
    MailWorker::new(
        app.database(),
        transport,
        Arc::new(clock.clone()),
        pavilion_core::mail_worker::WorkerConfig::from_settings(&settings),
        settings.mail_from_address().unwrap(),
    )
}

#[tokio::test]
async fn test_message_carries_the_pavilions_identity() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    branded_pavilion(&app, &organiser.access).await;
    let queued = send_test(&app, &organiser.access).await;
    assert_eq!(queued["status"], "pending");
    assert_eq!(queued["kind"], "test_message");
    let sent = app.wait_for_status(&organiser.access, queued["id"].as_str().unwrap(), "sent").await;
    assert_eq!(sent["attempts"], 1);

    let mail = &app.smtp.wait_for(1).await[0];
    assert_eq!(mail.header("From").unwrap(), "\"Hangzhou Pavilion\" <no-reply@localhost>");
    assert_eq!(mail.header("Reply-To").unwrap(), "desk@hz.example");
    assert_eq!(mail.header("Message-ID").unwrap(), queued["message_id"].as_str().unwrap());
    assert_eq!(mail.header("Subject").unwrap(), "Test message from Hangzhou <Pavilion>");
    let text = mail.body("text/plain");
    assert!(text.contains("Hangzhou Film & TV Association <script>"), "plain text is not escaped: {text}");
    let html = mail.body("text/html");
    assert!(html.contains("Hangzhou &lt;Pavilion&gt;"), "{html}");
    // Escaped (minijinja also escapes `/`, which attribute values decode back).
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;") && !html.contains("<script>"), "{html}");
    assert!(html.contains("border-top:6px solid #C8102E"), "{html}");
    assert!(html.contains(r#"src="https:&#x2f;&#x2f;hz.example&#x2f;logo.png""#), "{html}");
}

#[tokio::test]
async fn messages_render_in_the_recipients_locale() {
    let app = spawn_app().await;
    let database = app.database();
    let now = app.clock.now();
    for (address, locale) in [("ann@fair.example", Locale::ZhHans), ("bo@fair.example", Locale::ZhHant)] {
        database
            .transaction(|conn| db::outbox::insert(conn, now, "fair.example", &new_email(address, locale), None))
            .unwrap();
    }
    let mail = app.smtp.wait_for(2).await;
    let by_recipient = |address: &str| mail.iter().find(|m| m.to.iter().any(|to| to.contains(address))).unwrap();
    assert_eq!(by_recipient("ann@").header("Subject").unwrap(), "Pavilion测试邮件");
    assert!(by_recipient("ann@").body("text/plain").contains("本邮件由Pavilion通过 Pavilion 发送"));
    assert_eq!(by_recipient("bo@").header("Subject").unwrap(), "Pavilion測試郵件");
    assert!(by_recipient("bo@").body("text/html").contains("寄件人名稱"));
}

#[tokio::test]
async fn a_permanent_refusal_fails_at_once_and_can_be_resent() {
    let app = spawn_app().await;
    app.create_organiser("bounce@fair.example").await;
    let organiser = Tokens::from(&app.login_organiser("bounce@fair.example", PASSWORD).await.expect(200).body);
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let queued = send_test(&app, &organiser.access).await;
    let id = queued["id"].as_str().unwrap();
    let failed = app.wait_for_status(&organiser.access, id, "failed").await;
    assert_eq!(failed["attempts"], 1);
    assert!(failed["last_error"].as_str().unwrap().contains("550"), "{failed}");
    let log =
        app.get("/api/v1/pavilions/hangzhou/emails?status=failed", Some(&organiser.access)).await.expect(200).body;
    assert_eq!(log["items"].as_array().unwrap().len(), 1);
    assert!(log["items"][0].get("payload").is_none() && log["items"][0].get("body").is_none());

    let resent = app
        .request(
            reqwest::Method::POST,
            &format!("/api/v1/pavilions/hangzhou/emails/{id}/resend"),
            Some(&organiser.access),
            None,
        )
        .await
        .expect(202)
        .body;
    assert_eq!(resent["resend_of"], id);
    assert_ne!(resent["message_id"], queued["message_id"]);
    app.wait_for_status(&organiser.access, resent["id"].as_str().unwrap(), "failed").await;
}

#[tokio::test]
async fn resend_queues_a_copy_of_a_sent_message_and_refuses_pending_ones() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let queued = send_test(&app, &organiser.access).await;
    let id = queued["id"].as_str().unwrap();
    app.wait_for_status(&organiser.access, id, "sent").await;
    let resent = app
        .request(reqwest::Method::POST, &format!("/api/v1/emails/{id}/resend"), Some(&organiser.access), None)
        .await
        .expect(202)
        .body;
    app.wait_for_status(&organiser.access, resent["id"].as_str().unwrap(), "sent").await;
    let mail = app.smtp.wait_for(2).await;
    assert_eq!(mail[0].body("text/plain"), mail[1].body("text/plain"));

    // A message still waiting cannot be resent.
    let database = app.database();
    let now = app.clock.now() + chrono::Duration::days(1); // not due: the worker leaves it alone
    let waiting = database
        .transaction(|conn| {
            let record =
                db::outbox::insert(conn, now, "fair.example", &new_email("later@fair.example", Locale::En), None)?;
            Ok(record)
        })
        .unwrap();
    let conflict = app
        .request(reqwest::Method::POST, &format!("/api/v1/emails/{}/resend", waiting.id), Some(&organiser.access), None)
        .await
        .expect(409);
    assert_eq!(conflict.body["code"], "conflict");
    app.request(reqwest::Method::POST, "/api/v1/emails/no-such-id/resend", Some(&organiser.access), None)
        .await
        .expect(404);
}

#[tokio::test]
async fn smtp_outage_loses_nothing_and_doubles_nothing() {
    // A port with nothing listening yet: connection refused, a transient failure.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let db = TestDb::fresh();
    let settings =
        Settings { smtp_url: Some(SecretString::from(format!("smtp://127.0.0.1:{port}"))), ..test_settings(&db) };
    let app = spawn_app_with(db, settings).await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(send_test(&app, &organiser.access).await["id"].as_str().unwrap().to_owned());
    }
    for id in &ids {
        let pending = app.wait_for_attempts(&organiser.access, id, 1).await;
        assert_eq!(pending["status"], "pending");
        assert!(pending["last_error"].as_str().unwrap().to_lowercase().contains("connection"), "{pending}");
    }

    let sink = SmtpSink::start_on(std::net::TcpListener::bind(("127.0.0.1", port)).unwrap());
    app.clock.advance(chrono::Duration::minutes(2)); // past the first retry delay (60 s ± 20 %)
    for id in &ids {
        let sent = app.wait_for_status(&organiser.access, id, "sent").await;
        assert_eq!(sent["attempts"], 2);
    }
    sink.wait_for(5).await;
    // Whatever else was going to arrive has arrived by now: count raw deliveries, not distinct ones.
    tokio::time::sleep(SETTLE).await;
    assert_eq!(distinct_message_ids(&sink.received()), (5, 5), "(deliveries, distinct Message-IDs)");
}

#[tokio::test]
async fn messages_waiting_for_an_unreachable_server_go_as_soon_as_it_answers_again() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let db = TestDb::fresh();
    let settings =
        Settings { smtp_url: Some(SecretString::from(format!("smtp://127.0.0.1:{port}"))), ..test_settings(&db) };
    let app = spawn_app_with(db, settings).await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let mut waiting = Vec::new();
    for _ in 0..3 {
        waiting.push(send_test(&app, &organiser.access).await["id"].as_str().unwrap().to_owned());
    }
    for id in &waiting {
        app.wait_for_attempts(&organiser.access, id, 1).await;
    }
    // Not waiting for the server: a message whose own time has not come (as after a reply about
    // itself, such as a full mailbox) keeps its wait.
    let later = app.clock.now() + chrono::Duration::hours(1);
    let scheduled = app
        .database()
        .run(|conn| db::outbox::insert(conn, later, "fair.example", &new_email("later@fair.example", Locale::En), None))
        .unwrap();

    let sink = SmtpSink::start_on(std::net::TcpListener::bind(("127.0.0.1", port)).unwrap());
    // The clock stands still: the waiting messages' back-off (a minute) never runs out here. A
    // new message reaches the server, and that is the signal.
    let fresh = send_test(&app, &organiser.access).await["id"].as_str().unwrap().to_owned();
    app.wait_for_status(&organiser.access, &fresh, "sent").await;
    for id in &waiting {
        let sent = app.wait_for_status(&organiser.access, id, "sent").await;
        assert_eq!(sent["attempts"], 2, "{sent}");
    }
    sink.wait_for(4).await;
    tokio::time::sleep(SETTLE).await;
    assert_eq!(distinct_message_ids(&sink.received()), (4, 4), "(deliveries, distinct Message-IDs)");
    let log = app.get("/api/v1/emails?limit=100", Some(&organiser.access)).await.expect(200).body;
    let kept = log["items"].as_array().unwrap().iter().find(|e| e["id"] == scheduled.id.as_str()).expect("listed");
    assert_eq!((&kept["status"], &kept["attempts"]), (&json!("pending"), &json!(0)), "{kept}");
}

#[tokio::test]
async fn two_workers_on_one_database_send_each_message_once() {
    let app = app_without_worker().await;
    let database = app.database();
    let clock = ManualClock::default();
    let now = clock.now();
    database
        .transaction(|conn| {
            for n in 0..40 {
                db::outbox::insert(
                    conn,
                    now,
                    "fair.example",
                    &new_email(&format!("u{n}@fair.example"), Locale::En),
                    None,
                )?;
            }
            Ok(())
        })
        .unwrap();
    let workers =
        [manual_worker(&app, Some(app.smtp.url()), &clock), manual_worker(&app, Some(app.smtp.url()), &clock)];
    let drain = |worker: MailWorker| async move {
        let mut handled = 0;
        loop {
            let n = worker.run_once().await.unwrap();
            if n == 0 {
                return handled;
            }
            handled += n;
        }
    };
    let [a, b] = workers;
    let (by_a, by_b) = tokio::join!(drain(a), drain(b));
    assert_eq!(by_a + by_b, 40, "each row claimed once ({by_a} + {by_b})");
    app.smtp.wait_for(40).await;
    tokio::time::sleep(SETTLE).await;
    assert_eq!(distinct_message_ids(&app.smtp.received()), (40, 40), "(deliveries, distinct Message-IDs)");
    let sent = database.run(|conn| db::outbox::count_by_status(conn, EmailStatus::Sent)).unwrap();
    assert_eq!(sent, 40);
}

#[tokio::test]
async fn a_worker_that_dies_mid_send_leaves_the_row_to_be_retried_after_its_lease() {
    let app = app_without_worker().await;
    let database = app.database();
    let clock = ManualClock::default();
    let now = clock.now();
    let record = database
        .transaction(|conn| {
            db::outbox::insert(conn, now, "fair.example", &new_email("ann@fair.example", Locale::En), None)
        })
        .unwrap();
    // A worker claims the row and dies before recording anything.
    let lease = chrono::Duration::seconds(app.settings.mail_lease_secs as i64);
    let claimed = database.run(|conn| db::outbox::claim(conn, now, now + lease, 10)).unwrap();
    assert_eq!(claimed.len(), 1);

    let survivor = manual_worker(&app, Some(app.smtp.url()), &clock);
    assert_eq!(survivor.run_once().await.unwrap(), 0, "the lease still holds");
    clock.advance(lease + chrono::Duration::seconds(1));
    assert_eq!(survivor.run_once().await.unwrap(), 1);
    let mail = app.smtp.wait_for(1).await;
    assert_eq!(mail[0].header("Message-ID").unwrap(), record.message_id, "same Message-ID on the retry");
    let organiser = app.organiser().await;
    let row = app.wait_for_status(&organiser.access, &record.id, "sent").await;
    assert_eq!(row["attempts"], 2);
}

#[tokio::test]
async fn a_rolled_back_transaction_queues_nothing() {
    let app = app_without_worker().await;
    let database = app.database();
    let now = app.clock.now();
    let outcome: Result<(), CoreError> = database.transaction(|conn| {
        db::outbox::insert(conn, now, "fair.example", &new_email("ann@fair.example", Locale::En), None)?;
        Err(CoreError::Conflict("the change that caused the mail failed".into()))
    });
    assert!(outcome.is_err());
    assert_eq!(database.run(|conn| db::outbox::count_by_status(conn, EmailStatus::Pending)).unwrap(), 0);
    database
        .transaction(|conn| {
            db::outbox::insert(conn, now, "fair.example", &new_email("ann@fair.example", Locale::En), None)
        })
        .unwrap();
    assert_eq!(database.run(|conn| db::outbox::count_by_status(conn, EmailStatus::Pending)).unwrap(), 1);
}

#[tokio::test]
async fn without_smtp_messages_become_eml_files() {
    let app = app_without_worker().await;
    let clock = ManualClock::default();
    let now = clock.now();
    let record = app
        .database()
        .transaction(|conn| {
            db::outbox::insert(conn, now, "fair.example", &new_email("ann@fair.example", Locale::En), None)
        })
        .unwrap();
    assert_eq!(manual_worker(&app, None, &clock).run_once().await.unwrap(), 1);
    let file = app.settings.data_dir.join("mail").join(format!("{}.eml", record.id));
    let raw = std::fs::read_to_string(&file).expect("an .eml file");
    assert!(raw.contains(&format!("Message-ID: {}", record.message_id)), "{raw}");
}

#[tokio::test]
async fn delivery_log_pages_filters_and_permissions() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.create_pavilion(&organiser.access, "beijing", "active").await;
    for _ in 0..3 {
        send_test(&app, &organiser.access).await;
    }
    app.request(reqwest::Method::POST, "/api/v1/pavilions/beijing/emails/test", Some(&organiser.access), None)
        .await
        .expect(202);
    app.smtp.wait_for(4).await;

    let page = app.get("/api/v1/pavilions/hangzhou/emails?limit=2", Some(&organiser.access)).await.expect(200).body;
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest = app
        .get(&format!("/api/v1/pavilions/hangzhou/emails?limit=2&cursor={cursor}"), Some(&organiser.access))
        .await
        .expect(200)
        .body;
    assert_eq!(rest["items"].as_array().unwrap().len(), 1);
    assert_eq!(rest["next_cursor"], Value::Null);
    assert!(page["items"][0]["created_at"].as_str() >= page["items"][1]["created_at"].as_str(), "newest first");

    let all = app.get("/api/v1/emails", Some(&organiser.access)).await.expect(200).body;
    assert_eq!(all["items"].as_array().unwrap().len(), 4);
    let beijing = app.get("/api/v1/emails?pavilion=beijing", Some(&organiser.access)).await.expect(200).body;
    assert_eq!(beijing["items"].as_array().unwrap().len(), 1);
    assert_eq!(beijing["items"][0]["pavilion"], "beijing");

    app.get("/api/v1/emails?status=lost", Some(&organiser.access)).await.expect(422);
    app.get("/api/v1/emails?pavilion=nowhere", Some(&organiser.access)).await.expect(404);
    app.get("/api/v1/emails", None).await.expect(401);
    app.get("/api/v1/pavilions/hangzhou/emails", None).await.expect(401);
    app.request(reqwest::Method::POST, "/api/v1/pavilions/hangzhou/emails/test", None, None).await.expect(401);
    app.get("/api/v1/pavilions/nowhere/emails", Some(&organiser.access)).await.expect(404);
}

#[tokio::test]
async fn sender_identity_is_validated() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "draft").await;
    let reply = app
        .patch(
            "/api/v1/pavilions/hangzhou",
            Some(&organiser.access),
            json!({"sender_name": "Hangzhou\r\nBcc: everyone@example.com", "reply_to": "desk@hz.example\r\nBcc: x@y.z"}),
        )
        .await
        .expect(422);
    let fields: Vec<&str> =
        reply.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["sender_name", "reply_to"]);
}

/// How long a test waits for late duplicates after the expected messages arrived: several worker
/// poll intervals (50 ms in tests).
const SETTLE: std::time::Duration = std::time::Duration::from_millis(500);

/// The number of deliveries, and of distinct Message-IDs among them.
fn distinct_message_ids(received: &[pavilion_tests::smtp::Received]) -> (usize, usize) {
    let ids: std::collections::BTreeSet<String> = received.iter().map(|m| m.header("Message-ID").unwrap()).collect();
    (received.len(), ids.len())
}

#[tokio::test]
async fn a_delivered_invitation_keeps_no_link_and_is_not_resent() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.invite(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let log = app.get("/api/v1/emails", Some(&organiser.access)).await.expect(200).body;
    let id = log["items"].as_array().unwrap().iter().find(|e| e["kind"] == "invitation").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.wait_for_status(&organiser.access, &id, "sent").await;
    // The link is in the recipient's mailbox, and no longer in the database.
    let (caller, message) = (app.principal(&organiser.access), MessageId::parse(&id).unwrap());
    let stored = app.database().run(|conn| emails::stored(conn, &caller, &message)).unwrap();
    let Payload::InvitationV1 { accept_url, role, .. } = &stored.payload else { panic!("{:?}", stored.payload) };
    assert_eq!((accept_url.as_str(), role.as_str()), ("", "pavilion_admin"));
    // So it cannot be sent again; a new invitation is the way.
    let refused = app
        .request(reqwest::Method::POST, &format!("/api/v1/emails/{id}/resend"), Some(&organiser.access), None)
        .await
        .expect(409);
    assert!(refused.body["detail"].as_str().unwrap().contains("one-time link"), "{}", refused.text);
}
