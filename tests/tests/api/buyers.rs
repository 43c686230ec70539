//! Buyers of the whole market: registration without enumeration, the confirmation link, signing
//! in only once confirmed, and a realm of their own.

use pavilion_tests::{PASSWORD, TestApp, Tokens, link_token, spawn_app};
use serde_json::{Value, json};

fn registration(email: &str) -> Value {
    json!({"email": email, "password": PASSWORD, "name": "Claire Martin", "company": "Lumière Distribution",
           "company_type": "distributor", "country": "FR", "territories": ["FR", "BE", "EUROPE"],
           "media": ["theatrical", "svod"], "kinds": ["feature"], "locale": "zh-Hans"})
}

/// Registers `email` and returns the token of the confirmation link emailed to it.
async fn register(app: &TestApp, email: &str) -> String {
    let before = app.smtp.received().len();
    app.post("/api/v1/buyers", None, registration(email)).await.expect(202);
    let mail = app.smtp.wait_for(before + 1).await;
    link_token(&mail.last().unwrap().body("text/plain"), "/verify-email/")
}

fn login(email: &str, password: &str) -> Value {
    json!({"email": email, "password": password})
}

#[tokio::test]
async fn registering_answers_the_same_for_a_new_and_a_known_address_and_tells_the_owner_by_email() {
    let app = spawn_app().await;
    let new = app.post("/api/v1/buyers", None, registration("claire@lumiere.example")).await.expect(202);
    let mail = app.smtp.wait_for(1).await;
    let confirm = &mail[0];
    assert_eq!(confirm.header("Subject").unwrap(), "确认您在Pavilion的邮箱地址");
    let text = confirm.body("text/plain");
    assert!(text.contains("感谢您在Pavilion注册为买家") && text.contains("/verify-email/"), "{text}");

    // Again while unconfirmed: the same answer, and a fresh link (the first may have expired).
    let again = app.post("/api/v1/buyers", None, registration("CLAIRE@lumiere.example")).await.expect(202);
    assert_eq!((new.status, &new.text), (again.status, &again.text));
    let mail = app.smtp.wait_for(2).await;
    let token = link_token(&mail[1].body("text/plain"), "/verify-email/");
    app.post("/api/v1/buyers/verify-email", None, json!({"token": token})).await.expect(204);

    // Once confirmed: the same answer again; its owner hears of it, and no second account or
    // link is made.
    let known = app.post("/api/v1/buyers", None, registration("claire@LUMIERE.example")).await.expect(202);
    assert_eq!((new.status, &new.text), (known.status, &known.text));
    let mail = app.smtp.wait_for(3).await;
    let notice = mail[2].body("text/plain");
    assert!(notice.contains("该地址已有买家账户，账户保持不变") && !notice.contains("/verify-email/"), "{notice}");
    insta::assert_snapshot!("buyer_already_registered", notice);
}

#[tokio::test]
async fn a_buyer_signs_in_only_once_its_address_is_confirmed_and_the_link_works_once() {
    let app = spawn_app().await;
    let token = register(&app, "claire@lumiere.example").await;
    let unconfirmed = app.post("/api/v1/buyers/auth/login", None, login("claire@lumiere.example", PASSWORD)).await;
    let wrong = app.post("/api/v1/buyers/auth/login", None, login("claire@lumiere.example", "not it at all")).await;
    assert_eq!(
        (unconfirmed.status.as_u16(), &unconfirmed.body),
        (401, &wrong.body),
        "the same refusal as a wrong password"
    );

    app.post("/api/v1/buyers/verify-email", None, json!({"token": token})).await.expect(204);
    let used = app.post("/api/v1/buyers/verify-email", None, json!({"token": token})).await.expect(410);
    assert_eq!(used.body["code"], "confirmation_used");
    app.post("/api/v1/buyers/verify-email", None, json!({"token": "no-such-token"})).await.expect(404);

    let tokens = Tokens::from(
        &app.post("/api/v1/buyers/auth/login", None, login("claire@lumiere.example", PASSWORD)).await.expect(200).body,
    );
    let me = app.get("/api/v1/me", Some(&tokens.access)).await.expect(200).body;
    assert_eq!((me["role"].as_str(), me["name"].as_str()), (Some("buyer"), Some("Claire Martin")));
    assert_eq!(me["locale"], "zh-Hans");

    // A link not used within a day stops working.
    let late = register(&app, "late@buyer.example").await;
    app.clock.advance(chrono::Duration::hours(25));
    let expired = app.post("/api/v1/buyers/verify-email", None, json!({"token": late})).await.expect(410);
    assert_eq!(expired.body["code"], "confirmation_expired");
    app.post("/api/v1/buyers/auth/login", None, login("late@buyer.example", PASSWORD)).await.expect(401);
}

#[tokio::test]
async fn a_buyers_credentials_open_nothing_of_the_organisers_or_the_pavilions_and_theirs_nothing_of_a_buyers() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.member(&organiser.access, "hangzhou", "admin@hz.example", "pavilion_admin").await;
    // One address with an organiser's account and an admin's: neither is a buyer.
    app.create_organiser("claire@lumiere.example").await;
    let token = register(&app, "claire@lumiere.example").await;
    app.post("/api/v1/buyers/verify-email", None, json!({"token": token})).await.expect(204);
    let buyer = Tokens::from(
        &app.post("/api/v1/buyers/auth/login", None, login("claire@lumiere.example", PASSWORD)).await.expect(200).body,
    );

    for (path, statuses) in [
        ("/api/v1/market/overview", [403, 404]),
        ("/api/v1/pavilions/hangzhou/users", [403, 404]),
        ("/api/v1/pavilions/hangzhou/emails", [403, 404]),
        ("/api/v1/pavilions/hangzhou/invitations", [403, 404]),
        ("/api/v1/exports/exhibitors.csv?version=working", [403, 404]),
    ] {
        let reply = app.get(path, Some(&buyer.access)).await;
        assert!(statuses.contains(&reply.status.as_u16()), "{path} as a buyer: {} {}", reply.status, reply.text);
    }
    app.post(
        "/api/v1/pavilions",
        Some(&buyer.access),
        json!({"slug": "mine", "name": {"en": "Mine"}, "region": {"en": "X"}}),
    )
    .await
    .expect(403);
    // The buyer's password at the other doors, and theirs at the buyers': nothing.
    app.login_organiser("nobody-else@fair.example", PASSWORD).await.expect(401);
    app.post("/api/v1/pavilions/hangzhou/auth/login", None, login("claire@lumiere.example", PASSWORD))
        .await
        .expect(401);
    app.post("/api/v1/buyers/auth/login", None, login("admin@hz.example", PASSWORD)).await.expect(401);
    let organiser_me = Tokens::from(&app.login_organiser("claire@lumiere.example", PASSWORD).await.expect(200).body);
    let me = app.get("/api/v1/me", Some(&organiser_me.access)).await.expect(200).body;
    assert_eq!(me["role"], "organiser", "the organisers' door opens the organiser's account");
}

#[tokio::test]
async fn a_registration_is_checked_against_the_works_vocabulary_naming_each_field() {
    let app = spawn_app().await;
    let mut bad = registration("x@buyer.example");
    bad["country"] = json!("XX");
    bad["territories"] = json!(["FR", "ATLANTIS"]);
    bad["media"] = json!(["vhs"]);
    bad["company_type"] = json!("pirate");
    let refused = app.post("/api/v1/buyers", None, bad).await.expect(422);
    let fields: Vec<&str> =
        refused.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["company_type", "country", "territories[1]", "media[0]"], "{}", refused.text);
    assert!(app.smtp.received().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn the_emailed_link_confirms_the_address_on_a_page_with_one_button() {
    let app = spawn_app().await;
    let token = register(&app, "claire@lumiere.example").await;
    let mut web = app.web();
    // The link hands its token to the page by a cookie and leaves the address bar at once.
    let followed = web.get(&format!("/verify-email/{token}")).await;
    assert_eq!(followed.status.as_u16(), 303);
    let location = followed.header("location").unwrap().to_owned();
    assert!(location.ends_with("/verify-email") && !location.contains(&token), "{location}");
    let page = web.get(&location).await.expect(200);
    assert!(page.text.contains("Confirm my address"), "{}", page.text);
    // Reading the page confirms nothing: a link scanner does not confirm anyone's address.
    app.post("/api/v1/buyers/auth/login", None, login("claire@lumiere.example", PASSWORD)).await.expect(401);
    let fields = pavilion_tests::web::implicit_submission(&page.text, "/en/verify-email");
    // The site's sign-in page, which lists the pavilions' doors, points buyers to theirs.
    let doors = web.get("/zh-hant/sign-in").await.expect(200);
    assert!(
        doors.text.contains(r#"在本市場採購作品？ <a href="/zh-hant/buyers/sign-in">買家登入</a>"#),
        "{}",
        doors.text
    );
    let confirmed = web.post_fields("/en/verify-email", &fields).await.expect(200);
    assert!(confirmed.text.contains("Your address is confirmed"), "{}", confirmed.text);
    app.post("/api/v1/buyers/auth/login", None, login("claire@lumiere.example", PASSWORD)).await.expect(200);
    // Twice: the page says the link was used, and where to sign in.
    let again = web.post_fields("/en/verify-email", &fields).await;
    assert_eq!(again.status.as_u16(), 410);
    assert!(again.text.contains("This link was used already") && again.text.contains("/en/buyers/sign-in"));
}

#[tokio::test]
async fn registrations_of_one_new_address_sent_at_once_make_one_account_and_all_answer_alike() {
    let app = spawn_app().await;
    // Two at once, within the per-address limit on registrations. The unique key on buyers'
    // addresses keeps it one account whichever way they interleave; where both pass the lookup
    // (they often queue one after the other on the hashing threads), the loser answers 202 too.
    let attempts = (0..2).map(|_| app.post("/api/v1/buyers", None, registration("claire@lumiere.example")));
    let replies = futures_util::future::join_all(attempts).await;
    for reply in &replies {
        assert_eq!((reply.status.as_u16(), reply.text.as_str()), (202, ""), "{}", reply.text);
    }
    // One account: its first link confirms it; any later registration saw it (unconfirmed) and
    // sent a link of its own, all for the same account.
    let mail = app.smtp.wait_for(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let mail = if app.smtp.received().len() > mail.len() { app.smtp.received() } else { mail };
    assert!(mail.iter().all(|m| m.body("text/plain").contains("/verify-email/")));
    let token = link_token(&mail[0].body("text/plain"), "/verify-email/");
    app.post("/api/v1/buyers/verify-email", None, json!({"token": token})).await.expect(204);
    app.post("/api/v1/buyers/auth/login", None, login("claire@lumiere.example", PASSWORD)).await.expect(200);
    let accounts: i64 = app
        .database()
        .run(|conn| {
            use diesel::RunQueryDsl;
            #[derive(diesel::QueryableByName)]
            struct Count {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let query = diesel::sql_query("SELECT COUNT(*) AS n FROM users WHERE role = 'buyer'");
            Ok(query.get_result::<Count>(conn)?.n)
        })
        .unwrap();
    assert_eq!(accounts, 1, "one account for the address");
}
