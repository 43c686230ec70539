use pavilion_tests::spawn_app;

#[tokio::test]
async fn healthz_and_readyz_answer_with_a_request_id() {
    let app = spawn_app().await;
    let live = app.get("/healthz", None).await.expect(200);
    assert_eq!(live.body["status"], "ok");
    let id = live.header("x-request-id").expect("x-request-id header");
    assert_eq!(id.len(), 36, "a UUID: {id}");

    let ready = app.get("/readyz", None).await.expect(200);
    assert_eq!(ready.body["status"], "ready");
    let backend = if app.db.is_postgres() { "postgres" } else { "sqlite" };
    assert_eq!(ready.body["database"], backend);

    let other = app.get("/healthz", None).await;
    assert_ne!(other.header("x-request-id"), Some(id), "each request gets its own id");
}

#[tokio::test]
async fn error_responses_carry_a_request_id_too() {
    let app = spawn_app().await;
    let reply = app.get("/api/v1/me", None).await.expect(401);
    assert!(reply.header("x-request-id").is_some());
}
