//! What an attacker or a careless client sends: odd bytes in every parameter, control characters,
//! overlong addresses, slow bodies; and the headers every answer carries.

use pavilion_tests::{PASSWORD, TestApp, spawn_app};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use reqwest::Method;
use serde_json::{Value, json};

/// Every route with its method, path template and query parameters, from the OpenAPI document
/// (which the route table generates, and which names the query parameters).
async fn route_table(app: &TestApp) -> Vec<(Method, String, Vec<String>)> {
    let doc = app.get("/api/v1/openapi.json", None).await.expect(200).body;
    let mut routes = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let query = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect();
            routes.push((Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(), path.clone(), query));
        }
    }
    assert!(routes.len() > 40, "the route table has {} routes", routes.len());
    routes
}

/// Each byte percent-encoded, so the server decodes exactly these bytes.
fn percent_encoded(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("%{b:02X}")).collect()
}

/// A parameter value: a real one (so the request reaches the database), arbitrary bytes, or
/// arbitrary text.
fn parameter(real: String) -> impl Strategy<Value = String> {
    prop_oneof![
        Just(real),
        prop::collection::vec(any::<u8>(), 0..48).prop_map(|bytes| percent_encoded(&bytes)),
        any::<String>().prop_map(|text| percent_encoded(text.as_bytes())),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arbitrary_bytes_in_any_path_or_query_parameter_never_get_a_5xx() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let company = app.create_exhibitor(&organiser.access, "hangzhou", json!({"name": {"en": "West Lake Films"}})).await;
    let handle = tokio::runtime::Handle::current();
    let calls = std::cell::Cell::new(0);
    for (method, template, query) in route_table(&app).await {
        if template.ends_with("/auth/logout") {
            continue; // would end the session the other calls use
        }
        let strategy = (
            parameter("hangzhou".into()),
            parameter(company.clone()),
            parameter(company.clone()),
            prop::collection::vec(parameter("1".into()), query.len()),
            any::<bool>(),
        );
        let mut runner = TestRunner::new(Config { cases: 12, failure_persistence: None, ..Config::default() });
        let outcome = runner.run(&strategy, |(slug, id, work_id, values, signed_in)| {
            let path = template.replace("{slug}", &slug).replace("{id}", &id).replace("{work_id}", &work_id);
            let pairs: Vec<String> = query.iter().zip(&values).map(|(name, value)| format!("{name}={value}")).collect();
            let url = if pairs.is_empty() { path } else { format!("{path}?{}", pairs.join("&")) };
            let token = signed_in.then_some(organiser.access.as_str());
            let body = matches!(method, Method::POST | Method::PATCH | Method::PUT).then(|| json!({}));
            let reply = tokio::task::block_in_place(|| handle.block_on(app.request(method.clone(), &url, token, body)));
            calls.set(calls.get() + 1);
            if reply.status.is_server_error() {
                return Err(TestCaseError::fail(format!("{method} {url}: {} {}", reply.status, reply.text)));
            }
            Ok(())
        });
        if let Err(failure) = outcome {
            panic!("{method} {template}: {failure}");
        }
    }
    assert!(calls.get() > 500, "{} calls", calls.get());
}

#[tokio::test]
async fn a_malformed_id_is_not_found_like_an_unknown_one() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let unknown = app
        .get("/api/v1/pavilions/hangzhou/exhibitors/0190c0de-0000-7000-8000-000000000000", Some(&organiser.access))
        .await
        .expect(404);
    for malformed in ["%00", "x", "0190C0DE-0000-7000-8000-000000000000", "%E2%80%AE"] {
        let reply =
            app.get(&format!("/api/v1/pavilions/hangzhou/exhibitors/{malformed}"), Some(&organiser.access)).await;
        assert_eq!((reply.status.as_u16(), &reply.body), (404, &unknown.body), "{malformed}");
    }
    for path in ["/api/v1/me/sessions/%00", "/api/v1/emails/%00/resend", "/api/v1/pavilions/hangzhou/invitations/%00"] {
        let method = if path.ends_with("resend") { Method::POST } else { Method::DELETE };
        app.request(method, path, Some(&organiser.access), None).await.expect(404);
    }
    let reply =
        app.patch("/api/v1/pavilions/hangzhou/users/%00", Some(&organiser.access), json!({"disabled": true})).await;
    reply.expect(404);
}

#[tokio::test]
async fn control_characters_in_a_query_are_refused_with_422() {
    let app = spawn_app().await;
    for url in [
        "/api/v1/directory/works?q=%00",
        "/api/v1/directory/exhibitors?q=west%0Alake",
        "/api/v1/directory/works?q=%C2%85",
        "/api/v1/pavilions?cursor=%1B",
    ] {
        let reply = app.get(url, None).await.expect(422);
        assert_eq!(reply.body["code"], "invalid_query", "{url}");
    }
    insta::assert_json_snapshot!(
        "control_character_in_query",
        app.get("/api/v1/directory/works?q=a%00", None).await.body
    );
    app.get("/api/v1/directory/works?q=%E8%A5%BF%E6%B9%96", None).await.expect(200);
}

#[tokio::test]
async fn a_login_with_a_nul_in_the_email_is_an_ordinary_failed_login() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let sneaky = json!({"email": "lin\u{0}@hz.example", "password": "whatever it is"});
    for _ in 0..6 {
        app.post("/api/v1/pavilions/hangzhou/auth/login", None, sneaky.clone()).await.expect(401);
    }
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, sneaky).await.expect(429);
    let log =
        app.get("/api/v1/pavilions/hangzhou/audit?action=login_failed", Some(&organiser.access)).await.expect(200);
    let targets: Vec<&Value> = log.body["items"].as_array().unwrap().iter().map(|e| &e["target"]).collect();
    assert_eq!(targets.len(), 6);
    assert_eq!(targets[0], "lin\u{FFFD}@hz.example", "kept as typed, the control character replaced");
}

#[tokio::test]
async fn every_answer_says_nosniff_and_answers_with_credentials_are_not_stored() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    for (path, token) in [
        ("/healthz", None),
        ("/api/v1/pavilions", None),
        ("/no/such/route", None),
        ("/api/v1/me", Some(organiser.access.as_str())),
        ("/api/v1/pavilions", Some(organiser.access.as_str())),
        ("/api/v1/me", Some("not a token")),
    ] {
        let reply = app.get(path, token).await;
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"), "{path}");
        if token.is_some() {
            assert_eq!(reply.header("cache-control"), Some("no-store"), "{path}");
        }
    }
    let docs = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    let csp = docs.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'"), "{csp}");
    assert!(docs.text().await.unwrap().contains("swagger-ui"));
}

#[tokio::test]
async fn an_overlong_address_gets_a_problem_414() {
    let app = spawn_app().await;
    let reply = app.get(&format!("/api/v1/directory/works?q={}", "a".repeat(9000)), None).await.expect(414);
    insta::assert_json_snapshot!("uri_too_long", reply.body);
    app.get(&format!("/healthz?padding={}", "a".repeat(8000)), None).await.expect(200);
}

#[tokio::test]
async fn a_body_that_arrives_too_slowly_is_cut_off_with_408() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let db = pavilion_tests::TestDb::fresh();
    let settings = pavilion_core::config::Settings { body_timeout_secs: 1, ..pavilion_tests::test_settings(&db) };
    let app = pavilion_tests::spawn_app_with(db, settings).await;
    let address = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head =
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = std::time::Instant::now();
    // A byte every 300 ms would take 19 s; the server gives the whole body 1 s.
    let trickle = async {
        for _ in 0..64 {
            if stream.write_all(b" ").await.is_err() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
    };
    let _ = tokio::time::timeout(std::time::Duration::from_millis(2500), trickle).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"code\":\"body_timeout\""), "{answer}");
    assert!(started.elapsed() < std::time::Duration::from_secs(6), "the connection was closed");
    // The server itself is fine.
    app.login_organiser("nobody@fair.example", PASSWORD).await.expect(401);
}

#[tokio::test]
async fn text_that_hides_or_fakes_what_it_says_is_refused_and_text_is_stored_normalised() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let companies = "/api/v1/pavilions/hangzhou/exhibitors";
    for sneaky in ["West Lake\u{202E}gnp.exe", "West\u{200B}Lake", "\u{2066}West Lake\u{2069}"] {
        let reply = app.post(companies, Some(&organiser.access), json!({"name": {"en": sneaky}})).await.expect(422);
        assert_eq!(reply.body["errors"][0]["field"], "name.en", "{sneaky:?}");
    }
    let reply = app
        .post(
            companies,
            Some(&organiser.access),
            json!({"name": {"en": "Cafe\u{301} Films"}, "description": {"en": "One\r\nTwo\r\n"}}),
        )
        .await
        .expect(201);
    assert_eq!(reply.body["name"]["en"], "Caf\u{E9} Films", "stored in NFC");
    assert_eq!(reply.body["description"]["en"], "One\nTwo", "a textarea's CRLF is stored as LF");

    for fake in ["Bank <security@bank.example>", "security@bank.example", "\"Organiser\""] {
        let reply =
            app.patch("/api/v1/pavilions/hangzhou", Some(&organiser.access), json!({"sender_name": fake})).await;
        assert_eq!(reply.expect(422).body["errors"][0]["field"], "sender_name", "{fake}");
    }
    app.patch("/api/v1/pavilions/hangzhou", Some(&organiser.access), json!({"sender_name": "Xi'an Pavilion"}))
        .await
        .expect(200);
    app.patch("/api/v1/me", Some(&organiser.access), json!({"name": "Lin\u{202E}nimda"})).await.expect(422);
}
