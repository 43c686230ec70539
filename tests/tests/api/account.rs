//! Your own account: name, language, password, sessions.

use pavilion_tests::{PASSWORD, Tokens, spawn_app};
use reqwest::Method;
use serde_json::json;

const NEW_PASSWORD: &str = "amber lantern crosses midnight";

#[tokio::test]
async fn name_and_language_change() {
    let app = spawn_app().await;
    let me = app.organiser().await;
    let updated = app.patch("/api/v1/me", Some(&me.access), json!({"locale": "zh-Hant"})).await.expect(200).body;
    assert_eq!((updated["locale"].as_str(), updated["name"].as_str()), (Some("zh-Hant"), Some("Market Organiser")));
    let renamed = app.patch("/api/v1/me", Some(&me.access), json!({"name": "  Chen Jing "})).await.expect(200).body;
    assert_eq!((renamed["locale"].as_str(), renamed["name"].as_str()), (Some("zh-Hant"), Some("Chen Jing")));
    let invalid = app.patch("/api/v1/me", Some(&me.access), json!({"name": "", "locale": "fr"})).await.expect(422);
    let fields: Vec<&str> =
        invalid.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "locale"]);
    app.patch("/api/v1/me", None, json!({"name": "x"})).await.expect(401);
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = spawn_app().await;
    app.create_organiser("chair@fair.example").await;
    let laptop = Tokens::from(&app.login_organiser("chair@fair.example", PASSWORD).await.expect(200).body);
    let phone = Tokens::from(&app.login_organiser("chair@fair.example", PASSWORD).await.expect(200).body);

    let wrong = app
        .post(
            "/api/v1/me/password",
            Some(&laptop.access),
            json!({"current_password": "guess", "new_password": NEW_PASSWORD}),
        )
        .await
        .expect(422);
    assert_eq!(wrong.body["errors"][0]["field"], "current_password");
    let weak = app
        .post(
            "/api/v1/me/password",
            Some(&laptop.access),
            json!({"current_password": PASSWORD, "new_password": "password1234"}),
        )
        .await
        .expect(422);
    assert_eq!(weak.body["errors"][0]["field"], "new_password");

    app.post(
        "/api/v1/me/password",
        Some(&laptop.access),
        json!({"current_password": PASSWORD, "new_password": NEW_PASSWORD}),
    )
    .await
    .expect(204);
    app.get("/api/v1/me", Some(&laptop.access)).await.expect(200);
    app.get("/api/v1/me", Some(&phone.access)).await.expect(401);
    app.login_organiser("chair@fair.example", PASSWORD).await.expect(401);
    app.login_organiser("chair@fair.example", NEW_PASSWORD).await.expect(200);
}

#[tokio::test]
async fn of_two_simultaneous_password_changes_one_wins_and_the_other_is_refused() {
    // Both prove the same current password. Usually both are checked before either is written
    // (the hashes queue on the hashing pool), and the second write must see that the password it
    // proved is no longer current: 409. If the second is checked after the first write, its
    // current password is simply wrong: 422. Either way, one password wins.
    let app = spawn_app().await;
    app.create_organiser("chair@fair.example").await;
    let me = Tokens::from(&app.login_organiser("chair@fair.example", PASSWORD).await.expect(200).body);
    let change = |new: &str| json!({"current_password": PASSWORD, "new_password": new});
    const OTHER_PASSWORD: &str = "copper meadow whistles gently";
    let (first, second) = tokio::join!(
        app.post("/api/v1/me/password", Some(&me.access), change(NEW_PASSWORD)),
        app.post("/api/v1/me/password", Some(&me.access), change(OTHER_PASSWORD)),
    );
    let (winner, loser) = match (first.status.as_u16(), second.status.as_u16()) {
        (204, 409 | 422) => (NEW_PASSWORD, OTHER_PASSWORD),
        (409 | 422, 204) => (OTHER_PASSWORD, NEW_PASSWORD),
        statuses => panic!("expected one 204 and one refusal, got {statuses:?}"),
    };
    app.login_organiser("chair@fair.example", loser).await.expect(401);
    app.login_organiser("chair@fair.example", PASSWORD).await.expect(401);
    app.login_organiser("chair@fair.example", winner).await.expect(200);
}

#[tokio::test]
async fn sessions_are_listed_and_revocable_by_their_owner_only() {
    let app = spawn_app().await;
    app.create_organiser("chair@fair.example").await;
    let laptop = Tokens::from(&app.login_organiser("chair@fair.example", PASSWORD).await.expect(200).body);
    let phone = Tokens::from(
        &app.client
            .post(app.url("/api/v1/auth/login"))
            .header("user-agent", "PavilionPhone/1.0")
            .json(&json!({"email": "chair@fair.example", "password": PASSWORD}))
            .send()
            .await
            .unwrap()
            .json::<serde_json::Value>()
            .await
            .unwrap(),
    );
    let list = app.get("/api/v1/me/sessions", Some(&laptop.access)).await.expect(200).body;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let current: Vec<bool> = items.iter().map(|s| s["current"].as_bool().unwrap()).collect();
    assert_eq!(current.iter().filter(|c| **c).count(), 1);
    let phone_session = items.iter().find(|s| s["user_agent"] == "PavilionPhone/1.0").unwrap();
    assert_eq!(phone_session["ip"], "127.0.0.1");
    let phone_id = phone_session["id"].as_str().unwrap();

    // Another account cannot see or end it.
    let stranger = app.organiser().await;
    app.request(Method::DELETE, &format!("/api/v1/me/sessions/{phone_id}"), Some(&stranger.access), None)
        .await
        .expect(404);
    app.get("/api/v1/me", Some(&phone.access)).await.expect(200);

    app.request(Method::DELETE, &format!("/api/v1/me/sessions/{phone_id}"), Some(&laptop.access), None)
        .await
        .expect(204);
    app.get("/api/v1/me", Some(&phone.access)).await.expect(401);
    let list = app.get("/api/v1/me/sessions", Some(&laptop.access)).await.expect(200).body;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}
