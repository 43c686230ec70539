//! Passkeys on the JSON API: added with a name, asked for after the password, answering only
//! their own challenge, signing in alone where their account signs in, renamed, removed, and
//! removed by an admin; with a software authenticator answering as a browser would.

use pavilion_tests::passkey::SoftAuthenticator;
use pavilion_tests::{PASSWORD, Reply, TestApp, TestDb, Tokens, spawn_app, spawn_app_with, test_settings};
use reqwest::Method;
use serde_json::{Value, json};

/// Adds a passkey named `name` to the account, answered by `authenticator`.
async fn add_passkey(app: &TestApp, access: &str, authenticator: &mut SoftAuthenticator, name: &str) -> Value {
    let started = app.post("/api/v1/me/second-factor/passkeys", Some(access), json!({})).await.expect(200);
    assert_eq!(started.header("cache-control"), Some("no-store"));
    let options = &started.body["options"];
    assert_eq!(options["publicKey"]["rp"]["id"], "localhost", "{options}");
    assert_eq!(options["publicKey"]["authenticatorSelection"]["userVerification"], "required", "{options}");
    let credential = authenticator.create(options);
    let confirm = json!({"ceremony": started.body["ceremony"], "name": name, "credential": credential});
    app.post("/api/v1/me/second-factor/passkeys/confirm", Some(access), confirm).await.expect(201).body
}

fn authenticator(app: &TestApp) -> SoftAuthenticator {
    SoftAuthenticator::new(&app.settings.public_url)
}

async fn organiser_with_email(app: &TestApp) -> (String, Tokens) {
    let email = format!("organiser-{}@fair.example", uuid::Uuid::now_v7().simple());
    app.create_organiser(&email).await;
    let tokens = Tokens::from(&app.login_organiser(&email, PASSWORD).await.expect(200).body);
    (email, tokens)
}

async fn second_factor(app: &TestApp, challenge: &Value, passkey: Value) -> Reply {
    let body = json!({"challenge": challenge["challenge"], "passkey": passkey});
    app.post("/api/v1/auth/second-factor", None, body).await
}

async fn mail_containing(app: &TestApp, text: &str) -> pavilion_tests::smtp::Received {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(mail) = app.smtp.received().into_iter().find(|mail| mail.body("text/plain").contains(text)) {
            return mail;
        }
        assert!(std::time::Instant::now() < deadline, "no message saying {text:?}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_passkey_is_asked_for_after_the_password_and_answers_only_its_own_challenge() {
    let app = spawn_app().await;
    let (email, tokens) = organiser_with_email(&app).await;
    let mut key = authenticator(&app);
    let added = add_passkey(&app, &tokens.access, &mut key, "  Office YubiKey ").await;
    assert_eq!(added["name"], "Office YubiKey");
    assert!(added["last_used_at"].is_null());
    // The account's first second factor: its recovery codes come with it, this once.
    assert_eq!(added["recovery_codes"].as_array().map(Vec::len), Some(10), "{added}");
    let another = add_passkey(&app, &tokens.access, &mut authenticator(&app), "Spare key").await;
    assert!(another.get("recovery_codes").is_none(), "{another}");
    let path = format!("/api/v1/me/second-factor/passkeys/{}", another["id"].as_str().unwrap());
    app.request(Method::DELETE, &path, Some(&tokens.access), None).await.expect(204);

    let overview = app.get("/api/v1/me/second-factor", Some(&tokens.access)).await.expect(200).body;
    assert_eq!(overview["totp"], false);
    assert_eq!(overview["passkeys"][0]["id"], added["id"]);

    // The password now leads to a challenge, with the passkey options to answer.
    let login = app.login_organiser(&email, PASSWORD).await.expect(200).body;
    assert!(login.get("access_token").is_none(), "tokens before the second factor: {login}");
    let challenge = &login["second_factor"];
    assert_eq!(challenge["methods"], json!(["passkey", "recovery_code"]));
    let allowed = challenge["passkey"]["publicKey"]["allowCredentials"].as_array().unwrap();
    assert_eq!(allowed.len(), 1, "{challenge}");
    let answer = key.get(&challenge["passkey"]);

    // The answer belongs to its challenge: another sign-in's challenge refuses it.
    let other = app.login_organiser(&email, PASSWORD).await.expect(200).body;
    second_factor(&app, &other["second_factor"], answer.clone()).await.expect(401);
    let signed_in = second_factor(&app, challenge, answer.clone()).await.expect(200);
    assert!(signed_in.body["access_token"].is_string());
    // Used once: the same answer again finds its challenge gone.
    second_factor(&app, challenge, answer).await.expect(410);

    let overview = app.get("/api/v1/me/second-factor", Some(&tokens.access)).await.expect(200).body;
    assert!(overview["passkeys"][0]["last_used_at"].is_string(), "{overview}");
    let audit = app.get("/api/v1/audit?limit=100", Some(&tokens.access)).await.expect(200).body;
    let added_entries: Vec<&Value> =
        audit["items"].as_array().unwrap().iter().filter(|entry| entry["action"] == "second_factor_added").collect();
    // Two added (the spare one too), one removed.
    assert_eq!(added_entries.len(), 2, "{audit}");
    assert!(added_entries.iter().all(|entry| entry["target"] == "passkey"), "{audit}");
    let removed = audit["items"].as_array().unwrap().iter().filter(|e| e["action"] == "second_factor_removed").count();
    assert_eq!(removed, 1, "{audit}");
}

#[tokio::test]
async fn a_passkey_alone_signs_in_where_its_account_signs_in() {
    let app = spawn_app().await;
    let (_, tokens) = organiser_with_email(&app).await;
    let mut key = authenticator(&app);
    add_passkey(&app, &tokens.access, &mut key, "Laptop").await;

    let started = app.post("/api/v1/auth/passkey", None, json!({})).await.expect(200).body;
    assert!(started["options"]["publicKey"]["allowCredentials"].as_array().is_none_or(Vec::is_empty), "{started}");
    let answer = key.get_discoverable(&started["options"]);
    let finish = json!({"ceremony": started["ceremony"], "credential": answer});
    let signed_in = app.post("/api/v1/auth/passkey/finish", None, finish.clone()).await.expect(200);
    let access = signed_in.body["access_token"].as_str().unwrap();
    let me = app.get("/api/v1/me", Some(access)).await.expect(200).body;
    let own = app.get("/api/v1/me", Some(&tokens.access)).await.expect(200).body;
    assert_eq!(me["id"], own["id"]);
    // A ceremony is answered once.
    app.post("/api/v1/auth/passkey/finish", None, finish).await.expect(410);

    // An organiser's passkey does not sign in on a pavilion's page.
    app.create_pavilion(&tokens.access, "hangzhou", "active").await;
    let started = app.post("/api/v1/auth/passkey", None, json!({"pavilion": "hangzhou"})).await.expect(200).body;
    let answer = key.get_discoverable(&started["options"]);
    let finish = json!({"ceremony": started["ceremony"], "credential": answer});
    app.post("/api/v1/auth/passkey/finish", None, finish).await.expect(401);

    // Nor does an answer naming another account than the passkey's (the user handle is not
    // signed: the server checks it against the passkey's own).
    let (_, someone) = organiser_with_email(&app).await;
    let mut their_key = authenticator(&app);
    add_passkey(&app, &someone.access, &mut their_key, "Theirs").await;
    let (credential_id, _) = key.made()[0].clone();
    let (_, their_handle) = their_key.made()[0].clone();
    let started = app.post("/api/v1/auth/passkey", None, json!({})).await.expect(200).body;
    let answer = key.get_as(&started["options"], &credential_id, &their_handle);
    let finish = json!({"ceremony": started["ceremony"], "credential": answer});
    app.post("/api/v1/auth/passkey/finish", None, finish).await.expect(401);
}

#[tokio::test]
async fn passkeys_are_renamed_and_removed_by_their_owner_only() {
    let app = spawn_app().await;
    let (email, tokens) = organiser_with_email(&app).await;
    let mut key = authenticator(&app);
    let first = add_passkey(&app, &tokens.access, &mut key, "Phone").await;
    let second = add_passkey(&app, &tokens.access, &mut key, "Key").await;
    let path = format!("/api/v1/me/second-factor/passkeys/{}", first["id"].as_str().unwrap());

    // Another account's passkey is not found, whatever the call.
    let (_, someone) = organiser_with_email(&app).await;
    app.patch(&path, Some(&someone.access), json!({"name": "Mine now"})).await.expect(404);
    app.request(Method::DELETE, &path, Some(&someone.access), None).await.expect(404);

    let refused = app.patch(&path, Some(&tokens.access), json!({"name": "   "})).await.expect(422);
    assert_eq!(refused.body["errors"][0]["field"], "name", "{}", refused.text);
    app.patch(&path, Some(&tokens.access), json!({"name": "Old phone"})).await.expect(204);
    let overview = app.get("/api/v1/me/second-factor", Some(&tokens.access)).await.expect(200).body;
    let names: Vec<&str> =
        overview["passkeys"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Old phone", "Key"]);

    app.request(Method::DELETE, &path, Some(&tokens.access), None).await.expect(204);
    app.request(Method::DELETE, &path, Some(&tokens.access), None).await.expect(404);
    let told = mail_containing(&app, "A passkey of your").await;
    assert!(told.to.iter().any(|to| to.contains(&email)));

    // One passkey left: still asked for; none left: the password alone signs in, and the
    // recovery codes are gone with the last factor.
    let login = app.login_organiser(&email, PASSWORD).await.expect(200).body;
    assert_eq!(login["second_factor"]["methods"], json!(["passkey", "recovery_code"]));
    let last = format!("/api/v1/me/second-factor/passkeys/{}", second["id"].as_str().unwrap());
    app.request(Method::DELETE, &last, Some(&tokens.access), None).await.expect(204);
    let login = app.login_organiser(&email, PASSWORD).await.expect(200).body;
    assert!(login["access_token"].is_string(), "{login}");
    let overview = app.get("/api/v1/me/second-factor", Some(&tokens.access)).await.expect(200).body;
    assert_eq!(overview["recovery_codes_left"], 0, "{overview}");
}

#[tokio::test]
async fn an_admin_removes_a_members_passkeys_and_a_passkey_meets_the_pavilions_policy() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let admin = app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let company = app.create_exhibitor(&admin.access, "hangzhou", json!({"name": {"en": "West Lake Films"}})).await;
    let exhibitor = app.exhibitor_member(&admin.access, "hangzhou", &company, "sales@westlake.example").await;
    let policy = json!({"require_second_factor": {"exhibitor": true}});
    app.patch("/api/v1/pavilions/hangzhou", Some(&admin.access), policy).await.expect(200);
    let blocked = app.get("/api/v1/pavilions/hangzhou/exhibitors", Some(&exhibitor.access)).await.expect(403);
    assert_eq!(blocked.body["code"], "second_factor_required");

    let mut key = authenticator(&app);
    add_passkey(&app, &exhibitor.access, &mut key, "Phone").await;
    app.get(&format!("/api/v1/pavilions/hangzhou/exhibitors/{company}"), Some(&exhibitor.access)).await.expect(200);
    // The passkey alone signs in on its pavilion's page.
    let started = app.post("/api/v1/auth/passkey", None, json!({"pavilion": "hangzhou"})).await.expect(200).body;
    let finish = json!({"ceremony": started["ceremony"], "credential": key.get_discoverable(&started["options"])});
    app.post("/api/v1/auth/passkey/finish", None, finish).await.expect(200);

    let member =
        app.get("/api/v1/me", Some(&exhibitor.access)).await.expect(200).body["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/pavilions/hangzhou/users/{member}/second-factor");
    app.request(Method::DELETE, &path, Some(&admin.access), None).await.expect(204);
    app.get("/api/v1/me", Some(&exhibitor.access)).await.expect(401);
    let started = app.post("/api/v1/auth/passkey", None, json!({"pavilion": "hangzhou"})).await.expect(200).body;
    let finish = json!({"ceremony": started["ceremony"], "credential": key.get_discoverable(&started["options"])});
    app.post("/api/v1/auth/passkey/finish", None, finish).await.expect(401);
    let removal = mail_containing(&app, "Lin Wei removed the passkeys").await;
    assert!(removal.to.iter().any(|to| to.contains("sales@westlake.example")));
}

#[tokio::test]
async fn wrong_passkey_answers_meet_growing_delays() {
    let app = spawn_app().await;
    let mut refused = 0;
    loop {
        let started = app.post("/api/v1/auth/passkey", None, json!({})).await.expect(200).body;
        let forged = json!({"id": "AAAA", "rawId": "AAAA", "type": "public-key", "extensions": {},
            "response": {"authenticatorData": "AAAA", "clientDataJSON": "AAAA", "signature": "AAAA", "userHandle": "AAAA"}});
        let reply = app
            .post("/api/v1/auth/passkey/finish", None, json!({"ceremony": started["ceremony"], "credential": forged}))
            .await;
        if reply.status == 429 {
            assert!(reply.header("retry-after").is_some());
            break;
        }
        assert_eq!(reply.status, 401, "{}", reply.text);
        refused += 1;
        assert!(refused < 20, "no delay after {refused} forged answers");
    }
    assert!(refused >= 3, "delayed after only {refused}");
}

#[tokio::test]
async fn passkeys_are_unavailable_where_the_public_url_is_an_ip_address() {
    let db = TestDb::fresh();
    let mut settings = test_settings(&db);
    settings.public_url = "http://127.0.0.1:8080".into();
    let app = spawn_app_with(db, settings).await;
    let tokens = app.organiser().await;
    let refused = app.post("/api/v1/me/second-factor/passkeys", Some(&tokens.access), json!({})).await.expect(409);
    assert!(refused.text.contains("domain"), "{}", refused.text);
    app.post("/api/v1/auth/passkey", None, json!({})).await.expect(409);
}

#[tokio::test]
async fn removing_the_app_keeps_the_passkey_asked_for_and_the_notice_says_nothing_else() {
    use pavilion_core::auth::second_factor::TotpSecret;
    use pavilion_core::clock::Clock;
    let app = spawn_app().await;
    let (email, tokens) = organiser_with_email(&app).await;
    add_passkey(&app, &tokens.access, &mut authenticator(&app), "Phone").await;
    let started = app.post("/api/v1/me/second-factor/totp", Some(&tokens.access), json!({})).await.expect(200);
    let secret = TotpSecret::from_base32(started.body["secret"].as_str().unwrap()).unwrap();
    let code = secret.code_at(app.clock.now()).unwrap();
    app.post("/api/v1/me/second-factor/totp/confirm", Some(&tokens.access), json!({"code": code})).await.expect(200);
    let login = app.login_organiser(&email, PASSWORD).await.expect(200).body;
    assert_eq!(login["second_factor"]["methods"], json!(["passkey", "totp", "recovery_code"]));

    app.request(Method::DELETE, "/api/v1/me/second-factor/totp", Some(&tokens.access), None).await.expect(204);
    let told = mail_containing(&app, "The authenticator app of your").await;
    assert!(!told.body("text/plain").contains("password only"), "{}", told.body("text/plain"));
    let login = app.login_organiser(&email, PASSWORD).await.expect(200).body;
    assert_eq!(login["second_factor"]["methods"], json!(["passkey", "recovery_code"]));
}

#[tokio::test]
async fn starting_passkey_sign_ins_is_limited_per_address() {
    let app = spawn_app().await;
    let mut started = 0;
    loop {
        let reply = app.post("/api/v1/auth/passkey", None, json!({})).await;
        if reply.status == 429 {
            assert!(reply.header("retry-after").is_some());
            break;
        }
        assert_eq!(reply.status, 200, "{}", reply.text);
        started += 1;
        assert!(started <= 120, "no limit after {started} ceremonies");
    }
    assert_eq!(started, 120);
}

#[tokio::test]
async fn a_recovery_code_stands_in_for_a_passkey_not_at_hand() {
    let app = spawn_app().await;
    let (email, tokens) = organiser_with_email(&app).await;
    let added = add_passkey(&app, &tokens.access, &mut authenticator(&app), "Phone").await;
    let codes: Vec<String> = serde_json::from_value(added["recovery_codes"].clone()).unwrap();

    let login = app.login_organiser(&email, PASSWORD).await.expect(200).body;
    let finish = json!({"challenge": login["second_factor"]["challenge"], "recovery_code": codes[0]});
    app.post("/api/v1/auth/second-factor", None, finish).await.expect(200);
    let login = app.login_organiser(&email, PASSWORD).await.expect(200).body;
    let again = json!({"challenge": login["second_factor"]["challenge"], "recovery_code": codes[0]});
    app.post("/api/v1/auth/second-factor", None, again).await.expect(401);

    // Renewed from the account: the old ones stop working.
    let renewed = app.post("/api/v1/me/second-factor/recovery-codes", Some(&tokens.access), json!({})).await;
    let renewed = renewed.expect(200).body;
    assert_eq!(renewed["recovery_codes"].as_array().map(Vec::len), Some(10));
    let login = app.login_organiser(&email, PASSWORD).await.expect(200).body;
    let old = json!({"challenge": login["second_factor"]["challenge"], "recovery_code": codes[1]});
    app.post("/api/v1/auth/second-factor", None, old).await.expect(401);
}
