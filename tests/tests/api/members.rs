//! A pavilion's admins manage its accounts.

use pavilion_tests::{PASSWORD, spawn_app};
use serde_json::json;

#[tokio::test]
async fn admins_disable_and_re_enable_accounts_but_never_the_last_admin() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.create_pavilion(&organiser.access, "beijing", "active").await;
    let lin = app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let list = app.get("/api/v1/pavilions/hangzhou/users", Some(&lin.access)).await.expect(200).body;
    let lin_id = list["items"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(list["items"][0]["role"], "pavilion_admin");

    // Alone, Lin cannot be disabled: not by themselves, not by the organiser.
    let path = format!("/api/v1/pavilions/hangzhou/users/{lin_id}");
    let own = app.patch(&path, Some(&lin.access), json!({"disabled": true})).await.expect(409);
    assert!(own.body["detail"].as_str().unwrap().contains("your own account"));
    let last = app.patch(&path, Some(&organiser.access), json!({"disabled": true})).await.expect(409);
    assert!(last.body["detail"].as_str().unwrap().contains("last enabled admin"));

    // With a second admin, Lin disables them; their sessions end at once.
    let wu = app.member(&lin.access, "hangzhou", "wu@hz.example", "pavilion_admin").await;
    let wu_id = app.get("/api/v1/me", Some(&wu.access)).await.expect(200).body["id"].as_str().unwrap().to_owned();
    let wu_path = format!("/api/v1/pavilions/hangzhou/users/{wu_id}");
    let disabled = app.patch(&wu_path, Some(&lin.access), json!({"disabled": true})).await.expect(200).body;
    assert_eq!(disabled["disabled"], true);
    app.get("/api/v1/me", Some(&wu.access)).await.expect(401);
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": wu.refresh})).await.expect(401);
    let login = json!({"email": "wu@hz.example", "password": PASSWORD});
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, login.clone()).await.expect(401);

    app.patch(&wu_path, Some(&lin.access), json!({"disabled": false})).await.expect(200);
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, login).await.expect(200);

    // Another pavilion's admin cannot see or touch them.
    let bj = app.member(&organiser.access, "beijing", "zhao@bj.example", "pavilion_admin").await;
    app.get("/api/v1/pavilions/hangzhou/users", Some(&bj.access)).await.expect(404);
    app.patch(&wu_path, Some(&bj.access), json!({"disabled": true})).await.expect(404);
    app.patch(&format!("/api/v1/pavilions/beijing/users/{wu_id}"), Some(&bj.access), json!({"disabled": true}))
        .await
        .expect(404);
    app.get("/api/v1/pavilions/hangzhou/users", None).await.expect(401);
}
