//! Forgotten passwords: a link by email, single use, one hour; every session ends.

use pavilion_tests::{PASSWORD, Tokens, link_token, spawn_app};
use serde_json::json;

const NEW_PASSWORD: &str = "amber lantern crosses midnight";

#[tokio::test]
async fn a_pavilion_member_resets_a_forgotten_password() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let member = app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let before = app.smtp.received().len();

    app.post("/api/v1/pavilions/hangzhou/auth/password-reset", None, json!({"email": "LIN@hz.example"}))
        .await
        .expect(202);
    let mail = app.smtp.wait_for(before + 1).await;
    let reset = mail.last().unwrap();
    assert_eq!(reset.header("Subject").unwrap(), "Reset your hangzhou Pavilion password");
    let token = link_token(&reset.body("text/plain"), "/reset/");

    let confirm = |token: &str, password: &str| json!({"token": token, "password": password});
    let weak = app.post("/api/v1/auth/password-reset/confirm", None, confirm(&token, "password1234")).await.expect(422);
    assert_eq!(weak.body["errors"][0]["code"], "password_too_weak");
    app.post("/api/v1/auth/password-reset/confirm", None, confirm(&token, NEW_PASSWORD)).await.expect(204);

    // Every session ended; the old password is gone, the new one works.
    app.get("/api/v1/me", Some(&member.access)).await.expect(401);
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": member.refresh})).await.expect(401);
    let login = |password: &str| json!({"email": "lin@hz.example", "password": password});
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, login(PASSWORD)).await.expect(401);
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, login(NEW_PASSWORD)).await.expect(200);

    // The owner is told.
    let mail = app.smtp.wait_for(before + 2).await;
    assert_eq!(mail.last().unwrap().header("Subject").unwrap(), "Your hangzhou Pavilion password was changed");

    let used = app.post("/api/v1/auth/password-reset/confirm", None, confirm(&token, NEW_PASSWORD)).await.expect(410);
    insta::assert_json_snapshot!("reset_link_used", used.body);
    app.post("/api/v1/auth/password-reset/confirm", None, confirm("no-such-token", NEW_PASSWORD)).await.expect(404);
}

#[tokio::test]
async fn a_reset_link_used_twice_at_once_sets_one_password() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let before = app.smtp.received().len();
    app.post("/api/v1/pavilions/hangzhou/auth/password-reset", None, json!({"email": "lin@hz.example"}))
        .await
        .expect(202);
    let mail = app.smtp.wait_for(before + 1).await;
    let token = link_token(&mail.last().unwrap().body("text/plain"), "/reset/");

    const OTHER_PASSWORD: &str = "copper meadow whistles gently";
    let confirm = |password: &str| json!({"token": token, "password": password});
    let (first, second) = tokio::join!(
        app.post("/api/v1/auth/password-reset/confirm", None, confirm(NEW_PASSWORD)),
        app.post("/api/v1/auth/password-reset/confirm", None, confirm(OTHER_PASSWORD)),
    );
    let (winner, loser) = match (first.status.as_u16(), second.status.as_u16()) {
        (204, 410) => (NEW_PASSWORD, OTHER_PASSWORD),
        (410, 204) => (OTHER_PASSWORD, NEW_PASSWORD),
        statuses => panic!("expected one 204 and one 410, got {statuses:?}"),
    };
    let login = |password: &str| json!({"email": "lin@hz.example", "password": password});
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, login(loser)).await.expect(401);
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, login(winner)).await.expect(200);
}

#[tokio::test]
async fn unknown_accounts_get_the_same_answer_and_no_mail() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let before = app.smtp.received().len();
    for (path, email) in [
        ("/api/v1/pavilions/hangzhou/auth/password-reset", "nobody@hz.example"),
        ("/api/v1/pavilions/nowhere/auth/password-reset", "nobody@hz.example"),
        ("/api/v1/pavilions/hangzhou/auth/password-reset", "not an address"),
        ("/api/v1/auth/password-reset", "nobody@fair.example"),
    ] {
        let reply = app.post(path, None, json!({"email": email})).await.expect(202);
        assert_eq!(reply.text, "", "{path}");
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.smtp.received().len(), before, "no mail for accounts that do not exist");
}

#[tokio::test]
async fn reset_links_expire_after_an_hour_and_organisers_reset_too() {
    let app = spawn_app().await;
    app.create_organiser("chair@fair.example").await;
    app.post("/api/v1/auth/password-reset", None, json!({"email": "chair@fair.example"})).await.expect(202);
    let late = link_token(&app.smtp.wait_for(1).await[0].body("text/plain"), "/reset/");
    app.clock.advance(chrono::Duration::minutes(61));
    let expired = app
        .post("/api/v1/auth/password-reset/confirm", None, json!({"token": late, "password": NEW_PASSWORD}))
        .await
        .expect(410);
    assert_eq!(expired.body["code"], "reset_link_expired");

    app.post("/api/v1/auth/password-reset", None, json!({"email": "chair@fair.example"})).await.expect(202);
    let fresh = link_token(&app.smtp.wait_for(2).await[1].body("text/plain"), "/reset/");
    app.post("/api/v1/auth/password-reset/confirm", None, json!({"token": fresh, "password": NEW_PASSWORD}))
        .await
        .expect(204);
    let tokens = Tokens::from(&app.login_organiser("chair@fair.example", NEW_PASSWORD).await.expect(200).body);
    app.get("/api/v1/me", Some(&tokens.access)).await.expect(200);
}

#[tokio::test]
async fn a_new_reset_request_replaces_the_links_sent_before_it() {
    let app = spawn_app().await;
    app.create_organiser("chair@fair.example").await;
    let mut tokens = Vec::new();
    for sent in 1..=3 {
        app.post("/api/v1/auth/password-reset", None, json!({"email": "chair@fair.example"})).await.expect(202);
        let mail = app.smtp.wait_for(sent).await;
        tokens.push(link_token(&mail.last().unwrap().body("text/plain"), "/reset/"));
    }
    let confirm = |token: &str| json!({"token": token, "password": NEW_PASSWORD});
    for older in &tokens[..2] {
        let replaced = app.post("/api/v1/auth/password-reset/confirm", None, confirm(older)).await.expect(410);
        assert_eq!(replaced.body["code"], "reset_link_replaced");
    }
    insta::assert_json_snapshot!(
        "reset_link_replaced",
        app.post("/api/v1/auth/password-reset/confirm", None, confirm(&tokens[0])).await.body
    );
    app.post("/api/v1/auth/password-reset/confirm", None, confirm(&tokens[2])).await.expect(204);
    app.smtp.wait_for(4).await; // the "password changed" notice
    // A completed reset leaves no link working, the latest included.
    let used = app.post("/api/v1/auth/password-reset/confirm", None, confirm(&tokens[2])).await.expect(410);
    assert_eq!(used.body["code"], "reset_link_used");
}
