//! The audit log records security and administration events, per pavilion and market-wide.

use pavilion_tests::{PASSWORD, spawn_app};
use serde_json::{Value, json};

fn actions(page: &Value) -> Vec<String> {
    page["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn security_and_admin_events_are_recorded_with_actor_target_and_address() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.create_pavilion(&organiser.access, "beijing", "active").await;
    let lin = app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let wu = app.member(&lin.access, "hangzhou", "wu@hz.example", "pavilion_admin").await;
    let wu_id = app.get("/api/v1/me", Some(&wu.access)).await.expect(200).body["id"].as_str().unwrap().to_owned();
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, json!({"email": "lin@hz.example", "password": "wrong"}))
        .await
        .expect(401);
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, json!({"email": "lin@hz.example", "password": PASSWORD}))
        .await
        .expect(200);
    app.patch(&format!("/api/v1/pavilions/hangzhou/users/{wu_id}"), Some(&lin.access), json!({"disabled": true}))
        .await
        .expect(200);
    app.patch("/api/v1/pavilions/hangzhou", Some(&lin.access), json!({"location": "Hall 1"})).await.expect(200);
    app.post("/api/v1/pavilions/hangzhou/auth/password-reset", None, json!({"email": "lin@hz.example"}))
        .await
        .expect(202);
    app.member(&organiser.access, "beijing", "zhao@bj.example", "pavilion_admin").await;

    let log = app.get("/api/v1/pavilions/hangzhou/audit?limit=100", Some(&lin.access)).await.expect(200).body;
    let recorded = actions(&log);
    for expected in [
        "pavilion_updated",
        "user_disabled",
        "login_succeeded",
        "login_failed",
        "invitation_accepted",
        "invitation_sent",
        "password_reset_requested",
    ] {
        assert!(recorded.iter().any(|a| a == expected), "{expected} missing from {recorded:?}");
    }
    let pavilions: Vec<&Value> = log["items"].as_array().unwrap().iter().map(|e| &e["pavilion"]).collect();
    assert!(pavilions.iter().all(|p| *p == "hangzhou"), "hangzhou's log holds hangzhou's events only: {pavilions:?}");
    let disabled = log["items"].as_array().unwrap().iter().find(|e| e["action"] == "user_disabled").unwrap();
    assert_eq!(disabled["target"], wu_id.as_str());
    assert_eq!(disabled["ip"], "127.0.0.1");
    assert_eq!(disabled["pavilion"], "hangzhou");
    let failed = log["items"].as_array().unwrap().iter().find(|e| e["action"] == "login_failed").unwrap();
    assert_eq!((failed["target"].as_str(), &failed["actor_id"]), (Some("lin@hz.example"), &Value::Null));
    assert!(!log.to_string().contains("zhao@bj.example"), "no other pavilion's events");

    // Filters and paging.
    let only =
        app.get("/api/v1/pavilions/hangzhou/audit?action=login_failed", Some(&lin.access)).await.expect(200).body;
    assert_eq!(actions(&only), ["login_failed"]);
    let page = app.get("/api/v1/pavilions/hangzhou/audit?limit=2", Some(&lin.access)).await.expect(200).body;
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    assert!(page["next_cursor"].is_string());
    let future = app
        .get("/api/v1/pavilions/hangzhou/audit?since=2999-01-01T00:00:00Z", Some(&lin.access))
        .await
        .expect(200)
        .body;
    assert_eq!(future["items"], json!([]));
    app.get("/api/v1/pavilions/hangzhou/audit?action=teleported", Some(&lin.access)).await.expect(422);

    // The organiser sees the market; pavilion admins do not.
    let market = app.get("/api/v1/audit?limit=100", Some(&organiser.access)).await.expect(200).body;
    assert!(actions(&market).iter().any(|a| a == "pavilion_created"));
    let beijing = app.get("/api/v1/audit?pavilion=beijing&limit=100", Some(&organiser.access)).await.expect(200).body;
    assert!(beijing["items"].as_array().unwrap().iter().all(|e| e["pavilion"] == "beijing"));
    app.get("/api/v1/audit", Some(&lin.access)).await.expect(403);
    app.get("/api/v1/pavilions/beijing/audit", Some(&lin.access)).await.expect(404);
    app.get("/api/v1/audit", None).await.expect(401);
}
