use pavilion_tests::spawn_app;
use serde_json::{Value, json};

#[tokio::test]
async fn organiser_creates_a_pavilion_and_the_public_lists_it() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    let created = app
        .post(
            "/api/v1/pavilions",
            Some(&organiser.access),
            json!({
                "slug": "hangzhou",
                "name": {"en": "Hangzhou Pavilion", "zh-Hans": "杭州馆", "zh-Hant": "杭州館"},
                "region": {"en": "Hangzhou", "zh-Hans": "杭州"},
                "host_association": {"en": "Hangzhou Film and TV Association"},
                "description": {"en": "Films and series from the West Lake city."},
                "location": "Hall 1, 1B-C12",
                "contact_email": "Pavilion@HZ.example",
                "brand_color": "#c8102e",
                "sender_name": "Hangzhou Pavilion",
                "reply_to": "desk@hz.example",
                "profile_deadline": "2027-02-28T16:00:00Z",
            }),
        )
        .await
        .expect(201);
    assert_eq!(created.header("location"), Some("/api/v1/pavilions/hangzhou"));
    let body = &created.body;
    assert_eq!(body["status"], "draft");
    assert_eq!(body["contact_email"], "pavilion@hz.example");
    assert_eq!(body["brand_color"], "#C8102E");
    assert_eq!(body["name"]["zh-Hant"], "杭州館");
    assert_eq!(body["profile_deadline"], "2027-02-28T16:00:00Z");
    assert_eq!(body["email_identity"]["sender_name"], "Hangzhou Pavilion");

    // A draft is invisible to the public.
    app.get("/api/v1/pavilions/hangzhou", None).await.expect(404);
    assert_eq!(app.get("/api/v1/pavilions", None).await.expect(200).body["items"], json!([]));

    app.patch("/api/v1/pavilions/hangzhou", Some(&organiser.access), json!({"status": "active"})).await.expect(200);

    let public = app.get("/api/v1/pavilions/hangzhou", None).await.expect(200).body;
    assert_eq!(public["name"]["en"], "Hangzhou Pavilion");
    assert!(public.get("email_identity").is_none(), "the public does not see the email identity");
    let list = app.get("/api/v1/pavilions", None).await.expect(200).body;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert!(list["items"][0].get("counts").is_none(), "the public does not see head counts");
    assert_eq!(list["next_cursor"], Value::Null);
}

#[tokio::test]
async fn organiser_sees_every_pavilion_with_counts() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "beijing", "active").await;
    app.create_pavilion(&organiser.access, "fujian", "draft").await;
    let list = app.get("/api/v1/pavilions", Some(&organiser.access)).await.expect(200).body;
    let slugs: Vec<&str> = list["items"].as_array().unwrap().iter().map(|p| p["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["beijing", "fujian"]);
    assert_eq!(list["items"][0]["counts"]["members"], 0);
    let public = app.get("/api/v1/pavilions", None).await.expect(200).body;
    assert_eq!(public["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn lists_are_paginated_with_cursors() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    for slug in ["p1", "p2", "p3", "p4", "p5"] {
        app.create_pavilion(&organiser.access, slug, "active").await;
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/pavilions?limit=2".to_owned();
    loop {
        let page = app.get(&path, None).await.expect(200).body;
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(items.iter().map(|p| p["slug"].as_str().unwrap().to_owned()));
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/pavilions?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, ["p1", "p2", "p3", "p4", "p5"]);

    for bad in ["limit=0", "limit=101", "limit=ten", "cursor=%FF%FE", "cursor=YQBi"] {
        let reply = app.get(&format!("/api/v1/pavilions?{bad}"), None).await.expect(422);
        assert!(
            reply.body["code"] == "validation_failed" || reply.body["code"] == "invalid_query",
            "{bad}: {}",
            reply.text
        );
    }
}

#[tokio::test]
async fn slugs_are_validated_and_unique() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "shanghai", "draft").await;
    let duplicate = app
        .post(
            "/api/v1/pavilions",
            Some(&organiser.access),
            json!({"slug": "shanghai", "name": {"en": "x"}, "region": {"en": "x"}}),
        )
        .await
        .expect(409);
    insta::assert_json_snapshot!("duplicate_slug", duplicate.body);

    let invalid = app
        .post(
            "/api/v1/pavilions",
            Some(&organiser.access),
            json!({"slug": "Shang Hai", "name": {"en": "  "}, "region": {}, "contact_email": "nope", "brand_color": "red"}),
        )
        .await
        .expect(422);
    insta::assert_json_snapshot!("invalid_pavilion", invalid.body);
}

#[tokio::test]
async fn patch_changes_only_what_is_sent_and_null_clears() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "jiangsu", "active").await;
    let path = "/api/v1/pavilions/jiangsu";
    app.clock.advance(chrono::Duration::minutes(1));
    let updated = app
        .patch(path, Some(&organiser.access), json!({"location": "Hall 3", "description": {"zh-Hans": "江苏"}}))
        .await
        .expect(200)
        .body;
    assert_eq!(updated["location"], "Hall 3");
    assert_eq!(updated["name"]["en"], "jiangsu Pavilion", "untouched");
    let cleared = app.patch(path, Some(&organiser.access), json!({"location": null})).await.expect(200).body;
    assert_eq!(cleared["location"], Value::Null);
    assert_eq!(cleared["description"]["zh-Hans"], "江苏");
    assert_ne!(cleared["updated_at"], cleared["created_at"]);

    // Names can't be emptied: at least one language must remain.
    app.patch(path, Some(&organiser.access), json!({"name": {}})).await.expect(422);
    // The slug is fixed once active.
    let slug = app.patch(path, Some(&organiser.access), json!({"slug": "jiangsu-2"})).await.expect(422);
    assert_eq!(slug.body["errors"][0]["code"], "slug_immutable");
}

#[tokio::test]
async fn status_follows_its_lifecycle() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "guangdong", "draft").await;
    let path = "/api/v1/pavilions/guangdong";
    // A draft may still be renamed.
    app.patch(path, Some(&organiser.access), json!({"slug": "gd"})).await.expect(200);
    let path = "/api/v1/pavilions/gd";
    app.patch(path, Some(&organiser.access), json!({"status": "active"})).await.expect(200);
    app.patch(path, Some(&organiser.access), json!({"status": "archived"})).await.expect(200);
    app.get(path, None).await.expect(404);
    let back = app.patch(path, Some(&organiser.access), json!({"status": "draft"})).await.expect(422);
    assert_eq!(back.body["errors"][0]["code"], "invalid_transition");
    app.patch(path, Some(&organiser.access), json!({"status": "closed"})).await.expect(422);
    app.patch(path, Some(&organiser.access), json!({"status": "active"})).await.expect(200);
    app.get(path, None).await.expect(200);
}

#[tokio::test]
async fn only_the_organiser_creates_and_anonymous_callers_cannot_write() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "anhui", "active").await;
    let body = json!({"slug": "x1", "name": {"en": "x"}, "region": {"en": "x"}});
    app.post("/api/v1/pavilions", None, body.clone()).await.expect(401);
    app.patch("/api/v1/pavilions/anhui", None, json!({"location": "x"})).await.expect(401);
    app.patch("/api/v1/pavilions/nowhere", Some(&organiser.access), json!({"location": "x"})).await.expect(404);
    app.get("/api/v1/pavilions/nowhere", None).await.expect(404);
}

#[tokio::test]
async fn bad_slugs_in_the_path_are_404_not_500() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/pavilions/%E6%9D%AD",
        "/api/v1/pavilions/..%2F..",
        "/api/v1/pavilions/a%00b",
        &format!("/api/v1/pavilions/{}", "x".repeat(5000)),
    ] {
        let reply = app.get(path, None).await;
        assert_eq!(reply.status, 404, "{path}: {}", reply.text);
        assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    }
}
