//! The market overview: each pavilion's figures, counted by the database, and the totals; one
//! pavilion's for its admins.

use pavilion_tests::{PASSWORD, Tokens, spawn_app};
use serde_json::json;

#[tokio::test]
async fn the_overview_counts_each_pavilions_companies_works_reviews_and_mail() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "pav-a", "active").await;
    app.create_pavilion(&organiser.access, "pav-b", "draft").await;
    let login = |slug: &'static str| {
        let app = &app;
        async move {
            let body = json!({"email": format!("admin@{slug}.example"), "password": PASSWORD});
            Tokens::from(&app.post(&format!("/api/v1/pavilions/{slug}/auth/login"), None, body).await.expect(200).body)
        }
    };
    app.member(&organiser.access, "pav-a", "admin@pav-a.example", "pavilion_admin").await;
    let admin = login("pav-a").await.access;

    // Three companies in A: one complete enough to be approved, one submitted, one draft.
    let full = json!({
        "name": {"en": "Full", "zh-Hans": "全", "zh-Hant": "全"},
        "description": {"en": "d", "zh-Hans": "d", "zh-Hant": "d"},
        "company_type": "production", "website": "https://full.example", "city": {"en": "Hangzhou"},
        "contacts": [{"name": "Li", "public": true}], "languages": ["zh"]
    });
    let approved = app.create_exhibitor(&admin, "pav-a", full).await;
    let submitted = app.create_exhibitor(&admin, "pav-a", json!({"name": {"en": "Waiting"}})).await;
    app.create_exhibitor(&admin, "pav-a", json!({"name": {"en": "Draft"}})).await;
    let work = json!({"title": {"en": "Tea Road"}, "kind": "feature", "production_status": "completed"});
    for company in [&approved, &submitted] {
        app.post(&format!("/api/v1/pavilions/pav-a/exhibitors/{company}/works"), Some(&admin), work.clone())
            .await
            .expect(201);
    }
    let company = |id: &str| format!("/api/v1/pavilions/pav-a/exhibitors/{id}");
    app.post(&format!("{}/submit", company(&approved)), Some(&admin), json!({})).await.expect(200);
    app.post(&format!("{}/approve", company(&approved)), Some(&admin), json!({})).await.expect(200);
    app.post(&format!("{}/submit", company(&submitted)), Some(&admin), json!({})).await.expect(200);

    let overview = app.get("/api/v1/market/overview", Some(&organiser.access)).await.expect(200).body;
    let pavilions = overview["pavilions"].as_array().unwrap();
    assert_eq!(pavilions.iter().map(|p| p["slug"].as_str().unwrap()).collect::<Vec<_>>(), ["pav-a", "pav-b"]);
    let a = &pavilions[0];
    assert_eq!(a["status"], "active");
    assert_eq!(a["companies"], json!({"draft": 1, "submitted": 1, "changes_requested": 0, "approved": 1, "total": 3}));
    assert_eq!(a["completeness"]["complete"], 0, "no logo, so nobody is at 100%: {a}");
    // Scores 0 (the draft), 11 (a work, of nine items) and 88 (all but the logo).
    assert_eq!(a["completeness"]["distribution"], json!([1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0]));
    assert_eq!(a["completeness"]["median"], 11);
    assert_eq!(a["works"], json!({"all": 2, "published": 1}));
    assert_eq!(a["reviews"]["waiting"], 1);
    assert!(a["reviews"]["oldest_waiting_since"].is_string());
    // The submission and the approval each queued an email (no failure in 7 days).
    assert_eq!(a["emails"]["failed_last_7_days"], 0);
    assert!(a["emails"]["pending"].as_i64().unwrap() <= 2, "{a}");
    assert!(a["last_activity"].is_string());
    let b = &pavilions[1];
    assert_eq!(b["companies"]["total"], 0);
    assert_eq!(b["completeness"]["median"], serde_json::Value::Null);
    assert_eq!(b["emails"], json!({"pending": 0, "failed_last_7_days": 0}));
    assert_eq!(b["works"], json!({"all": 0, "published": 0}));
    assert_eq!(overview["totals"]["pavilions"], 2);
    assert_eq!(overview["totals"]["companies"]["total"], 3);
    assert_eq!(overview["totals"]["works"], json!({"all": 2, "published": 1}));

    // The same figures for one pavilion, for its admin; not for anyone else.
    let own = app.get("/api/v1/pavilions/pav-a/overview", Some(&admin)).await.expect(200).body;
    assert_eq!(own["companies"], a["companies"]);
    assert_eq!(own["completeness"], a["completeness"]);
    app.get("/api/v1/pavilions/pav-b/overview", Some(&admin)).await.expect(404);
    app.get("/api/v1/market/overview", Some(&admin)).await.expect(403);
    app.get("/api/v1/market/overview", None).await.expect(401);
}
