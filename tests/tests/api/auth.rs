use pavilion_tests::{PASSWORD, Tokens, spawn_app};
use serde_json::json;

#[tokio::test]
async fn organiser_logs_in_and_reads_its_account() {
    let app = spawn_app().await;
    app.create_organiser("Chair@Fair.example").await;
    let reply = app.login_organiser("chair@fair.example", PASSWORD).await.expect(200);
    assert_eq!(reply.body["token_type"], "Bearer");
    assert_eq!(reply.body["expires_in"], 900);
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let tokens = Tokens::from(&reply.body);

    let me = app.get("/api/v1/me", Some(&tokens.access)).await.expect(200).body;
    assert_eq!(me["email"], "chair@fair.example");
    assert_eq!(me["role"], "organiser");
    assert_eq!(me["pavilion"], serde_json::Value::Null);
    assert_eq!(me["exhibitor_id"], serde_json::Value::Null);
    assert_eq!(me["locale"], "en");
    assert_eq!(me["name"], "Market Organiser");
}

#[tokio::test]
async fn wrong_email_and_wrong_password_look_the_same() {
    let app = spawn_app().await;
    app.create_organiser("chair@fair.example").await;
    // The first unknown address also makes the placeholder hash, once per process.
    let unknown = app.login_organiser("nobody@fair.example", PASSWORD).await.expect(401);
    let wrong = app.login_organiser("chair@fair.example", "not the password at all").await.expect(401);
    let malformed = app.login_organiser("not-an-email", PASSWORD).await.expect(401);
    assert_eq!(unknown.body, wrong.body);
    assert_eq!(unknown.body, malformed.body);
    insta::assert_json_snapshot!("login_failed", unknown.body);

    // Each path runs exactly one argon2 verification: skipping it for unknown accounts would make
    // them an order of magnitude faster, and the time would tell which addresses exist. Counted
    // by the hashing pool rather than timed, so load on the machine cannot make this flaky.
    for (email, password) in [
        ("nobody@fair.example", PASSWORD),
        ("chair@fair.example", "not the password at all"),
        ("not-an-email", PASSWORD),
    ] {
        let before = verifications_run(&app).await;
        app.login_organiser(email, password).await.expect(401);
        assert_eq!(verifications_run(&app).await - before, 1.0, "password checks run for a sign-in as {email}");
    }
}

/// `pavilion_password_verifications_total` as the metrics endpoint reports it now.
async fn verifications_run(app: &pavilion_tests::TestApp) -> f64 {
    let text = app.client.get(app.url("/metrics")).send().await.unwrap().text().await.unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix("pavilion_password_verifications_total ")?.trim().parse().ok())
        .expect("the metrics report password verifications")
}

#[tokio::test]
async fn refresh_rotates_and_the_old_refresh_token_dies() {
    let app = spawn_app().await;
    let first = app.organiser().await;
    let second = Tokens::from(
        &app.post("/api/v1/auth/refresh", None, json!({"refresh_token": first.refresh})).await.expect(200).body,
    );
    assert_ne!(first.refresh, second.refresh);
    app.get("/api/v1/me", Some(&second.access)).await.expect(200);

    // The rotated token keeps working; the one before it is refused (and, being a reuse, ends
    // the session: see invitations::reusing_a_rotated_refresh_token_ends_the_session).
    let third = Tokens::from(
        &app.post("/api/v1/auth/refresh", None, json!({"refresh_token": second.refresh})).await.expect(200).body,
    );
    let replay = app.post("/api/v1/auth/refresh", None, json!({"refresh_token": second.refresh})).await.expect(401);
    assert_eq!(replay.body["code"], "unauthenticated");
    app.get("/api/v1/me", Some(&third.access)).await.expect(401);
}

#[tokio::test]
async fn garbage_refresh_tokens_are_401() {
    let app = spawn_app().await;
    for token in ["", "x", "abc.def", &format!("{}.{}", uuid::Uuid::now_v7(), "A".repeat(43))] {
        app.post("/api/v1/auth/refresh", None, json!({"refresh_token": token})).await.expect(401);
    }
}

#[tokio::test]
async fn logout_ends_the_session_at_once() {
    let app = spawn_app().await;
    let tokens = app.organiser().await;
    app.request(reqwest::Method::POST, "/api/v1/auth/logout", Some(&tokens.access), None).await.expect(204);
    app.get("/api/v1/me", Some(&tokens.access)).await.expect(401);
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": tokens.refresh})).await.expect(401);
    app.request(reqwest::Method::POST, "/api/v1/auth/logout", Some(&tokens.access), None).await.expect(401);
}

#[tokio::test]
async fn other_sessions_survive_a_logout() {
    let app = spawn_app().await;
    app.create_organiser("chair@fair.example").await;
    let laptop = Tokens::from(&app.login_organiser("chair@fair.example", PASSWORD).await.expect(200).body);
    let phone = Tokens::from(&app.login_organiser("chair@fair.example", PASSWORD).await.expect(200).body);
    app.request(reqwest::Method::POST, "/api/v1/auth/logout", Some(&laptop.access), None).await.expect(204);
    app.get("/api/v1/me", Some(&phone.access)).await.expect(200);
}

#[tokio::test]
async fn access_tokens_expire_after_fifteen_minutes() {
    let app = spawn_app().await;
    let tokens = app.organiser().await;
    app.clock.advance(chrono::Duration::minutes(14));
    app.get("/api/v1/me", Some(&tokens.access)).await.expect(200);
    app.clock.advance(chrono::Duration::minutes(2));
    app.get("/api/v1/me", Some(&tokens.access)).await.expect(401);
    // The session itself is alive: a refresh gives a working token.
    let renewed = Tokens::from(
        &app.post("/api/v1/auth/refresh", None, json!({"refresh_token": tokens.refresh})).await.expect(200).body,
    );
    app.get("/api/v1/me", Some(&renewed.access)).await.expect(200);
}

#[tokio::test]
async fn malformed_authorization_headers_are_401() {
    let app = spawn_app().await;
    for header in ["Bearer", "Basic dXNlcjpwYXNz", "Bearer not.a.jwt", "token"] {
        let reply = app.client.get(app.url("/api/v1/me")).header("authorization", header).send().await.unwrap();
        assert_eq!(reply.status(), 401, "{header}");
        assert_eq!(reply.headers().get("www-authenticate").unwrap(), "Bearer");
    }
}

#[tokio::test]
async fn create_organiser_enforces_the_password_policy() {
    let app = spawn_app().await;
    for (password, code) in [
        ("short", "password_too_short"),
        ("password1234", "password_too_weak"),
        (&"x".repeat(129) as &str, "password_too_long"),
    ] {
        let error =
            pavilion_api::cli::create_organiser(&app.settings, "chair@fair.example", "Chair", password.to_owned())
                .await
                .unwrap_err()
                .to_string();
        assert!(error.starts_with("password:"), "{code}: {error}");
    }
    pavilion_api::cli::create_organiser(&app.settings, "chair@fair.example", "Chair", PASSWORD.to_owned())
        .await
        .unwrap();
    let duplicate =
        pavilion_api::cli::create_organiser(&app.settings, "CHAIR@fair.example", "Chair", PASSWORD.to_owned())
            .await
            .unwrap_err()
            .to_string();
    assert!(duplicate.contains("already exists"), "{duplicate}");
}

#[tokio::test]
async fn create_organiser_reads_one_line_of_stdin() {
    let password = pavilion_api::cli::read_password(std::io::Cursor::new(format!("{PASSWORD}\r\nignored\n"))).unwrap();
    assert_eq!(password, PASSWORD);
    assert!(pavilion_api::cli::read_password(std::io::Cursor::new("")).is_err());
}

mod forged_tokens {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
    use pavilion_tests::spawn_app;
    use serde_json::{Value, json};

    /// The claims of a real token, so each forgery differs from it in one way only.
    fn claims_of(token: &str) -> Value {
        let payload = token.split('.').nth(1).unwrap();
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
    }

    fn sign(claims: &Value, key: &[u8]) -> String {
        encode(&Header::new(Algorithm::HS256), claims, &EncodingKey::from_secret(key)).unwrap()
    }

    #[tokio::test]
    async fn forged_and_tampered_tokens_are_401() {
        let app = spawn_app().await;
        let real = app.organiser().await.access;
        let claims = claims_of(&real);
        let key = b"test-signing-key-test-signing-key-0123";
        assert_eq!(sign(&claims, key).len(), real.len(), "the harness key signs like the server");
        app.get("/api/v1/me", Some(&sign(&claims, key))).await.expect(200);

        let unsigned = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#),
            real.split('.').nth(1).unwrap()
        );
        let mut tampered_claims = claims.clone();
        tampered_claims["sub"] = json!("someone-else");
        let tampered = format!(
            "{}.{}.{}",
            real.split('.').next().unwrap(),
            URL_SAFE_NO_PAD.encode(tampered_claims.to_string()),
            real.split('.').nth(2).unwrap()
        );
        let with = |field: &str, value: Value| {
            let mut c = claims.clone();
            c[field] = value;
            sign(&c, key)
        };
        let forgeries = [
            ("alg none", unsigned),
            ("wrong key", sign(&claims, b"another-key-another-key-another-key-01")),
            ("wrong audience", with("aud", json!("someone-else"))),
            ("wrong issuer", with("iss", json!("someone-else"))),
            ("expired", with("exp", json!(claims["iat"].as_i64().unwrap() - 3600))),
            ("unknown session", with("sid", json!(uuid::Uuid::now_v7().to_string()))),
            ("other user in the session", with("sub", json!(uuid::Uuid::now_v7().to_string()))),
            ("tampered payload", tampered),
            ("HS512", encode(&Header::new(Algorithm::HS512), &claims, &EncodingKey::from_secret(key)).unwrap()),
        ];
        for (name, token) in forgeries {
            let reply = app.get("/api/v1/me", Some(&token)).await;
            assert_eq!(reply.status, 401, "{name}: {}", reply.text);
        }
    }
}

#[tokio::test]
async fn a_buyer_of_the_same_address_is_not_the_organiser() {
    use pavilion_core::domain::{EmailAddress, Locale, Password, Role, User, UserId};
    let app = spawn_app().await;
    // The buyer's account comes first, so a lookup of "an account of no pavilion" would find it.
    let buyer = User {
        id: UserId::generate(),
        pavilion_id: None,
        email: EmailAddress::parse("chair@fair.example").unwrap(),
        name: "A Buyer".into(),
        role: Role::Buyer,
        exhibitor_id: None,
        locale: Locale::En,
        disabled: false,
        created_at: pavilion_core::clock::Clock::now(&app.clock),
    };
    let hash = pavilion_core::auth::hash_password(&Password::unchecked("the buyer's own password")).unwrap();
    app.database().run(|conn| pavilion_core::db::users::insert(conn, &buyer, hash.as_str())).unwrap();
    app.create_organiser("chair@fair.example").await;

    app.login_organiser("chair@fair.example", "the buyer's own password").await.expect(401);
    let tokens = Tokens::from(&app.login_organiser("chair@fair.example", PASSWORD).await.expect(200).body);
    let me = app.get("/api/v1/me", Some(&tokens.access)).await.expect(200).body;
    assert_eq!((me["role"].as_str(), me["name"].as_str()), (Some("organiser"), Some("Market Organiser")));
}
