//! Pavilion accounts: invitations, acceptance, login at the pavilion, tenant isolation.

use pavilion_tests::{PASSWORD, Tokens, spawn_app};
use serde_json::json;

#[tokio::test]
async fn an_invited_admin_joins_logs_in_and_runs_only_their_pavilion() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "draft").await;
    app.create_pavilion(&organiser.access, "beijing", "draft").await;
    app.create_pavilion(&organiser.access, "shanghai", "active").await;

    let before = app.smtp.received().len();
    let invited = app
        .post(
            "/api/v1/pavilions/hangzhou/invitations",
            Some(&organiser.access),
            json!({"email": "Lin@HZ.example", "role": "pavilion_admin", "locale": "zh-Hans"}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(invited["email"], "lin@hz.example");
    assert!(invited.get("token").is_none(), "the token travels only by email");
    let mail = app.smtp.wait_for(before + 1).await;
    let message = mail.last().unwrap();
    assert_eq!(message.header("Subject").unwrap(), "Market Organiser邀请您加入hangzhou馆");
    let body = message.body("text/plain");
    assert!(body.contains("http://localhost:8080/invite/"), "{body}");
    let token = pavilion_tests::link_token(&body, "/invite/");
    assert!(token.len() >= 43, "at least 256 bits: {token}");

    let admin = Tokens::from(
        &app.post("/api/v1/invitations/accept", None, json!({"token": token, "name": "Lin Wei", "password": PASSWORD}))
            .await
            .expect(200)
            .body,
    );
    let me = app.get("/api/v1/me", Some(&admin.access)).await.expect(200).body;
    assert_eq!(
        (me["role"].as_str(), me["pavilion"].as_str(), me["locale"].as_str()),
        (Some("pavilion_admin"), Some("hangzhou"), Some("zh-Hans"))
    );

    // Logs in at its own pavilion only.
    let login = json!({"email": "lin@hz.example", "password": PASSWORD});
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, login.clone()).await.expect(200);
    app.post("/api/v1/pavilions/beijing/auth/login", None, login.clone()).await.expect(401);
    app.post("/api/v1/pavilions/nowhere/auth/login", None, login.clone()).await.expect(401);
    app.post("/api/v1/auth/login", None, login).await.expect(401);

    // Sees and edits its own draft pavilion, with its email identity; not its status.
    let own = app.get("/api/v1/pavilions/hangzhou", Some(&admin.access)).await.expect(200).body;
    assert!(own.get("email_identity").is_some());
    app.patch("/api/v1/pavilions/hangzhou", Some(&admin.access), json!({"location": "Hall 1"})).await.expect(200);
    app.patch("/api/v1/pavilions/hangzhou", Some(&admin.access), json!({"status": "active"})).await.expect(403);
    // Another pavilion's draft does not exist for it; an active one it may read, but to edit
    // or manage it is another tenant's business: 404, as if it did not exist.
    app.get("/api/v1/pavilions/beijing", Some(&admin.access)).await.expect(404);
    app.patch("/api/v1/pavilions/beijing", Some(&admin.access), json!({"location": "x"})).await.expect(404);
    app.patch("/api/v1/pavilions/shanghai", Some(&admin.access), json!({"location": "x"})).await.expect(404);
    app.get("/api/v1/pavilions/beijing/emails", Some(&admin.access)).await.expect(404);
    app.get("/api/v1/pavilions/beijing/invitations", Some(&admin.access)).await.expect(404);
    app.get("/api/v1/emails", Some(&admin.access)).await.expect(403);
    app.post(
        "/api/v1/pavilions",
        Some(&admin.access),
        json!({"slug": "x1", "name": {"en": "x"}, "region": {"en": "x"}}),
    )
    .await
    .expect(403);
    // Its own pavilion's list: draft pavilions are not public, so it sees the active ones only.
    let list = app.get("/api/v1/pavilions", Some(&admin.access)).await.expect(200).body;
    assert!(list["items"].as_array().unwrap().iter().all(|p| p["status"] == "active"));

    // An admin invites further admins of its pavilion, not of another.
    app.invite(&admin.access, "hangzhou", "second@hz.example", "pavilion_admin").await;
    app.post(
        "/api/v1/pavilions/beijing/invitations",
        Some(&admin.access),
        json!({"email": "x@y.example", "role": "pavilion_admin"}),
    )
    .await
    .expect(404);
}

#[tokio::test]
async fn the_same_address_in_two_pavilions_is_two_accounts() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.create_pavilion(&organiser.access, "fujian", "active").await;
    let hz = app.member(&organiser.access, "hangzhou", "ann@studio.example", "pavilion_admin").await;
    let fj = app.member(&organiser.access, "fujian", "ann@studio.example", "pavilion_admin").await;
    let hz_me = app.get("/api/v1/me", Some(&hz.access)).await.expect(200).body;
    let fj_me = app.get("/api/v1/me", Some(&fj.access)).await.expect(200).body;
    assert_ne!(hz_me["id"], fj_me["id"]);
    assert_eq!((hz_me["pavilion"].as_str(), fj_me["pavilion"].as_str()), (Some("hangzhou"), Some("fujian")));
    // Each session is worth nothing at the other pavilion.
    app.patch("/api/v1/pavilions/fujian", Some(&hz.access), json!({"location": "x"})).await.expect(404);
    app.get("/api/v1/pavilions/fujian/invitations", Some(&hz.access)).await.expect(404);
}

#[tokio::test]
async fn invitation_links_are_single_use_replaceable_revocable_and_expire() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let accept = |token: &str| json!({"token": token, "name": "Lin Wei", "password": PASSWORD});

    // Re-inviting replaces the old link.
    let first = app.invite(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let second = app.invite(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let open = app.get("/api/v1/pavilions/hangzhou/invitations", Some(&organiser.access)).await.expect(200).body;
    assert_eq!(open["items"].as_array().unwrap().len(), 1);
    let revoked = app.post("/api/v1/invitations/accept", None, accept(&first)).await.expect(410);
    insta::assert_json_snapshot!("invitation_revoked", revoked.body);

    // Weak password: 422, and the link still works afterwards.
    let weak = app
        .post(
            "/api/v1/invitations/accept",
            None,
            json!({"token": second, "name": "Lin Wei", "password": "password1234"}),
        )
        .await
        .expect(422);
    assert_eq!(weak.body["errors"][0]["code"], "password_too_weak");
    app.post("/api/v1/invitations/accept", None, accept(&second)).await.expect(200);
    let used = app.post("/api/v1/invitations/accept", None, accept(&second)).await.expect(410);
    assert_eq!(used.body["code"], "invitation_used");
    // An account exists now: inviting it again is a conflict.
    app.post(
        "/api/v1/pavilions/hangzhou/invitations",
        Some(&organiser.access),
        json!({"email": "lin@hz.example", "role": "pavilion_admin"}),
    )
    .await
    .expect(409);

    // Expiry after 72 hours.
    let late = app.invite(&organiser.access, "hangzhou", "late@hz.example", "pavilion_admin").await;
    app.clock.advance(chrono::Duration::hours(72) + chrono::Duration::seconds(1));
    let expired = app.post("/api/v1/invitations/accept", None, accept(&late)).await.expect(410);
    assert_eq!(expired.body["code"], "invitation_expired");
    // Three days on, the organiser's access token has long expired; its session has not.
    let organiser = Tokens::from(
        &app.post("/api/v1/auth/refresh", None, json!({"refresh_token": organiser.refresh})).await.expect(200).body,
    );

    // Revocation by an admin.
    let withdrawn = app.invite(&organiser.access, "hangzhou", "gone@hz.example", "pavilion_admin").await;
    let open = app.get("/api/v1/pavilions/hangzhou/invitations", Some(&organiser.access)).await.expect(200).body;
    let id = open["items"].as_array().unwrap().iter().find(|i| i["email"] == "gone@hz.example").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.request(
        reqwest::Method::DELETE,
        &format!("/api/v1/pavilions/hangzhou/invitations/{id}"),
        Some(&organiser.access),
        None,
    )
    .await
    .expect(204);
    app.request(
        reqwest::Method::DELETE,
        &format!("/api/v1/pavilions/hangzhou/invitations/{id}"),
        Some(&organiser.access),
        None,
    )
    .await
    .expect(404);
    app.post("/api/v1/invitations/accept", None, accept(&withdrawn)).await.expect(410);
    app.post("/api/v1/invitations/accept", None, accept("no-such-token")).await.expect(404);
}

#[tokio::test]
async fn an_invitation_accepted_twice_at_once_makes_one_account() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let token = app.invite(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let accept = |name: &str| json!({"token": token, "name": name, "password": PASSWORD});
    let (first, second) = tokio::join!(
        app.post("/api/v1/invitations/accept", None, accept("Lin Wei")),
        app.post("/api/v1/invitations/accept", None, accept("Lin Wei Two")),
    );
    let mut statuses = [first.status.as_u16(), second.status.as_u16()];
    statuses.sort();
    // The loser finds the invitation used (410), or, if both passed the first check, the account
    // already made (409).
    assert!(matches!(statuses, [200, 409] | [200, 410]), "{statuses:?}");
    let users = app.get("/api/v1/pavilions/hangzhou/users", Some(&organiser.access)).await.expect(200).body;
    let lins = users["items"].as_array().unwrap().iter().filter(|u| u["email"] == "lin@hz.example").count();
    assert_eq!(lins, 1);
}

#[tokio::test]
async fn invitation_requests_are_validated() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let reply = app
        .post(
            "/api/v1/pavilions/hangzhou/invitations",
            Some(&organiser.access),
            json!({"email": "nope", "role": "boss", "locale": "fr"}),
        )
        .await
        .expect(422);
    let fields: Vec<&str> =
        reply.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["email", "role", "locale"]);
    app.post("/api/v1/pavilions/hangzhou/invitations", None, json!({"email": "a@b.example", "role": "pavilion_admin"}))
        .await
        .expect(401);
}

#[tokio::test]
async fn reusing_a_rotated_refresh_token_ends_the_session() {
    let app = spawn_app().await;
    let first = app.organiser().await;
    let second = Tokens::from(
        &app.post("/api/v1/auth/refresh", None, json!({"refresh_token": first.refresh})).await.expect(200).body,
    );
    // Someone replays the old token: refused, and the whole session ends.
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": first.refresh})).await.expect(401);
    app.get("/api/v1/me", Some(&second.access)).await.expect(401);
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": second.refresh})).await.expect(401);
}
