use pavilion_tests::spawn_app;
use std::collections::BTreeSet;

/// The document is derived from the route table: the same methods on the same paths, no more.
#[tokio::test]
async fn the_document_and_the_router_come_from_one_route_table() {
    let app = spawn_app().await;
    let doc = app.get("/api/v1/openapi.json", None).await.expect(200).body;
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| item.as_object().unwrap().keys().map(|method| (method.to_uppercase(), path.clone())))
        .collect();
    let served: BTreeSet<(String, String)> = pavilion_api::routes::table()
        .into_iter()
        .filter(|route| route.kind == pavilion_api::routes::RouteKind::Api)
        .map(|route| (route.method.to_owned(), route.path.to_owned()))
        .collect();
    assert_eq!(documented, served);
    // And every route of the table answers (not the router's 404 or 405).
    for route in pavilion_api::routes::table() {
        let path = route
            .path
            .replace("{slug}", "nowhere")
            .replace("{id}", "x")
            .replace("{work_id}", "y")
            .replace("{lang}", "en")
            .replace("{file}", "z")
            .replace("{part}", "0");
        let method = reqwest::Method::from_bytes(route.method.as_bytes()).unwrap();
        let reply = app.request(method, &path, None, None).await;
        let code = reply.body["code"].as_str().unwrap_or_default().to_owned();
        assert!(
            code != "method_not_allowed" && !reply.text.contains("No route for"),
            "{} {} is in the table but not routed: {} {}",
            route.method,
            route.path,
            reply.status,
            reply.text
        );
    }
}

#[tokio::test]
async fn openapi_document_lists_every_route() {
    let app = spawn_app().await;
    let doc = app.get("/api/v1/openapi.json", None).await.expect(200).body;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/healthz", "get"),
        ("/readyz", "get"),
        ("/api/v1/auth/login", "post"),
        ("/api/v1/auth/refresh", "post"),
        ("/api/v1/auth/logout", "post"),
        ("/api/v1/me", "get"),
        ("/api/v1/me", "patch"),
        ("/api/v1/me/password", "post"),
        ("/api/v1/me/sessions", "get"),
        ("/api/v1/me/sessions/{id}", "delete"),
        ("/api/v1/pavilions", "get"),
        ("/api/v1/pavilions", "post"),
        ("/api/v1/pavilions/{slug}", "get"),
        ("/api/v1/pavilions/{slug}", "patch"),
        ("/api/v1/pavilions/{slug}/emails", "get"),
        ("/api/v1/pavilions/{slug}/emails/test", "post"),
        ("/api/v1/pavilions/{slug}/emails/{id}/resend", "post"),
        ("/api/v1/emails", "get"),
        ("/api/v1/audit", "get"),
        ("/api/v1/pavilions/{slug}/audit", "get"),
        ("/api/v1/pavilions/{slug}/auth/login", "post"),
        ("/api/v1/pavilions/{slug}/invitations", "get"),
        ("/api/v1/pavilions/{slug}/invitations", "post"),
        ("/api/v1/pavilions/{slug}/invitations/{id}", "delete"),
        ("/api/v1/invitations/accept", "post"),
        ("/api/v1/pavilions/{slug}/users", "get"),
        ("/api/v1/pavilions/{slug}/users/{id}", "patch"),
        ("/api/v1/auth/password-reset", "post"),
        ("/api/v1/pavilions/{slug}/auth/password-reset", "post"),
        ("/api/v1/auth/password-reset/confirm", "post"),
        ("/api/v1/emails/{id}/resend", "post"),
        ("/api/v1/pavilions/{slug}/exhibitors", "get"),
        ("/api/v1/pavilions/{slug}/exhibitors", "post"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}", "get"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}", "patch"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/submit", "post"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/approve", "post"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/request-changes", "post"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/unlock", "post"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/works", "get"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/works", "post"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}", "get"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}", "patch"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}", "delete"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/logo", "get"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/logo", "put"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}/poster", "get"),
        ("/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}/poster", "put"),
        ("/api/v1/directory/exhibitors", "get"),
        ("/api/v1/directory/works", "get"),
    ] {
        assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path} missing from the document");
    }
    assert!(doc["components"]["schemas"]["Problem"].is_object());
}

/// What clients generated from the document will check against real responses.
#[tokio::test]
async fn the_document_describes_error_responses_as_the_server_sends_them() {
    let app = spawn_app().await;
    let doc = app.get("/api/v1/openapi.json", None).await.expect(200).body;
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            operations += 1;
            let responses = operation["responses"].as_object().unwrap();
            for (status, response) in responses {
                if let Some(content) = response["content"].as_object() {
                    let problem_as_plain_json = content
                        .get("application/json")
                        .is_some_and(|c| c["schema"]["$ref"] == "#/components/schemas/Problem");
                    assert!(!problem_as_plain_json, "{method} {path} {status}: problems are application/problem+json");
                }
            }
            let bearer =
                operation["security"].as_array().is_some_and(|all| all.iter().any(|s| s.get("bearer").is_some()));
            assert!(!bearer || responses.contains_key("401"), "{method} {path} takes a token but lacks 401");
            assert!(
                !path.contains('{') || responses.contains_key("404"),
                "{method} {path} names an object but lacks 404"
            );
            let body = operation["requestBody"]["content"].as_object();
            for status in ["413", "415"] {
                assert!(body.is_none() || responses.contains_key(status), "{method} {path} lacks {status}");
            }
            if body.is_some_and(|b| b.contains_key("application/json")) {
                assert!(responses.contains_key("400"), "{method} {path} lacks 400 (not JSON)");
            }
        }
    }
    assert!(operations >= 50, "{operations}");
    // Real bodies, checked against their documented shape.
    let login = app.post("/api/v1/auth/login", None, serde_json::json!({"email": "x@y.example"})).await;
    assert_eq!(login.header("content-type"), Some("application/problem+json"));
    // A profile is embedded (allOf) in the company response, which adds `id`, `review` and more:
    // the embedded schema must not forbid them.
    let company = &doc["components"]["schemas"]["ExhibitorProfile"];
    assert!(company.is_object() && company.get("additionalProperties").is_none(), "{company}");
}

#[tokio::test]
async fn interactive_viewer_is_served() {
    let app = spawn_app().await;
    let redirect = app.get("/api/docs", None).await;
    assert!(redirect.status.is_redirection(), "{}", redirect.status);
    let page = app.get("/api/docs/", None).await.expect(200);
    assert!(page.text.contains("swagger"), "the viewer page: {}", &page.text[..page.text.len().min(300)]);
}
