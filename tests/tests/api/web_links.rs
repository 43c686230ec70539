//! The links in emails, followed in a browser's way: an invitation to a signed-in page, a
//! password reset from the forgot-password page, and links that no longer work.

use pavilion_tests::{PASSWORD, TestApp, link_token, spawn_app};
use serde_json::json;

/// An active pavilion `hangzhou` and its admin's access token.
async fn pavilion(app: &TestApp) -> String {
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    app.member(&organiser.access, "hangzhou", "admin@hz.example", "pavilion_admin").await.access
}

#[tokio::test]
async fn an_invitation_link_leads_to_a_form_and_then_to_a_signed_in_page() {
    let app = spawn_app().await;
    let admin = pavilion(&app).await;
    let token = app.invite(&admin, "hangzhou", "colleague@hz.example", "pavilion_admin").await;
    let mut web = app.web();

    // The link hands its token to a cookie and leaves the address bar at once.
    let followed = web.get(&format!("/invite/{token}")).await.expect(303);
    assert_eq!(followed.header("location"), Some("/en/invite"));
    assert_eq!(followed.header("referrer-policy"), Some("no-referrer"));
    let page = web.get("/en/invite").await.expect(200);
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(page.header("cache-control"), Some("private, no-store"));
    assert!(
        page.text.contains("Join hangzhou Pavilion") && page.text.contains("Pavilion administrator"),
        "{}",
        page.text
    );
    assert!(page.text.contains("colleague@hz.example"));
    assert!(page.text.contains(&format!(r#"name="token" value="{token}""#)), "the form carries the token");

    // A weak password is refused beside its field, the name kept.
    let weak = web
        .submit("/en/invite", "/en/invite", &[("token", &token), ("name", "Chen Yu"), ("password", "password123")])
        .await
        .expect(422);
    assert!(weak.text.contains(r#"id="password-error""#) && weak.text.contains(r#"value="Chen Yu""#), "{}", weak.text);

    let accepted = web
        .submit("/en/invite", "/en/invite", &[("token", &token), ("name", "Chen Yu"), ("password", PASSWORD)])
        .await
        .expect(303);
    assert_eq!(accepted.header("location"), Some("/en/workspace"));
    assert!(web.cookie("pavilion-invite").is_none(), "the token's cookie is gone");
    let home = web.get("/en/workspace").await.expect(200);
    assert!(home.text.contains("Welcome, Chen Yu") && home.text.contains("Pavilion administrator"));

    // The same link again: a page that says what happened and what to do.
    let mut again = app.web();
    again.get(&format!("/invite/{token}")).await.expect(303);
    let used = again.get("/en/invite").await.expect(410);
    assert!(
        used.text.contains("This invitation was already accepted") && used.text.contains("/en/sign-in"),
        "{}",
        used.text
    );
}

#[tokio::test]
async fn withdrawn_expired_and_unknown_invitations_each_say_what_to_do_next() {
    let app = spawn_app().await;
    let admin = pavilion(&app).await;
    let first = app.invite(&admin, "hangzhou", "twice@hz.example", "pavilion_admin").await;
    // A second invitation to the same address replaces the first.
    app.invite(&admin, "hangzhou", "twice@hz.example", "pavilion_admin").await;
    let mut web = app.web();
    web.get(&format!("/invite/{first}")).await.expect(303);
    let withdrawn = web.get("/zh-hans/invite").await.expect(410);
    assert!(withdrawn.text.contains("此邀请已被撤回"), "{}", withdrawn.text);

    let expiring = app.invite(&admin, "hangzhou", "late@hz.example", "pavilion_admin").await;
    app.clock.advance(chrono::Duration::days(30));
    web.get(&format!("/invite/{expiring}")).await.expect(303);
    assert!(web.get("/en/invite").await.expect(410).text.contains("This invitation has expired"));

    web.get("/invite/not-a-real-token").await.expect(303);
    assert!(web.get("/en/invite").await.expect(404).text.contains("This invitation link does not work"));
    // No link followed at all.
    assert!(app.web().get("/en/invite").await.expect(404).text.contains("This invitation link does not work"));
}

#[tokio::test]
async fn a_forgotten_password_is_reset_from_the_email_and_the_browser_is_signed_in() {
    let app = spawn_app().await;
    let admin = pavilion(&app).await;
    let before = app.smtp.received().len();
    let mut web = app.web();
    let page = "/en/pavilions/hangzhou/forgot-password";
    let sent = web.submit(page, page, &[("email", "admin@hz.example")]).await.expect(200);
    assert!(
        sent.text.contains("If admin@hz.example has an account here, a link to choose a new password is on its way.")
    );
    // An unknown address reads the same.
    let unknown = web.submit(page, page, &[("email", "nobody@hz.example")]).await.expect(200);
    assert!(unknown.text.contains("If nobody@hz.example has an account here"));

    let message = app.smtp.wait_for_recipient("admin@hz.example", before).await;
    let token = link_token(&message.body("text/plain"), "/reset/");
    web.get(&format!("/reset/{token}")).await.expect(303);
    let form = web.get("/en/reset").await.expect(200);
    assert_eq!(form.header("referrer-policy"), Some("no-referrer"));
    assert!(form.text.contains("admin@hz.example") && form.text.contains("Choose a new password"));
    let new_password = "quiet harbour lights at dawn";
    let done = web.submit("/en/reset", "/en/reset", &[("token", &token), ("password", new_password)]).await.expect(303);
    assert_eq!(done.header("location"), Some("/en/workspace"));
    web.get("/en/workspace").await.expect(200);
    // The old sessions ended; the new password works.
    app.get("/api/v1/me", Some(&admin)).await.expect(401);
    app.post(
        "/api/v1/pavilions/hangzhou/auth/login",
        None,
        json!({"email": "admin@hz.example", "password": new_password}),
    )
    .await
    .expect(200);

    let mut again = app.web();
    again.get(&format!("/reset/{token}")).await.expect(303);
    let used = again.get("/en/reset").await.expect(410);
    assert!(
        used.text.contains("This link was already used") && used.text.contains("/en/forgot-password"),
        "{}",
        used.text
    );
}

#[tokio::test]
async fn the_organisers_pages_list_every_pavilions_own_sign_in_and_reset_pages() {
    let app = spawn_app().await;
    pavilion(&app).await;
    let mut web = app.web();
    let sign_in = web.get("/en/sign-in").await.expect(200);
    assert!(sign_in.text.contains(r#"href="/en/pavilions/hangzhou/sign-in""#));
    let forgot = web.get("/zh-hant/forgot-password").await.expect(200);
    assert!(forgot.text.contains(r#"href="/zh-hant/pavilions/hangzhou/forgot-password""#));
}
