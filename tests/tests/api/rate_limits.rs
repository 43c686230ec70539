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
    // An attempt is counted before its check, so while the first ones are in flight the
    // account's place runs out for the rest (429); the refused ones are given back.
    let limited = replies.iter().filter(|r| r.status.as_u16() == 429).count();
    assert_eq!(ok + busy.len() + limited, 20, "only 200, 503 or 429");
    assert!(ok >= 1 && !busy.is_empty(), "{ok} logged in, {} refused", busy.len());
    assert_eq!(busy[0].header("retry-after"), Some("1"));
    insta::assert_json_snapshot!("hashing_busy", busy[0].body);
    // Refusals are not failed logins: the account is not limited afterwards.
    app.login_organiser("chair@fair.example", PASSWORD).await.expect(200);
}

/// A server whose hashing queue holds every attempt of a burst, so none is refused as busy and
/// only the limits decide.
async fn spawn_with_deep_hashing_queue() -> pavilion_tests::TestApp {
    let db = pavilion_tests::TestDb::fresh();
    let settings = pavilion_core::config::Settings { hashing_queue: Some(100), ..pavilion_tests::test_settings(&db) };
    pavilion_tests::spawn_app_with(db, settings).await
}

fn count(replies: &[pavilion_tests::Reply], status: u16) -> usize {
    replies.iter().filter(|r| r.status.as_u16() == status).count()
}

#[tokio::test]
async fn wrong_passwords_sent_together_cost_as_many_as_sent_in_a_row() {
    let app = spawn_with_deep_hashing_queue().await;
    app.create_organiser("chair@fair.example").await;
    let guesses =
        (0..40).map(|i| app.login_organiser("chair@fair.example", if i % 2 == 0 { "guess one" } else { "guess two" }));
    let replies = futures_util::future::join_all(guesses).await;
    // Five free failures and the sixth that starts the delay, as in a row; the other 34 wait.
    assert_eq!(
        (count(&replies, 401), count(&replies, 429)),
        (6, 34),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    app.login_organiser("chair@fair.example", PASSWORD).await.expect(429);
}

#[tokio::test]
async fn wrong_current_passwords_sent_together_cost_as_many_as_sent_in_a_row() {
    let app = spawn_with_deep_hashing_queue().await;
    app.create_organiser("chair@fair.example").await;
    let me = Tokens::from(&app.login_organiser("chair@fair.example", PASSWORD).await.expect(200).body);
    let change = json!({"current_password": "a guess", "new_password": "amber lantern crosses midnight"});
    let guesses = (0..20).map(|_| app.post("/api/v1/me/password", Some(&me.access), change.clone()));
    let replies = futures_util::future::join_all(guesses).await;
    assert_eq!((count(&replies, 422), count(&replies, 429)), (6, 14));
}

#[tokio::test]
async fn reset_requests_sent_together_are_limited_like_requests_in_a_row() {
    let app = spawn_app().await;
    app.create_organiser("chair@fair.example").await;
    let requests =
        (0..10).map(|_| app.post("/api/v1/auth/password-reset", None, json!({"email": "chair@fair.example"})));
    let replies = futures_util::future::join_all(requests).await;
    assert_eq!((count(&replies, 202), count(&replies, 429)), (3, 7));
    assert_eq!(app.smtp.wait_for(3).await.len(), 3);
}

#[tokio::test]
async fn failures_spread_over_two_replicas_meet_the_same_delays_as_on_one() {
    let app = spawn_app().await;
    if !app.db.is_postgres() {
        // One SQLite database is served by one process: there are no replicas to share with.
        eprintln!("failures_spread_over_two_replicas_meet_the_same_delays_as_on_one: skipped on SQLite (no replicas)");
        return;
    }
    app.create_organiser("chair@fair.example").await;
    let replica = app.replica().await;
    let login = |address: String, password: &'static str| {
        let client = app.client.clone();
        async move {
            let body = json!({"email": "chair@fair.example", "password": password});
            let response = client.post(format!("{address}/api/v1/auth/login")).json(&body).send().await.unwrap();
            pavilion_tests::Reply::read(response).await
        }
    };
    // Six failures, alternating between the replicas: the account then waits 1 s on both.
    for attempt in 0..6 {
        let address = if attempt % 2 == 0 { &app.address } else { &replica.address };
        login(address.clone(), "not the password").await.expect(401);
    }
    for address in [&app.address, &replica.address] {
        let limited = login(address.clone(), PASSWORD).await.expect(429);
        assert_eq!(limited.header("retry-after"), Some("1"), "{address}");
    }
    // Guesses sent together to both replicas each take their own place: one more failure
    // after the wait, then the doubled delay for all the rest.
    app.clock.advance(chrono::Duration::seconds(1));
    let guesses =
        (0..20).map(|i| login(if i % 2 == 0 { app.address.clone() } else { replica.address.clone() }, "guess"));
    let replies = futures_util::future::join_all(guesses).await;
    assert_eq!((count(&replies, 401), count(&replies, 429)), (1, 19));
    // A success on one replica clears the record for both.
    app.clock.advance(chrono::Duration::seconds(2));
    login(replica.address.clone(), PASSWORD).await.expect(200);
    login(app.address.clone(), "wrong again").await.expect(401);
    login(app.address.clone(), PASSWORD).await.expect(200);
}
