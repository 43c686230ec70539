//! Second factors: an authenticator app added with a first code, asked for after the password,
//! each code accepted once, wrong ones delayed like wrong passwords, recovery codes used once;
//! on the JSON API and on the sign-in and reset pages.

use pavilion_core::auth::second_factor::TotpSecret;
use pavilion_core::clock::Clock;
use pavilion_core::config::Settings;
use pavilion_tests::web::{form_fields, with_fields};
use pavilion_tests::{PASSWORD, Reply, TestApp, TestDb, Tokens, link_token, spawn_app, spawn_app_with, test_settings};
use reqwest::Method;
use serde_json::{Value, json};

/// An account with a confirmed authenticator app: its app's secret and its recovery codes.
struct Enrolled {
    app_secret: TotpSecret,
    recovery_codes: Vec<String>,
}

impl Enrolled {
    /// The code the app shows at the app's current (manual) time.
    fn code(&self, app: &TestApp) -> String {
        self.app_secret.code_at(app.clock.now()).unwrap()
    }
}

/// A six-digit code the app shows at none of the steps around now.
fn wrong_code(app: &TestApp, enrolled: &Enrolled) -> String {
    let now = app.clock.now();
    let shown: Vec<String> = [-30, 0, 30]
        .iter()
        .map(|secs| enrolled.app_secret.code_at(now + chrono::Duration::seconds(*secs)).unwrap())
        .collect();
    (0..).map(|n| format!("{:06}", 123_456 + n)).find(|code| !shown.contains(code)).unwrap()
}

async fn enrol(app: &TestApp, access: &str) -> Enrolled {
    let started = app.post("/api/v1/me/second-factor/totp", Some(access), json!({})).await.expect(200);
    assert_eq!(started.header("cache-control"), Some("no-store"));
    let secret = started.body["secret"].as_str().unwrap();
    let uri = started.body["otpauth_uri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/Pavilion:") && uri.contains(&format!("secret={secret}")), "{uri}");
    // SHA-1, 6 digits and 30 s are what apps assume when the address names none.
    assert!(uri.contains("issuer=Pavilion") && !uri.contains("algorithm=") && !uri.contains("digits="), "{uri}");
    let app_secret = TotpSecret::from_base32(secret).expect("base32");
    let code = app_secret.code_at(app.clock.now()).unwrap();
    let confirmed =
        app.post("/api/v1/me/second-factor/totp/confirm", Some(access), json!({"code": code})).await.expect(200);
    let recovery_codes: Vec<String> =
        serde_json::from_value(confirmed.body["recovery_codes"].clone()).expect("a list of recovery codes");
    Enrolled { app_secret, recovery_codes }
}

/// The next time step: a code of the step before was used (at enrolment or at a sign-in).
fn next_step(app: &TestApp) {
    app.clock.advance(chrono::Duration::seconds(30));
}

async fn challenge(app: &TestApp, email: &str) -> String {
    let login = app.login_organiser(email, PASSWORD).await.expect(200);
    assert!(login.body.get("access_token").is_none(), "tokens before the second factor: {}", login.body);
    login.body["second_factor"]["challenge"].as_str().expect("a challenge").to_owned()
}

async fn finish(app: &TestApp, challenge: &str, proof: Value) -> Reply {
    let mut body = json!({"challenge": challenge});
    body.as_object_mut().unwrap().extend(proof.as_object().unwrap().clone());
    app.post("/api/v1/auth/second-factor", None, body).await
}

async fn organiser_with_email(app: &TestApp) -> (String, Tokens) {
    let email = format!("organiser-{}@fair.example", uuid::Uuid::now_v7().simple());
    app.create_organiser(&email).await;
    let tokens = Tokens::from(&app.login_organiser(&email, PASSWORD).await.expect(200).body);
    (email, tokens)
}

async fn audit_actions(app: &TestApp, access: &str) -> Vec<String> {
    let log = app.get("/api/v1/audit?limit=100", Some(access)).await.expect(200).body;
    log["items"].as_array().unwrap().iter().map(|entry| entry["action"].as_str().unwrap().to_owned()).collect()
}

/// The first message with this subject, waiting for it (10 s at most): other mail (an invitation,
/// another notice) may arrive before or after it.
async fn mail_with_subject(app: &TestApp, subject: &str) -> pavilion_tests::smtp::Received {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(mail) =
            app.smtp.received().into_iter().find(|mail| mail.header("Subject").as_deref() == Some(subject))
        {
            return mail;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no message {subject:?} among {:?}",
            app.smtp.received().iter().map(|m| m.header("Subject")).collect::<Vec<_>>()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn an_app_confirmed_by_a_first_code_is_asked_for_at_sign_in_and_each_code_works_once() {
    let app = spawn_app().await;
    let (email, tokens) = organiser_with_email(&app).await;
    let none = app.get("/api/v1/me/second-factor", Some(&tokens.access)).await.expect(200);
    assert_eq!(none.body, json!({"totp": false, "recovery_codes_left": 0, "passkeys": []}));

    // Started but not confirmed: sign-in is unchanged, and a wrong first code confirms nothing.
    app.post("/api/v1/me/second-factor/totp", Some(&tokens.access), json!({})).await.expect(200);
    app.login_organiser(&email, PASSWORD).await.expect(200).body["access_token"].as_str().expect("tokens");
    let wrong = app
        .post("/api/v1/me/second-factor/totp/confirm", Some(&tokens.access), json!({"code": "12345x"}))
        .await
        .expect(422);
    insta::assert_json_snapshot!("second_factor_wrong_first_code", wrong.body);

    let enrolled = enrol(&app, &tokens.access).await;
    assert_eq!(enrolled.recovery_codes.len(), 10);
    let added = mail_with_subject(&app, "A second factor was added to your Pavilion account").await;
    assert!(added.body("text/plain").contains("From now on, signing in asks for the code"));
    let overview = app.get("/api/v1/me/second-factor", Some(&tokens.access)).await.expect(200);
    assert_eq!(overview.body, json!({"totp": true, "recovery_codes_left": 10, "passkeys": []}));
    let again = app.post("/api/v1/me/second-factor/totp", Some(&tokens.access), json!({})).await.expect(409);
    assert_eq!(again.body["code"], "conflict");

    let login = app.login_organiser(&email, PASSWORD).await.expect(200);
    assert_eq!(login.body["second_factor"]["methods"], json!(["totp", "recovery_code"]));
    assert_eq!(login.body["second_factor"]["expires_in"], 300);
    let challenge_token = login.body["second_factor"]["challenge"].as_str().unwrap().to_owned();

    // The code that confirmed the app is used: not accepted again, even within its 30 seconds.
    let replay = finish(&app, &challenge_token, json!({"code": enrolled.code(&app)})).await.expect(401);
    insta::assert_json_snapshot!("second_factor_wrong_code", replay.body);
    next_step(&app);
    let code = enrolled.code(&app);
    let pair = finish(&app, &challenge_token, json!({"code": code})).await.expect(200);
    assert_eq!(pair.header("cache-control"), Some("no-store"));
    let signed_in = Tokens::from(&pair.body);
    app.get("/api/v1/me", Some(&signed_in.access)).await.expect(200);

    // The challenge is used up, and the code too, on a new challenge.
    let used = finish(&app, &challenge_token, json!({"code": code})).await.expect(410);
    assert_eq!(used.body["code"], "challenge_expired");
    let fresh = challenge(&app, &email).await;
    finish(&app, &fresh, json!({"code": code})).await.expect(401);
    // A challenge lasts five minutes.
    app.clock.advance(chrono::Duration::minutes(6));
    finish(&app, &fresh, json!({"code": enrolled.code(&app)})).await.expect(410);

    // Exactly one of a code or a recovery code.
    let fresh = challenge(&app, &email).await;
    let both = finish(&app, &fresh, json!({"code": "123456", "recovery_code": "abcde-fghjk"})).await.expect(422);
    assert_eq!(both.body["errors"][0]["code"], "one_of");
    finish(&app, &fresh, json!({})).await.expect(422);

    let actions = audit_actions(&app, &signed_in.access).await;
    assert!(actions.contains(&"second_factor_added".to_owned()), "{actions:?}");
    assert_eq!(actions.iter().filter(|action| *action == "second_factor_failed").count(), 2, "{actions:?}");

    // Removed: the password alone signs in again.
    app.request(Method::DELETE, "/api/v1/me/second-factor/totp", Some(&signed_in.access), None).await.expect(204);
    app.request(Method::DELETE, "/api/v1/me/second-factor/totp", Some(&signed_in.access), None).await.expect(404);
    app.login_organiser(&email, PASSWORD).await.expect(200).body["access_token"].as_str().expect("tokens");
    assert!(audit_actions(&app, &signed_in.access).await.contains(&"second_factor_removed".to_owned()));
    let removed = mail_with_subject(&app, "The second factor of your Pavilion account was removed").await;
    assert!(removed.to.iter().any(|to| to.contains(&email)));
}

#[tokio::test]
async fn recovery_codes_sign_in_once_each_and_renewing_them_voids_the_old_ones() {
    let app = spawn_app().await;
    let (email, tokens) = organiser_with_email(&app).await;
    let enrolled = enrol(&app, &tokens.access).await;
    let first = &enrolled.recovery_codes[0];
    assert!(
        first.len() == 11 && first.chars().nth(5) == Some('-'),
        "recovery codes read as two groups of five: {first}"
    );

    // Typed any way: capitals, spaces instead of the hyphen.
    let typed = first.to_uppercase().replace('-', " ");
    let pair = finish(&app, &challenge(&app, &email).await, json!({"recovery_code": typed})).await.expect(200);
    let signed_in = Tokens::from(&pair.body);
    finish(&app, &challenge(&app, &email).await, json!({"recovery_code": first})).await.expect(401);
    let overview = app.get("/api/v1/me/second-factor", Some(&signed_in.access)).await.expect(200);
    assert_eq!(overview.body["recovery_codes_left"], 9);
    assert!(audit_actions(&app, &signed_in.access).await.contains(&"recovery_code_used".to_owned()));

    let renewed =
        app.post("/api/v1/me/second-factor/recovery-codes", Some(&signed_in.access), json!({})).await.expect(200).body
            ["recovery_codes"]
            .clone();
    let renewed: Vec<String> = serde_json::from_value(renewed).unwrap();
    assert_eq!(renewed.len(), 10);
    assert!(renewed.iter().all(|code| !enrolled.recovery_codes.contains(code)));
    let old_unused = &enrolled.recovery_codes[1];
    finish(&app, &challenge(&app, &email).await, json!({"recovery_code": old_unused})).await.expect(401);
    finish(&app, &challenge(&app, &email).await, json!({"recovery_code": renewed[0]})).await.expect(200);

    // No app, no recovery codes.
    let (_, other) = organiser_with_email(&app).await;
    app.post("/api/v1/me/second-factor/recovery-codes", Some(&other.access), json!({})).await.expect(409);
}

/// Wrong attempts until the first 429 (which must carry `Retry-After`), at most 20.
async fn failures_before_a_delay(mut attempt: impl AsyncFnMut() -> Reply) -> usize {
    for failures in 0..20 {
        let reply = attempt().await;
        match reply.status.as_u16() {
            401 => continue,
            429 => {
                assert!(reply.header("retry-after").is_some(), "{reply:?}");
                return failures;
            }
            other => panic!("unexpected {other}: {}", reply.text),
        }
    }
    panic!("no delay after 20 wrong attempts");
}

#[tokio::test]
async fn wrong_codes_meet_the_same_delays_as_wrong_passwords() {
    let app = spawn_app().await;
    let (email, tokens) = organiser_with_email(&app).await;
    let enrolled = enrol(&app, &tokens.access).await;
    let challenge_token = challenge(&app, &email).await;
    let wrong = wrong_code(&app, &enrolled);
    let codes = failures_before_a_delay(async || finish(&app, &challenge_token, json!({"code": wrong})).await).await;

    let (other, _) = organiser_with_email(&app).await;
    let passwords =
        failures_before_a_delay(async || app.login_organiser(&other, "not the password at all").await).await;
    assert_eq!(codes, passwords, "wrong codes and wrong passwords meet the first delay after as many failures");
    assert!(codes >= 3, "a few typos are free: {codes}");

    // Once the delay has passed (a second, at first), the right code signs in.
    next_step(&app);
    finish(&app, &challenge_token, json!({"code": enrolled.code(&app)})).await.expect(200);
}

#[tokio::test]
async fn the_sign_in_page_asks_for_the_code_and_a_reset_link_alone_does_not_sign_in() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let member = app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let enrolled = enrol(&app, &member.access).await;
    next_step(&app);

    let mut web = app.web();
    let sign_in = "/en/pavilions/hangzhou/sign-in";
    let asked = web.submit(sign_in, sign_in, &[("email", "lin@hz.example"), ("password", PASSWORD)]).await.expect(200);
    assert!(web.cookie("pavilion-session").is_none(), "signed in before the second factor");
    assert!(asked.text.contains("<h1>Enter your sign-in code</h1>"), "{}", asked.text);
    assert!(asked.text.contains(r#"autocomplete="one-time-code""#));
    let form = form_fields(&asked.text, "/en/sign-in/second-factor");

    let wrong = wrong_code(&app, &enrolled);
    let refused = web
        .post_fields("/en/sign-in/second-factor", &with_fields(form.clone(), &[("code", &wrong)], &[]))
        .await
        .expect(422);
    assert!(refused.text.contains("That code is not right"), "{}", refused.text);
    let code = enrolled.code(&app);
    let done =
        web.post_fields("/en/sign-in/second-factor", &with_fields(form, &[("code", &code)], &[])).await.expect(303);
    assert_eq!(done.header("location"), Some("/en/workspace"));
    assert!(web.cookie("pavilion-session").is_some());
    web.get("/en/workspace").await.expect(200);

    // A reset link proves the mailbox only: after the new password, the code is still asked for.
    app.post("/api/v1/pavilions/hangzhou/auth/password-reset", None, json!({"email": "lin@hz.example"}))
        .await
        .expect(202);
    // Among the mail to the account (its invitation, "a second factor was added"), the link.
    let token = loop {
        let received = app.smtp.received();
        if let Some(reset) = received.iter().map(|mail| mail.body("text/plain")).find(|body| body.contains("/reset/")) {
            break link_token(&reset, "/reset/");
        }
        app.smtp.wait_for(received.len() + 1).await;
    };
    let mut other = app.web();
    other.get(&format!("/reset/{token}")).await.expect(303);
    let new_password = "amber lantern crosses midnight";
    let asked =
        other.submit("/en/reset", "/en/reset", &[("token", &token), ("password", new_password)]).await.expect(200);
    assert!(asked.text.contains("<h1>Enter your sign-in code</h1>"), "{}", asked.text);
    assert!(other.cookie("pavilion-session").is_none(), "a reset link alone signed the account in");
    next_step(&app);
    let form = form_fields(&asked.text, "/en/sign-in/second-factor");
    let recovery = &enrolled.recovery_codes[0];
    other.post_fields("/en/sign-in/second-factor", &with_fields(form, &[("code", recovery)], &[])).await.expect(303);
    assert!(other.cookie("pavilion-session").is_some());

    // The page in Chinese.
    let asked = app
        .web()
        .submit(
            "/zh-hant/pavilions/hangzhou/sign-in",
            "/zh-hant/pavilions/hangzhou/sign-in",
            &[("email", "lin@hz.example"), ("password", new_password)],
        )
        .await
        .expect(200);
    assert!(asked.text.contains("輸入登入驗證碼"), "{}", asked.text);
}

/// The secret an authenticator page shows for typing (`ABCD EFGH …`).
fn shown_secret(html: &str) -> TotpSecret {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("code.secret").unwrap();
    let grouped: String = document.select(&selector).next().expect("the secret as text").text().collect();
    TotpSecret::from_base32(&grouped.replace(' ', "")).expect("base32")
}

#[tokio::test]
async fn an_app_is_added_renewed_and_removed_from_the_account_page() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let mut web = app.web();
    let sign_in = "/en/pavilions/hangzhou/sign-in";
    web.submit(sign_in, sign_in, &[("email", "lin@hz.example"), ("password", PASSWORD)]).await.expect(303);

    let account = web.get("/en/workspace/account").await.expect(200);
    assert!(account.text.contains("Signing in asks for your password only."), "{}", account.text);
    let start = form_fields(&account.text, "/en/workspace/account/authenticator");
    let started = web.post_fields("/en/workspace/account/authenticator", &start).await.expect(303);
    assert_eq!(started.header("location"), Some("/en/workspace/account/authenticator"));
    let shown = web.get("/en/workspace/account/authenticator").await.expect(200);
    assert_eq!(shown.header("cache-control"), Some("private, no-store"));
    assert!(shown.text.contains(r#"<svg role="img" aria-label="QR code to scan with your authenticator app""#));
    let secret = shown_secret(&shown.text);

    let form = form_fields(&shown.text, "/en/workspace/account/authenticator/confirm");
    let refused = web
        .post_fields(
            "/en/workspace/account/authenticator/confirm",
            &with_fields(form.clone(), &[("code", "12x456")], &[]),
        )
        .await
        .expect(422);
    assert!(refused.text.contains("That is not the code your app shows now."), "{}", refused.text);
    let code = secret.code_at(app.clock.now()).unwrap();
    let codes_page = web
        .post_fields("/en/workspace/account/authenticator/confirm", &with_fields(form, &[("code", &code)], &[]))
        .await
        .expect(200);
    assert_eq!(codes_page.header("cache-control"), Some("private, no-store"));
    let document = scraper::Html::parse_document(&codes_page.text);
    let codes: Vec<String> = document
        .select(&scraper::Selector::parse(".recovery-codes code").unwrap())
        .map(|code| code.text().collect())
        .collect();
    assert_eq!(codes.len(), 10, "{}", codes_page.text);

    let account = web.get("/en/workspace/account").await.expect(200);
    assert!(account.text.contains("10 recovery codes left."), "{}", account.text);
    // The page is gone once confirmed: back to the account.
    web.get("/en/workspace/account/authenticator").await.expect(303);

    // Signing in again asks for the code; a recovery code from the page works.
    let mut again = app.web();
    let asked =
        again.submit(sign_in, sign_in, &[("email", "lin@hz.example"), ("password", PASSWORD)]).await.expect(200);
    let form = form_fields(&asked.text, "/en/sign-in/second-factor");
    again.post_fields("/en/sign-in/second-factor", &with_fields(form, &[("code", &codes[3])], &[])).await.expect(303);

    let renew = form_fields(&account.text, "/en/workspace/account/recovery-codes");
    let renewed = web.post_fields("/en/workspace/account/recovery-codes", &renew).await.expect(200);
    assert!(renewed.text.contains("The old ones no longer work."), "{}", renewed.text);

    let remove = form_fields(&account.text, "/en/workspace/account/authenticator/remove");
    let removed = web.post_fields("/en/workspace/account/authenticator/remove", &remove).await.expect(303);
    assert_eq!(removed.header("location"), Some("/en/workspace/account?done=authenticator-removed"));
    let account = web.get("/en/workspace/account?done=authenticator-removed").await.expect(200);
    assert!(account.text.contains("The authenticator app is removed."), "{}", account.text);
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, json!({"email": "lin@hz.example", "password": PASSWORD}))
        .await
        .expect(200)
        .body["access_token"]
        .as_str()
        .expect("the password alone signs in again");

    // The page in both Chinese scripts.
    let zh = web.get("/zh-hans/workspace/account").await.expect(200);
    assert!(zh.text.contains("两步登录") && zh.text.contains("添加身份验证器应用"), "{}", zh.text);
    let zh = web.get("/zh-hant/workspace/account").await.expect(200);
    assert!(zh.text.contains("兩步驟登入") && zh.text.contains("新增驗證器應用程式"), "{}", zh.text);
}

#[tokio::test]
async fn organisers_must_add_a_second_factor_before_anything_else_where_the_deployment_requires_it() {
    let db = TestDb::fresh();
    let settings = Settings { require_second_factor: true, ..test_settings(&db) };
    let app = spawn_app_with(db, settings).await;
    let (email, tokens) = organiser_with_email(&app).await;
    let refused = app.get("/api/v1/pavilions", Some(&tokens.access)).await.expect(403);
    insta::assert_json_snapshot!("second_factor_required", refused.body);
    let pavilion = json!({"slug": "hangzhou", "name": {"en": "Hangzhou Pavilion"}, "region": {"en": "Hangzhou"}});
    app.post("/api/v1/pavilions", Some(&tokens.access), pavilion.clone()).await.expect(403);
    app.get("/api/v1/market/overview", Some(&tokens.access)).await.expect(403);
    app.get("/api/v1/me", Some(&tokens.access)).await.expect(200);

    // On the pages: signed in to the account page only, which says why; public pages stay open.
    let mut web = app.web();
    web.submit("/en/sign-in", "/en/sign-in", &[("email", &email), ("password", PASSWORD)]).await.expect(303);
    let sent = web.get("/en/workspace/market").await.expect(303);
    assert_eq!(sent.header("location"), Some("/en/workspace/account?done=second-factor-required"));
    let account = web.get("/en/workspace/account?done=second-factor-required").await.expect(200);
    assert!(account.text.contains("Your account must use two-step sign-in."), "{}", account.text);
    web.get("/en/").await.expect(200);

    // Added from the same session: everything opens at once.
    enrol(&app, &tokens.access).await;
    app.post("/api/v1/pavilions", Some(&tokens.access), pavilion).await.expect(201);
    web.get("/en/workspace/market").await.expect(200);
}

#[tokio::test]
async fn a_pavilion_requires_a_second_factor_of_its_exhibitors_and_separately_of_its_admins() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let admin = app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let company = app.create_exhibitor(&admin.access, "hangzhou", json!({"name": {"en": "West Lake Films"}})).await;
    let exhibitor = app.exhibitor_member(&admin.access, "hangzhou", &company, "sales@westlake.example").await;
    let own_company = format!("/api/v1/pavilions/hangzhou/exhibitors/{company}");
    app.get(&own_company, Some(&exhibitor.access)).await.expect(200);

    let policy = |admins: bool, exhibitors: bool| json!({"require_second_factor": {"pavilion_admin": admins, "exhibitor": exhibitors}});
    let saved = app.patch("/api/v1/pavilions/hangzhou", Some(&admin.access), policy(false, true)).await.expect(200);
    assert_eq!(saved.body["require_second_factor"], json!({"pavilion_admin": false, "exhibitor": true}));
    let refused = app.get(&own_company, Some(&exhibitor.access)).await.expect(403);
    assert_eq!(refused.body["code"], "second_factor_required");
    app.get("/api/v1/pavilions/hangzhou/exhibitors", Some(&admin.access)).await.expect(200);
    enrol(&app, &exhibitor.access).await;
    app.get(&own_company, Some(&exhibitor.access)).await.expect(200);

    // Now of its admins too: the admin who turned it on is asked first, on the next request.
    app.patch("/api/v1/pavilions/hangzhou", Some(&admin.access), policy(true, true)).await.expect(200);
    app.get("/api/v1/pavilions/hangzhou/exhibitors", Some(&admin.access)).await.expect(403);
    app.get("/api/v1/pavilions/hangzhou/exhibitors", Some(&organiser.access)).await.expect(200);
    // The public does not see the policy; the organiser does.
    assert!(app.get("/api/v1/pavilions/hangzhou", None).await.expect(200).body.get("require_second_factor").is_none());
    let seen = app.get("/api/v1/pavilions/hangzhou", Some(&organiser.access)).await.expect(200);
    assert_eq!(seen.body["require_second_factor"], json!({"pavilion_admin": true, "exhibitor": true}));
}

#[tokio::test]
async fn an_admin_removes_a_members_second_factor_for_them_and_their_sessions_end() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let admin = app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let company = app.create_exhibitor(&admin.access, "hangzhou", json!({"name": {"en": "West Lake Films"}})).await;
    let exhibitor = app.exhibitor_member(&admin.access, "hangzhou", &company, "sales@westlake.example").await;
    enrol(&app, &exhibitor.access).await;
    let member =
        app.get("/api/v1/me", Some(&exhibitor.access)).await.expect(200).body["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/pavilions/hangzhou/users/{member}/second-factor");

    app.request(Method::DELETE, &path, Some(&exhibitor.access), None).await.expect(403);
    app.request(Method::DELETE, &path, Some(&admin.access), None).await.expect(204);
    app.get("/api/v1/me", Some(&exhibitor.access)).await.expect(401);
    let login = json!({"email": "sales@westlake.example", "password": PASSWORD});
    let signed_in = app.post("/api/v1/pavilions/hangzhou/auth/login", None, login).await.expect(200);
    assert!(signed_in.body.get("access_token").is_some(), "the password alone signs in again: {}", signed_in.body);

    let told = mail_with_subject(&app, "The second factor of your hangzhou Pavilion account was removed").await;
    assert!(told.to.iter().any(|to| to.contains("sales@westlake.example")));
    assert!(told.body("text/plain").contains("Lin Wei removed the authenticator app"), "{}", told.body("text/plain"));
    let audit = app.get("/api/v1/pavilions/hangzhou/audit?action=second_factor_reset", Some(&admin.access)).await;
    let entries = audit.expect(200).body["items"].as_array().unwrap().clone();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["target"], "sales@westlake.example");

    // Nothing left to remove; and one's own factor is removed from one's account page.
    app.request(Method::DELETE, &path, Some(&admin.access), None).await.expect(404);
    let own = app.get("/api/v1/me", Some(&admin.access)).await.expect(200).body["id"].as_str().unwrap().to_owned();
    let own_path = format!("/api/v1/pavilions/hangzhou/users/{own}/second-factor");
    app.request(Method::DELETE, &own_path, Some(&admin.access), None).await.expect(409);
    // The organiser may, for anyone of any pavilion.
    enrol(&app, &admin.access).await;
    app.request(Method::DELETE, &own_path, Some(&organiser.access), None).await.expect(204);
}

#[tokio::test]
async fn the_command_line_removes_a_locked_out_organisers_second_factor() {
    let app = spawn_app().await;
    let (email, tokens) = organiser_with_email(&app).await;
    enrol(&app, &tokens.access).await;
    let removed = pavilion_api::cli::remove_organisers_second_factor(&app.settings, &email).await.expect("removed");
    assert_eq!(removed.email.as_str(), email);
    app.get("/api/v1/me", Some(&tokens.access)).await.expect(401);
    app.login_organiser(&email, PASSWORD).await.expect(200).body["access_token"].as_str().expect("tokens");
    let audit = app.get("/api/v1/audit?action=second_factor_reset", Some(&tokens.access)).await;
    assert_eq!(audit.status.as_u16(), 401, "the old session is gone");
    let again = pavilion_api::cli::remove_organisers_second_factor(&app.settings, &email).await.unwrap_err();
    assert!(again.to_string().contains("second factor not found"), "{again}");
}

#[tokio::test]
async fn the_accounts_page_removes_a_members_second_factor() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let admin = app.member(&organiser.access, "hangzhou", "lin@hz.example", "pavilion_admin").await;
    let company = app.create_exhibitor(&admin.access, "hangzhou", json!({"name": {"en": "West Lake Films"}})).await;
    let exhibitor = app.exhibitor_member(&admin.access, "hangzhou", &company, "sales@westlake.example").await;
    enrol(&app, &exhibitor.access).await;
    let member =
        app.get("/api/v1/me", Some(&exhibitor.access)).await.expect(200).body["id"].as_str().unwrap().to_owned();

    let mut web = app.web();
    let sign_in = "/en/pavilions/hangzhou/sign-in";
    web.submit(sign_in, sign_in, &[("email", "lin@hz.example"), ("password", PASSWORD)]).await.expect(303);
    let accounts = "/en/workspace/pavilions/hangzhou/accounts";
    let page = web.get(accounts).await.expect(200);
    assert_eq!(page.text.matches("Remove two-step sign-in").count(), 1, "only the exhibitor has one: {}", page.text);
    let action = format!("{accounts}/{member}");
    let form = with_fields(form_fields(&page.text, &action), &[("second_factor", "remove")], &["disabled"]);
    let done = web.post_fields(&action, &form).await.expect(303);
    assert_eq!(done.header("location"), Some(format!("{accounts}?done=second-factor-removed").as_str()));
    let page = web.get(&format!("{accounts}?done=second-factor-removed")).await.expect(200);
    assert!(page.text.contains("authenticator app is removed"), "{}", page.text);
    assert!(!page.text.contains("Remove two-step sign-in"));
    app.get("/api/v1/me", Some(&exhibitor.access)).await.expect(401);
}
