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

#[tokio::test]
async fn admins_change_roles_between_admin_and_exhibitor_with_effect_at_once() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.create_pavilion(&organiser.access, "beijing", "active").await;
    let lin = app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let wu = app.member(&lin.access, "hangzhou", "wu@hz.example", "pavilion_admin").await;
    let id_of = |tokens: &pavilion_tests::Tokens| {
        let app = &app;
        let access = tokens.access.clone();
        async move { app.get("/api/v1/me", Some(&access)).await.expect(200).body["id"].as_str().unwrap().to_owned() }
    };
    let (lin_id, wu_id) = (id_of(&lin).await, id_of(&wu).await);
    let company = app.create_exhibitor(&lin.access, "hangzhou", json!({"name": {"en": "West Lake Films"}})).await;
    let beijing_company = app.create_exhibitor(&organiser.access, "beijing", json!({"name": {"en": "Bj Co"}})).await;
    let wu_path = format!("/api/v1/pavilions/hangzhou/users/{wu_id}");

    // An exhibitor needs a company of this pavilion.
    let missing = app.patch(&wu_path, Some(&lin.access), json!({"role": "exhibitor"})).await.expect(422);
    assert_eq!(missing.body["errors"][0]["field"], "exhibitor_id");
    let foreign = json!({"role": "exhibitor", "exhibitor_id": beijing_company});
    let foreign = app.patch(&wu_path, Some(&lin.access), foreign).await.expect(422);
    assert_eq!(foreign.body["errors"][0]["code"], "unknown_exhibitor");
    app.patch(&wu_path, Some(&lin.access), json!({"role": "organiser"})).await.expect(422);
    app.patch(&wu_path, Some(&lin.access), json!({})).await.expect(422);

    // Wu becomes an exhibitor of the company: from the next request, with its session kept.
    let moved = json!({"role": "exhibitor", "exhibitor_id": company});
    let changed = app.patch(&wu_path, Some(&lin.access), moved).await.expect(200).body;
    assert_eq!(
        (changed["role"].as_str(), changed["exhibitor_id"].as_str()),
        (Some("exhibitor"), Some(company.as_str()))
    );
    let me = app.get("/api/v1/me", Some(&wu.access)).await.expect(200).body;
    assert_eq!(me["role"], "exhibitor");
    app.get("/api/v1/pavilions/hangzhou/users", Some(&wu.access)).await.expect(403);
    app.patch(&format!("/api/v1/pavilions/hangzhou/exhibitors/{company}"), Some(&wu.access), json!({"booth": "A1"}))
        .await
        .expect(200);

    // Lin is now the last admin: neither they nor the organiser can demote them.
    let lin_path = format!("/api/v1/pavilions/hangzhou/users/{lin_id}");
    let demote = json!({"role": "exhibitor", "exhibitor_id": company});
    let own = app.patch(&lin_path, Some(&lin.access), demote.clone()).await.expect(409);
    assert!(own.body["detail"].as_str().unwrap().contains("your own role"), "{}", own.text);
    let last = app.patch(&lin_path, Some(&organiser.access), demote).await.expect(409);
    assert!(last.body["detail"].as_str().unwrap().contains("last enabled admin"), "{}", last.text);

    // And back: Wu is an admin again, and the audit log says who did it.
    let back = app.patch(&wu_path, Some(&organiser.access), json!({"role": "pavilion_admin"})).await.expect(200).body;
    assert!(back["exhibitor_id"].is_null());
    app.get("/api/v1/pavilions/hangzhou/users", Some(&wu.access)).await.expect(200);
    let audit =
        app.get("/api/v1/pavilions/hangzhou/audit?action=role_changed", Some(&lin.access)).await.expect(200).body;
    assert_eq!(audit["items"].as_array().unwrap().len(), 2);
    // Another pavilion's admin cannot change anyone here.
    let bj = app.member(&organiser.access, "beijing", "zhao@bj.example", "pavilion_admin").await;
    app.patch(&wu_path, Some(&bj.access), json!({"role": "pavilion_admin"})).await.expect(404);
}
