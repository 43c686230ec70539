//! Deadline reminders, driven by a manual clock: at each offset before the deadline every company
//! not done gets one reminder (what it misses, the deadline on the pavilion's clocks, in each
//! person's language) and the admins a digest; a complete, submitted company gets none; nothing
//! is sent twice, even by two servers on one database; a round missed while no server ran is
//! sent once on return, unless the deadline passed.

use pavilion_tests::images::png;
use pavilion_tests::smtp::Received;
use pavilion_tests::{TestApp, TestDb, Tokens, spawn_app_with, test_settings};
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

/// A server whose reminder task looks every `interval_ms` (0: never). Invitations last 30 days,
/// so that an invited contact is still waiting when the clock reaches the deadline.
async fn app_with_reminders(interval_ms: u64) -> TestApp {
    let db = TestDb::fresh();
    let settings = pavilion_core::config::Settings {
        reminder_interval_ms: interval_ms,
        invitation_ttl_hours: 30 * 24,
        ..test_settings(&db)
    };
    spawn_app_with(db, settings).await
}

struct Pavilion {
    /// The deadline on the pavilion's clocks.
    deadline: String,
}

/// pav-a in Shanghai time (UTC+8, no summer time), its deadline 20 days ahead, with an admin
/// and four companies: a draft with an account reading Simplified Chinese, one whose contact is
/// only invited, one with nobody to write to, and one complete and submitted (nothing to remind
/// it of).
async fn pavilion(app: &TestApp) -> Pavilion {
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "pav-a", "active").await;
    let now = pavilion_core::clock::Clock::now(&app.clock);
    let deadline = now + chrono::Duration::days(20);
    app.patch(
        "/api/v1/pavilions/pav-a",
        Some(&organiser.access),
        json!({"profile_deadline": deadline.to_rfc3339(), "time_zone": "Asia/Shanghai"}),
    )
    .await
    .expect(200);
    let admin = app.member(&organiser.access, "pav-a", "admin@pav-a.example", "pavilion_admin").await;
    let draft = app
        .create_exhibitor(&admin.access, "pav-a", json!({"name": {"en": "Draft Films", "zh-Hans": "草稿影业"}}))
        .await;
    let member: Tokens = app.exhibitor_member(&admin.access, "pav-a", &draft, "member@draft.example").await;
    app.patch("/api/v1/me", Some(&member.access), json!({"locale": "zh-Hans"})).await.expect(200);
    let before = app.smtp.received().len();
    app.create_exhibitor(
        &admin.access,
        "pav-a",
        json!({"name": {"en": "Invited Pictures"}, "contact_email": "contact@invited.example"}),
    )
    .await;
    app.smtp.wait_for_recipient("contact@invited.example", before).await;
    app.create_exhibitor(&admin.access, "pav-a", json!({"name": {"en": "Nobody Films"}})).await;
    let done = app
        .create_exhibitor(
            &admin.access,
            "pav-a",
            json!({"name": {"en": "Done Films", "zh-Hans": "完成影业", "zh-Hant": "完成影業"},
                   "description": {"en": "Films.", "zh-Hans": "电影。", "zh-Hant": "電影。"},
                   "company_type": "production", "website": "https://done.example", "city": {"en": "Hangzhou"},
                   "contacts": [{"name": "Done Desk", "email": "desk@done.example", "public": true}],
                   "languages": ["en"]}),
        )
        .await;
    let company = format!("/api/v1/pavilions/pav-a/exhibitors/{done}");
    app.put_raw(&format!("{company}/logo"), Some(&admin.access), "image/png", png(40, 20)).await.expect(200);
    app.post(
        &format!("{company}/works"),
        Some(&admin.access),
        json!({"title": {"en": "Done"}, "kind": "feature", "production_status": "completed"}),
    )
    .await
    .expect(201);
    let before = app.smtp.received().len();
    let submitted = app.post(&format!("{company}/submit"), Some(&admin.access), json!({})).await.expect(200).body;
    assert_eq!(submitted["review"]["completeness"]["score"], 100, "{submitted}");
    // The admins' notice of the submission is out before reminders are counted.
    app.smtp.wait_for_recipient("admin@pav-a.example", before).await;
    Pavilion { deadline: (deadline + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M").to_string() }
}

fn to(received: &[Received], address: &str) -> Vec<Received> {
    received.iter().filter(|mail| mail.to.iter().any(|to| to.contains(address))).cloned().collect()
}

/// Messages received after the first `skip`, once none arrived for half a second.
async fn settled(app: &TestApp, skip: usize) -> Vec<Received> {
    let mut seen = app.smtp.received().len();
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = app.smtp.received().len();
        if now == seen {
            return app.smtp.received().into_iter().skip(skip).collect();
        }
        seen = now;
    }
}

#[tokio::test]
async fn each_offset_reminds_the_companies_not_done_once_with_a_digest_for_the_admins() {
    let app = app_with_reminders(50).await;
    let pavilion = pavilion(&app).await;
    let before = app.smtp.received().len();
    // Nothing is due 20 days before.
    assert!(settled(&app, before).await.is_empty());

    // 14 days before (and a minute): the first round.
    app.clock.advance(chrono::Duration::days(6) + chrono::Duration::minutes(1));
    app.smtp.wait_for_recipient("admin@pav-a.example", before).await;
    let first = settled(&app, before).await;
    assert_eq!(first.len(), 3, "{:?}", first.iter().map(|m| m.to.clone()).collect::<Vec<_>>());
    let member = &to(&first, "member@draft.example")[0];
    let subject = format!("pav-a馆：请在 {} 前完成草稿影业的资料", pavilion.deadline);
    assert_eq!(member.header("Subject"), Some(subject));
    let text = member.body("text/plain");
    assert!(text.contains("（Asia/Shanghai），还有 14 天"), "{text}");
    assert!(text.contains("草稿影业尚未提交审核"), "{text}");
    assert!(text.contains("- 三种语言的简介"), "{text}");
    let invited = &to(&first, "contact@invited.example")[0];
    assert!(invited.body("text/plain").contains("in 14 days"));
    let digest = to(&first, "admin@pav-a.example")[0].body("text/plain");
    assert!(digest.contains("- Draft Films: 9 missing, not submitted"), "{digest}");
    assert!(digest.contains("- Invited Pictures: 9 missing, not submitted"), "{digest}");
    assert!(
        digest.contains("- Nobody Films: 9 missing, not submitted (nobody to write to: invite a contact)"),
        "{digest}"
    );
    let subject = to(&first, "admin@pav-a.example")[0].header("Subject").unwrap();
    assert_eq!(subject, "pav-a Pavilion: 2 companies reminded of the deadline");
    assert!(!digest.contains("Done Films"), "{digest}");
    assert!(to(&first, "desk@done.example").is_empty());

    // The delivery log shows them as their own kinds (a new login: the clock moved on).
    let organiser = app.organiser().await;
    let log = app.get("/api/v1/pavilions/pav-a/emails?limit=10", Some(&organiser.access)).await.expect(200);
    let kinds: Vec<&str> = log.body["items"].as_array().unwrap().iter().filter_map(|m| m["kind"].as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "deadline_reminder").count(), 2, "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "reminder_digest").count(), 1, "{kinds:?}");

    // A day later nothing new; at 3 days before, the second round, once.
    app.clock.advance(chrono::Duration::days(1));
    let before = app.smtp.received().len();
    assert!(settled(&app, before).await.is_empty());
    app.clock.advance(chrono::Duration::days(10));
    app.smtp.wait_for_recipient("admin@pav-a.example", before).await;
    let second = settled(&app, before).await;
    assert_eq!(second.len(), 3);
    assert!(to(&second, "member@draft.example")[0].body("text/plain").contains("还有 3 天"));

    // The audit log records both rounds.
    let organiser = app.organiser().await;
    let audit = app.get("/api/v1/pavilions/pav-a/audit?action=reminders_sent", Some(&organiser.access)).await;
    assert_eq!(audit.expect(200).body["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn two_servers_on_one_database_send_each_round_once() {
    // The first server has reminders off: the two others reach the round at once.
    let app = app_with_reminders(0).await;
    pavilion(&app).await;
    let before = app.smtp.received().len();
    // Two more servers on the same database, the same clock and the same SMTP server, each
    // looking every 20 ms.
    let settings = pavilion_core::config::Settings { reminder_interval_ms: 20, ..app.settings.clone() };
    let _others = [app.replica_with(settings.clone()).await, app.replica_with(settings).await];
    app.clock.advance(chrono::Duration::days(6) + chrono::Duration::minutes(1));
    app.smtp.wait_for_recipient("admin@pav-a.example", before).await;
    let first = settled(&app, before).await;
    assert_eq!(first.len(), 3, "{:?}", first.iter().map(|m| m.to.clone()).collect::<Vec<_>>());
    for address in ["member@draft.example", "contact@invited.example", "admin@pav-a.example"] {
        assert_eq!(to(&first, address).len(), 1, "{address}");
    }
}

#[tokio::test]
async fn a_round_missed_while_down_is_sent_once_on_return_unless_the_deadline_passed() {
    // The server runs without reminders while the clock passes both offsets' times.
    let app = app_with_reminders(0).await;
    pavilion(&app).await;
    app.clock.advance(chrono::Duration::days(18));
    let before = app.smtp.received().len();
    // A server with reminders comes up, 2 days before the deadline: the latest round only.
    let settings = pavilion_core::config::Settings { reminder_interval_ms: 20, ..app.settings.clone() };
    let server = pavilion_api::Application::build(settings.clone(), Arc::new(app.clock.clone())).await.expect("builds");
    let handle = server.handle();
    tokio::spawn(server.run_until_stopped());
    app.smtp.wait_for_recipient("admin@pav-a.example", before).await;
    let caught_up = settled(&app, before).await;
    assert_eq!(caught_up.len(), 3, "{:?}", caught_up.iter().map(|m| m.to.clone()).collect::<Vec<_>>());
    assert!(to(&caught_up, "contact@invited.example")[0].body("text/plain").contains("in 2 days"));
    drop(handle.stop(false));

    // A new deadline two days ahead, then the clock passes it before any server looks: nothing.
    let organiser = app.organiser().await;
    let now = pavilion_core::clock::Clock::now(&app.clock);
    let deadline = (now + chrono::Duration::days(1)).to_rfc3339();
    app.patch("/api/v1/pavilions/pav-a", Some(&organiser.access), json!({"profile_deadline": deadline}))
        .await
        .expect(200);
    app.clock.advance(chrono::Duration::days(2));
    let before = app.smtp.received().len();
    let server = pavilion_api::Application::build(settings, Arc::new(app.clock.clone())).await.expect("builds");
    let handle = server.handle();
    tokio::spawn(server.run_until_stopped());
    assert!(settled(&app, before).await.is_empty());
    drop(handle.stop(false));
}
