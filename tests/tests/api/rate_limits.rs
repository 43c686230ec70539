//! Growing delays for repeated failed logins and reset requests; never a permanent lockout.

use pavilion_tests::{PASSWORD, Tokens, spawn_app};
use serde_json::json;

#[tokio::test]
async fn failed_logins_meet_growing_delays_that_end() {
    let app = spawn_app().await;
    app.create_organiser("chair@fair.example").await;
    for _ in 0..5 {
        app.login_organiser("chair@fair.example", "not the password").await.expect(401);
    }
    app.login_organiser("chair@fair.example", "not the password").await.expect(401);
    // Six failures: the account waits 1 s, even with the right password.
    let limited = app.login_organiser("chair@fair.example", PASSWORD).await.expect(429);
    assert_eq!(limited.header("retry-after"), Some("1"));
    insta::assert_json_snapshot!("rate_limited", limited.body);
    // Other accounts are not affected.
    app.create_organiser("deputy@fair.example").await;
    app.login_organiser("deputy@fair.example", PASSWORD).await.expect(200);

    app.clock.advance(chrono::Duration::seconds(1));
    app.login_organiser("chair@fair.example", "still wrong").await.expect(401);
    let longer = app.login_organiser("chair@fair.example", PASSWORD).await.expect(429);
    assert_eq!(longer.header("retry-after"), Some("2"), "the delay doubles");
    app.clock.advance(chrono::Duration::seconds(2));
    // The right password after the wait works, and clears the record.
    app.login_organiser("chair@fair.example", PASSWORD).await.expect(200);
    app.login_organiser("chair@fair.example", "wrong again").await.expect(401);
    app.login_organiser("chair@fair.example", PASSWORD).await.expect(200);
}

#[tokio::test]
async fn pavilion_logins_are_limited_per_pavilion_account() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let wrong = json!({"email": "lin@hz.example", "password": "nope"});
    for _ in 0..6 {
        app.post("/api/v1/pavilions/hangzhou/auth/login", None, wrong.clone()).await.expect(401);
    }
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, wrong).await.expect(429);
}

#[tokio::test]
async fn wrong_current_passwords_meet_the_same_delays_as_failed_logins() {
    let app = spawn_app().await;
    app.create_organiser("chair@fair.example").await;
    let me = Tokens::from(&app.login_organiser("chair@fair.example", PASSWORD).await.expect(200).body);
    let change = |current: &str| json!({"current_password": current, "new_password": "amber lantern crosses midnight"});
    for _ in 0..6 {
        app.post("/api/v1/me/password", Some(&me.access), change("a guess")).await.expect(422);
    }
    // Six wrong guesses: even the right password waits now.
    let limited = app.post("/api/v1/me/password", Some(&me.access), change(PASSWORD)).await.expect(429);
    assert_eq!(limited.header("retry-after"), Some("1"));
    app.clock.advance(chrono::Duration::seconds(1));
    app.post("/api/v1/me/password", Some(&me.access), change(PASSWORD)).await.expect(204);
}

#[tokio::test]
async fn reset_requests_are_limited_alike_for_known_and_unknown_addresses() {
    let app = spawn_app().await;
    app.create_organiser("chair@fair.example").await;
    for email in ["chair@fair.example", "nobody@fair.example"] {
        for _ in 0..3 {
            app.post("/api/v1/auth/password-reset", None, json!({"email": email})).await.expect(202);
        }
        let limited = app.post("/api/v1/auth/password-reset", None, json!({"email": email})).await.expect(429);
        assert_eq!(limited.header("retry-after"), Some("60"), "{email}");
    }
    app.clock.advance(chrono::Duration::seconds(60));
    app.post("/api/v1/auth/password-reset", None, json!({"email": "chair@fair.example"})).await.expect(202);
    // Three links were mailed before the limit, one after.
    assert_eq!(app.smtp.wait_for(4).await.len(), 4);
}

#[tokio::test]
async fn a_login_flood_past_the_hashing_queue_is_refused_at_once() {
    let db = pavilion_tests::TestDb::fresh();
    let settings = pavilion_core::config::Settings {
        hashing_threads: Some(1),
        hashing_queue: Some(1),
        ..pavilion_tests::test_settings(&db)
    };
    let app = pavilion_tests::spawn_app_with(db, settings).await;
    app.create_organiser("chair@fair.example").await;
    // Twenty logins at once against one place: the first is checked, most others are refused
    // while it hashes, and none waits in line.
    let logins = (0..20).map(|_| app.login_organiser("chair@fair.example", PASSWORD));
    let replies = futures_util::future::join_all(logins).await;
    let busy: Vec<_> = replies.iter().filter(|r| r.status.as_u16() == 503).collect();
    let ok = replies.iter().filter(|r| r.status.as_u16() == 200).count();
    assert_eq!(ok + busy.len(), 20, "only 200 or 503");
    assert!(ok >= 1 && !busy.is_empty(), "{ok} logged in, {} refused", busy.len());
    assert_eq!(busy[0].header("retry-after"), Some("1"));
    insta::assert_json_snapshot!("hashing_busy", busy[0].body);
    // Refusals are not failed logins: the account is not limited afterwards.
    app.login_organiser("chair@fair.example", PASSWORD).await.expect(200);
}
