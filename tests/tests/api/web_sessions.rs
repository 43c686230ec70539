//! Signing in on the pages: browser sessions, their cookie, cross-site protection, and the
//! account page. Over HTTP without a browser; the `browser` tests drive Chromium.

use pavilion_tests::web::form_token;
use pavilion_tests::{PASSWORD, TestApp, spawn_app};
use serde_json::json;

const EXHIBITOR: &str = "sales@westlake.example";

/// An active pavilion `hangzhou` with an exhibitor account; returns the admin's access token.
async fn pavilion_with_exhibitor(app: &TestApp) -> String {
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let admin = app.member(&organiser.access, "hangzhou", "admin@hz.example", "pavilion_admin").await;
    let company = app.create_exhibitor(&admin.access, "hangzhou", json!({"name": {"en": "West Lake Films"}})).await;
    app.exhibitor_member(&admin.access, "hangzhou", &company, EXHIBITOR).await;
    admin.access
}

const SIGN_IN: &str = "/en/pavilions/hangzhou/sign-in";

#[tokio::test]
async fn signing_in_on_the_page_opens_a_browser_session_held_in_an_http_only_cookie() {
    let app = spawn_app().await;
    pavilion_with_exhibitor(&app).await;
    let mut web = app.web();

    let form = web.get(SIGN_IN).await.expect(200);
    assert_eq!(form.header("cache-control"), Some("private, no-store"));
    assert!(form.text.contains("<h1>Sign in to hangzhou Pavilion</h1>"), "{}", form.text);
    assert!(form.text.contains(r#"<label for="email">Email address</label>"#));
    let visitor = form.header("set-cookie").expect("a form cookie").to_owned();
    assert!(visitor.contains("HttpOnly") && visitor.contains("SameSite=Lax"), "{visitor}");

    let signed_in = web.submit(SIGN_IN, SIGN_IN, &[("email", EXHIBITOR), ("password", PASSWORD)]).await.expect(303);
    assert_eq!(signed_in.header("location"), Some("/en/workspace"));
    let cookie = signed_in
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("pavilion-session="));
    let cookie = cookie.expect("a session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "the test site is plain http");

    let home = web.get("/zh-hans/workspace").await.expect(200);
    assert_eq!(home.header("cache-control"), Some("private, no-store"));
    assert!(
        home.text.contains("Zhou Min") && home.text.contains("参展商") && home.text.contains("hangzhou馆"),
        "{}",
        home.text
    );
    assert!(home.text.contains(r#"href="/zh-hans/workspace/account""#));

    // The JSON API knows nothing of the cookie; the cookie is no refresh token.
    let session = web.cookie("pavilion-session").unwrap().to_owned();
    let me = app
        .client
        .get(app.url("/api/v1/me"))
        .header("cookie", format!("pavilion-session={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status().as_u16(), 401);
    app.post("/api/v1/auth/refresh", None, json!({"refresh_token": session})).await.expect(401);
}

#[tokio::test]
async fn a_wrong_password_an_unknown_account_and_an_unknown_pavilion_read_the_same() {
    let app = spawn_app().await;
    pavilion_with_exhibitor(&app).await;
    let wrong = "The email address or the password is not right, or this account cannot sign in here.";
    for (page, email, password) in [
        (SIGN_IN, EXHIBITOR, "not the password at all"),
        (SIGN_IN, "nobody@westlake.example", PASSWORD),
        ("/en/pavilions/nowhere/sign-in", EXHIBITOR, PASSWORD),
        ("/en/sign-in", EXHIBITOR, PASSWORD),
    ] {
        let mut web = app.web();
        let refused = web.submit(page, page, &[("email", email), ("password", password)]).await.expect(422);
        assert!(refused.text.contains(wrong), "{page}: {}", refused.text);
        assert!(refused.text.contains(&format!(r#"value="{email}""#)), "the email is kept");
        assert!(!refused.text.contains(password), "the password is never shown again");
        assert!(web.cookie("pavilion-session").is_none());
    }
}

#[tokio::test]
async fn repeated_failures_meet_the_apis_limits_explained_in_words() {
    let app = spawn_app().await;
    pavilion_with_exhibitor(&app).await;
    let mut web = app.web();
    let mut limited = None;
    for _ in 0..10 {
        let reply = web.submit(SIGN_IN, SIGN_IN, &[("email", EXHIBITOR), ("password", "wrong wrong wrong")]).await;
        if reply.status.as_u16() == 429 {
            limited = Some(reply);
            break;
        }
        reply.expect(422);
    }
    let limited = limited.expect("a 429 within ten failures");
    assert!(limited.header("retry-after").is_some());
    assert!(limited.text.contains("Too many attempts. Please wait"), "{}", limited.text);
    // The page and the API count against the same account.
    let api = app
        .post("/api/v1/pavilions/hangzhou/auth/login", None, json!({"email": EXHIBITOR, "password": PASSWORD}))
        .await;
    assert_eq!(api.status.as_u16(), 429);
}

#[tokio::test]
async fn a_form_from_another_site_or_without_its_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    pavilion_with_exhibitor(&app).await;
    let mut web = app.web();
    let token = form_token(&web.get(SIGN_IN).await.expect(200).text);
    let fields = [("email", EXHIBITOR), ("password", PASSWORD)];

    let without_token = web.post_form(SIGN_IN, &fields).await.expect(403);
    assert!(without_token.text.contains("This form could not be accepted"));
    let with_token = [("csrf_token", token.as_str()), ("email", EXHIBITOR), ("password", PASSWORD)];
    web.post_form_with(SIGN_IN, &with_token, &[("origin", "https://evil.example")]).await.expect(403);
    web.post_form_with(SIGN_IN, &with_token, &[("sec-fetch-site", "cross-site")]).await.expect(403);
    web.post_form_with(SIGN_IN, &with_token, &[("sec-fetch-site", "same-site")]).await.expect(403);
    // Another visitor's token does not fit this visitor's cookie.
    let mut other = app.web();
    let others = form_token(&other.get(SIGN_IN).await.text);
    web.post_form(SIGN_IN, &[("csrf_token", others.as_str()), ("email", EXHIBITOR), ("password", PASSWORD)])
        .await
        .expect(403);
    assert!(web.cookie("pavilion-session").is_none(), "no refused form signed anyone in");

    // Signed in, a forged sign-out changes nothing either.
    web.post_form(SIGN_IN, &with_token).await.expect(303);
    web.post_form("/en/sign-out", &[("csrf_token", others.as_str())]).await.expect(403);
    web.post_form_with("/en/sign-out", &[("csrf_token", token.as_str())], &[("sec-fetch-site", "cross-site")])
        .await
        .expect(403);
    web.get("/en/workspace").await.expect(200);
}

#[tokio::test]
async fn signing_out_a_password_change_elsewhere_and_a_disabled_account_end_the_browser_session_at_once() {
    let app = spawn_app().await;
    let admin = pavilion_with_exhibitor(&app).await;
    let sign_in = [("email", EXHIBITOR), ("password", PASSWORD)];

    // Signing out.
    let mut web = app.web();
    web.submit(SIGN_IN, SIGN_IN, &sign_in).await.expect(303);
    let stolen = web.cookie("pavilion-session").unwrap().to_owned();
    let workspace = web.get("/en/workspace").await.expect(200);
    let token = form_token(&workspace.text);
    let out = web.post_form("/en/sign-out", &[("csrf_token", token.as_str())]).await.expect(303);
    assert_eq!(out.header("location"), Some("/en/"));
    let mut thief = app.web();
    thief.set_cookie("pavilion-session", &stolen);
    let refused = thief.get("/en/workspace").await.expect(303);
    // Back to the workspace once signed in again.
    assert_eq!(refused.header("location"), Some("/en/sign-in?next=%2Fen%2Fworkspace"));

    // A password change through the API.
    let mut web = app.web();
    web.submit(SIGN_IN, SIGN_IN, &sign_in).await.expect(303);
    let api = app
        .post("/api/v1/pavilions/hangzhou/auth/login", None, json!({"email": EXHIBITOR, "password": PASSWORD}))
        .await
        .expect(200);
    let access = api.body["access_token"].as_str().unwrap().to_owned();
    let new_password = "amber lantern drifts upstream";
    app.post("/api/v1/me/password", Some(&access), json!({"current_password": PASSWORD, "new_password": new_password}))
        .await
        .expect(204);
    web.get("/en/workspace").await.expect(303);

    // Disabling the account.
    let mut web = app.web();
    web.submit(SIGN_IN, SIGN_IN, &[("email", EXHIBITOR), ("password", new_password)]).await.expect(303);
    web.get("/en/workspace").await.expect(200);
    let members = app.get("/api/v1/pavilions/hangzhou/users", Some(&admin)).await.expect(200).body;
    let id = members["items"].as_array().unwrap().iter().find(|m| m["email"] == EXHIBITOR).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.patch(&format!("/api/v1/pavilions/hangzhou/users/{id}"), Some(&admin), json!({"disabled": true}))
        .await
        .expect(200);
    web.get("/en/workspace").await.expect(303);
}

#[tokio::test]
async fn the_account_page_saves_name_and_language_changes_the_password_and_ends_any_session() {
    let app = spawn_app().await;
    pavilion_with_exhibitor(&app).await;
    let api = app
        .post("/api/v1/pavilions/hangzhou/auth/login", None, json!({"email": EXHIBITOR, "password": PASSWORD}))
        .await
        .expect(200);
    let api_access = api.body["access_token"].as_str().unwrap().to_owned();
    let mut web = app.web();
    web.submit(SIGN_IN, SIGN_IN, &[("email", EXHIBITOR), ("password", PASSWORD)]).await.expect(303);

    let account = web.get("/en/workspace/account").await.expect(200);
    assert!(account.text.contains("Where you are signed in"));
    assert!(account.text.contains("App or API") && account.text.contains("(this browser)"), "{}", account.text);
    assert_eq!(account.text.matches("/end\"").count(), 3, "the invitation's session, the API login and this browser");

    // Name and language: refused input is kept with its error, then saved.
    let refused = web
        .submit("/en/workspace/account", "/en/workspace/account/profile", &[("name", ""), ("locale", "zh-Hant")])
        .await
        .expect(422);
    assert!(refused.text.contains(r#"<p class="error" id="name-error">Fill this in.</p>"#), "{}", refused.text);
    let saved = web
        .submit(
            "/en/workspace/account",
            "/en/workspace/account/profile",
            &[("name", "Zhou Min (Sales)"), ("locale", "zh-Hant")],
        )
        .await
        .expect(303);
    assert_eq!(saved.header("location"), Some("/zh-hant/workspace/account?done=profile"));
    let page = web.get("/zh-hant/workspace/account?done=profile").await.expect(200);
    assert!(page.text.contains("您的姓名和語言已儲存。") && page.text.contains("Zhou Min (Sales)"));

    // A wrong current password and a weak new one, each beside its field, in the page's language.
    let wrong = web
        .submit(
            "/zh-hans/workspace/account",
            "/zh-hans/workspace/account/password",
            &[("current_password", "not it at all"), ("new_password", "amber lantern drifts upstream")],
        )
        .await
        .expect(422);
    assert!(wrong.text.contains("这不是您当前的密码。"), "{}", wrong.text);
    let weak = web
        .submit(
            "/en/workspace/account",
            "/en/workspace/account/password",
            &[("current_password", PASSWORD), ("new_password", "short")],
        )
        .await
        .expect(422);
    assert!(weak.text.contains("Use at least 12 characters."), "{}", weak.text);

    // The change keeps this browser and ends the API session.
    web.submit(
        "/en/workspace/account",
        "/en/workspace/account/password",
        &[("current_password", PASSWORD), ("new_password", "amber lantern drifts upstream")],
    )
    .await
    .expect(303);
    web.get("/en/workspace").await.expect(200);
    app.get("/api/v1/me", Some(&api_access)).await.expect(401);

    // Ending another session from the list; then this browser's own.
    let second = app
        .post(
            "/api/v1/pavilions/hangzhou/auth/login",
            None,
            json!({"email": EXHIBITOR, "password": "amber lantern drifts upstream"}),
        )
        .await
        .expect(200);
    let second_access = second.body["access_token"].as_str().unwrap().to_owned();
    let sessions = app.get("/api/v1/me/sessions", Some(&second_access)).await.expect(200).body;
    let kinds: Vec<&str> = sessions["items"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"browser") && kinds.contains(&"api"), "{kinds:?}");
    let api_session = sessions["items"].as_array().unwrap().iter().find(|s| s["current"] == true).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    web.submit("/en/workspace/account", &format!("/en/workspace/account/sessions/{api_session}/end"), &[])
        .await
        .expect(303);
    app.get("/api/v1/me", Some(&second_access)).await.expect(401);
    let browser_session = web.cookie("pavilion-session").unwrap().split('.').next().unwrap().to_owned();
    let own = web
        .submit("/en/workspace/account", &format!("/en/workspace/account/sessions/{browser_session}/end"), &[])
        .await
        .expect(303);
    assert_eq!(own.header("location"), Some("/en/"));
    web.get("/en/workspace").await.expect(303);
}

#[tokio::test]
async fn a_browser_cannot_end_another_accounts_session() {
    let app = spawn_app().await;
    let admin = pavilion_with_exhibitor(&app).await;
    let sessions = app.get("/api/v1/me/sessions", Some(&admin)).await.expect(200).body;
    let admins = sessions["items"][0]["id"].as_str().unwrap().to_owned();
    let mut web = app.web();
    web.submit(SIGN_IN, SIGN_IN, &[("email", EXHIBITOR), ("password", PASSWORD)]).await.expect(303);
    let reply = web.submit("/en/workspace/account", &format!("/en/workspace/account/sessions/{admins}/end"), &[]).await;
    assert_eq!(reply.expect(303).header("location"), Some("/en/workspace/account"));
    app.get("/api/v1/me", Some(&admin)).await.expect(200);
}
