use pavilion_tests::spawn_app;
use serde_json::json;

#[tokio::test]
async fn malformed_json_is_400() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    let reply = app
        .post_raw("/api/v1/pavilions", Some(&organiser.access), "application/json", b"{\"slug\": ".to_vec())
        .await
        .expect(400);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    insta::assert_json_snapshot!("malformed_json", reply.body);
}

#[tokio::test]
async fn wrong_types_missing_and_unknown_fields_are_422() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    let token = Some(organiser.access.as_str());
    let wrong_type = app
        .post("/api/v1/pavilions", token, json!({"slug": 7, "name": {"en": "x"}, "region": {"en": "x"}}))
        .await
        .expect(422);
    insta::assert_json_snapshot!("wrong_type", wrong_type.body);
    let unknown = app
        .post(
            "/api/v1/pavilions",
            token,
            json!({"slug": "ok", "name": {"en": "x"}, "region": {"en": "x"}, "colour": "red"}),
        )
        .await
        .expect(422);
    insta::assert_json_snapshot!("unknown_field", unknown.body);
    let missing = app.post("/api/v1/pavilions", token, json!({"slug": "ok"})).await.expect(422);
    assert_eq!(missing.body["code"], "invalid_body");
    let unknown_language = app
        .post("/api/v1/pavilions", token, json!({"slug": "ok", "name": {"fr": "x"}, "region": {"en": "x"}}))
        .await
        .expect(422);
    assert_eq!(unknown_language.body["code"], "invalid_body");
    // serde would read a struct from an array, by position; a body or a translation must be an
    // object.
    let array = app.patch("/api/v1/me", token, json!([null, null])).await.expect(422);
    insta::assert_json_snapshot!("body_not_an_object", array.body);
    let positional = json!({"slug": "ok", "name": ["x", null], "region": {"en": "x"}});
    let positional = app.post("/api/v1/pavilions", token, positional).await.expect(422);
    assert_eq!(positional.body["code"], "invalid_body");
    assert!(positional.body["detail"].as_str().unwrap().contains("`name`"), "{}", positional.text);
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let app = spawn_app().await;
    let reply = app.post_raw("/api/v1/auth/login", None, "text/plain", b"{}".to_vec()).await.expect(415);
    assert_eq!(reply.body["code"], "unsupported_media_type");
}

#[tokio::test]
async fn oversized_bodies_are_413() {
    let app = spawn_app().await;
    let big = format!("{{\"email\": \"{}\", \"password\": \"x\"}}", "a".repeat(1024 * 1024 + 1));
    let reply = app.post_raw("/api/v1/auth/login", None, "application/json", big.into_bytes()).await.expect(413);
    insta::assert_json_snapshot!("payload_too_large", reply.body);
}

#[tokio::test]
async fn the_body_limit_is_configurable() {
    let db = pavilion_tests::TestDb::fresh();
    let settings = pavilion_core::config::Settings { max_body_bytes: 2048, ..pavilion_tests::test_settings(&db) };
    let app = pavilion_tests::spawn_app_with(db, settings).await;
    let body = format!("{{\"email\": \"{}\", \"password\": \"x\"}}", "a".repeat(3000));
    app.post_raw("/api/v1/auth/login", None, "application/json", body.into_bytes()).await.expect(413);
    app.post("/api/v1/auth/login", None, json!({"email": "a@b.example", "password": "x"})).await.expect(401);
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems() {
    let app = spawn_app().await;
    let missing = app.get("/api/v1/nothing-here", None).await.expect(404);
    insta::assert_json_snapshot!("route_not_found", missing.body);
    let method = app.request(reqwest::Method::DELETE, "/api/v1/pavilions", None, None).await.expect(405);
    assert_eq!(method.header("content-type"), Some("application/problem+json"));
    assert_eq!(method.header("allow"), Some("GET, HEAD, POST"));
    insta::assert_json_snapshot!("method_not_allowed", method.body);
    // Paths with one method, and paths with placeholders, answer the same way.
    let login = app.request(reqwest::Method::GET, "/api/v1/auth/login", None, None).await.expect(405);
    assert_eq!(login.header("allow"), Some("POST"));
    let work = "/api/v1/pavilions/hangzhou/exhibitors/e1/works/w1";
    let work = app.request(reqwest::Method::PUT, work, None, None).await.expect(405);
    assert_eq!(work.header("allow"), Some("GET, HEAD, DELETE, PATCH"));
    let health = app.request(reqwest::Method::TRACE, "/healthz", None, None).await.expect(405);
    assert_eq!(health.header("allow"), Some("GET, HEAD"));
    // HEAD is GET without the body.
    let head = app.request(reqwest::Method::HEAD, "/healthz", None, None).await.expect(200);
    assert!(head.text.is_empty(), "{}", head.text);
    let get = app.get("/api/v1/pavilions", None).await.expect(200);
    let head = app.request(reqwest::Method::HEAD, "/api/v1/pavilions", None, None).await.expect(200);
    assert_eq!(head.header("content-type"), get.header("content-type"));
    assert!(head.text.is_empty());
    // An empty segment is no placeholder value.
    app.request(reqwest::Method::GET, "/api/v1/pavilions//exhibitors", None, None).await.expect(404);
}

#[tokio::test]
async fn unauthenticated_body_is_stable() {
    let app = spawn_app().await;
    let reply = app.get("/api/v1/me", None).await.expect(401);
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    insta::assert_json_snapshot!("unauthenticated", reply.body);
}
