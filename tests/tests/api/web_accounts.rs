//! A pavilion's accounts page: its admins and the organiser disable, re-enable and change the
//! role of accounts with the API's guards; nobody else sees it, in any pavilion.

use pavilion_tests::web::WebClient;
use pavilion_tests::{PASSWORD, TestApp, Tokens, spawn_app};
use serde_json::json;

struct Market {
    organiser_email: String,
    company_a: String,
    exhibitor_a: Tokens,
}

/// Pavilions `pav-a` and `pav-b`, each with an admin (`admin@{slug}.example`); in A a company
/// with an exhibitor account (`exhibitor@pav-a.example`).
async fn market(app: &TestApp) -> Market {
    let organiser_email = "organiser@fair.example".to_owned();
    app.create_organiser(&organiser_email).await;
    let organiser = Tokens::from(&app.login_organiser(&organiser_email, PASSWORD).await.expect(200).body);
    for slug in ["pav-a", "pav-b"] {
        app.create_pavilion(&organiser.access, slug, "active").await;
        app.member(&organiser.access, slug, &format!("admin@{slug}.example"), "pavilion_admin").await;
    }
    let admin_a = app
        .post("/api/v1/pavilions/pav-a/auth/login", None, json!({"email": "admin@pav-a.example", "password": PASSWORD}))
        .await
        .expect(200)
        .body["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let company_a = app.create_exhibitor(&admin_a, "pav-a", json!({"name": {"en": "West Lake Films"}})).await;
    let exhibitor_a = app.exhibitor_member(&admin_a, "pav-a", &company_a, "exhibitor@pav-a.example").await;
    Market { organiser_email, company_a, exhibitor_a }
}

async fn signed_in<'a>(app: &'a TestApp, slug: &str, email: &str) -> WebClient<'a> {
    let mut web = app.web();
    let page = format!("/en/pavilions/{slug}/sign-in");
    web.submit(&page, &page, &[("email", email), ("password", PASSWORD)]).await.expect(303);
    web
}

/// The id of an account in a pavilion's accounts page, by its email.
fn account_id(html: &str, email: &str) -> String {
    let row = html.split("<tr>").find(|row| row.contains(email)).unwrap_or_else(|| panic!("{email} not listed"));
    let marker = "/accounts/";
    let start = row.find(marker).expect("an action") + marker.len();
    row[start..].split('"').next().unwrap().to_owned()
}

const ACCOUNTS_A: &str = "/en/workspace/pavilions/pav-a/accounts";

#[tokio::test]
async fn an_admin_disables_re_enables_and_changes_the_role_of_accounts_with_the_apis_guards() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let mut web = signed_in(&app, "pav-a", "admin@pav-a.example").await;
    let home = web.get("/en/workspace").await.expect(200);
    assert!(home.text.contains(&format!(r#"href="{ACCOUNTS_A}""#)), "{}", home.text);

    let page = web.get(ACCOUNTS_A).await.expect(200);
    assert_eq!(page.header("cache-control"), Some("private, no-store"));
    assert!(page.text.contains("Accounts of pav-a Pavilion") && page.text.contains("West Lake Films"));
    assert!(page.text.contains("admin@pav-a.example") && page.text.contains("(you)"));
    let exhibitor = account_id(&page.text, "exhibitor@pav-a.example");
    let action = format!("{ACCOUNTS_A}/{exhibitor}");

    // Disabling ends the account's sessions at once; re-enabling lets it sign in again.
    let done = web.submit(ACCOUNTS_A, &action, &[("disabled", "true")]).await.expect(303);
    assert_eq!(done.header("location"), Some(&*format!("{ACCOUNTS_A}?done=changed")));
    app.get("/api/v1/me", Some(&market.exhibitor_a.access)).await.expect(401);
    let listed = web.get(&format!("{ACCOUNTS_A}?done=changed")).await.expect(200);
    assert!(listed.text.contains("The account is changed.") && listed.text.contains("Disabled"));
    web.submit(ACCOUNTS_A, &action, &[("disabled", "false")]).await.expect(303);
    let login = json!({"email": "exhibitor@pav-a.example", "password": PASSWORD});
    app.post("/api/v1/pavilions/pav-a/auth/login", None, login).await.expect(200);

    // An exhibitor made an admin, then an exhibitor again: without a company that is refused.
    web.submit(ACCOUNTS_A, &action, &[("role", "pavilion_admin"), ("exhibitor_id", "")]).await.expect(303);
    let refused = web.submit(ACCOUNTS_A, &action, &[("role", "exhibitor"), ("exhibitor_id", "")]).await.expect(422);
    assert!(refused.text.contains("An exhibitor belongs to one company: choose it."), "{}", refused.text);
    let company = market.company_a.as_str();
    web.submit(ACCOUNTS_A, &action, &[("role", "exhibitor"), ("exhibitor_id", company)]).await.expect(303);

    // Nobody changes their own account (no buttons for it; a forged post gets the guard's words).
    let login = json!({"email": "admin@pav-a.example", "password": PASSWORD});
    let admin = app.post("/api/v1/pavilions/pav-a/auth/login", None, login).await.expect(200);
    let me = app.get("/api/v1/me", admin.body["access_token"].as_str()).await.expect(200);
    let own = me.body["id"].as_str().unwrap();
    let conflict = web.submit(ACCOUNTS_A, &format!("{ACCOUNTS_A}/{own}"), &[("disabled", "true")]).await.expect(409);
    assert!(conflict.text.contains("nobody can change their own account"), "{}", conflict.text);
}

#[tokio::test]
async fn another_pavilions_admin_and_an_exhibitor_find_no_accounts_page_and_change_nothing() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let mut organiser = app.web();
    organiser
        .submit("/en/sign-in", "/en/sign-in", &[("email", &market.organiser_email), ("password", PASSWORD)])
        .await
        .expect(303);
    let home = organiser.get("/en/workspace").await.expect(200);
    assert!(home.text.contains(r#"href="/en/workspace/pavilions""#));
    let every = organiser.get("/en/workspace/pavilions").await.expect(200);
    assert!(every.text.contains(r#"href="/en/workspace/pavilions/pav-b/accounts""#));
    let page = organiser.get(ACCOUNTS_A).await.expect(200);
    let exhibitor = account_id(&page.text, "exhibitor@pav-a.example");

    let mut admin_b = signed_in(&app, "pav-b", "admin@pav-b.example").await;
    let hidden = admin_b.get(ACCOUNTS_A).await.expect(404);
    assert!(hidden.text.contains("Page not found") && !hidden.text.contains("exhibitor@pav-a.example"));
    // Its own page does not reach A's accounts either.
    let own_page = "/en/workspace/pavilions/pav-b/accounts";
    admin_b.submit(own_page, &format!("{own_page}/{exhibitor}"), &[("disabled", "true")]).await.expect(404);
    admin_b.submit(own_page, &format!("{ACCOUNTS_A}/{exhibitor}"), &[("disabled", "true")]).await.expect(404);
    app.get("/api/v1/me", Some(&market.exhibitor_a.access)).await.expect(200);

    let mut exhibitor_web = signed_in(&app, "pav-a", "exhibitor@pav-a.example").await;
    exhibitor_web.get(ACCOUNTS_A).await.expect(404);
}

const INVITATIONS_A: &str = "/en/workspace/pavilions/pav-a/invitations";

/// The paths of the first open invitation's resend and withdraw buttons.
fn open_actions(html: &str) -> (String, String) {
    let find = |suffix: &str| {
        let end = html.find(suffix).unwrap_or_else(|| panic!("no {suffix} in {html}")) + suffix.len();
        let start = html[..end].rfind('"').unwrap() + 1;
        html[start..end].to_owned()
    };
    (find("/resend"), find("/withdraw"))
}

#[tokio::test]
async fn an_admin_invites_resends_and_withdraws_from_the_invitations_page() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let mut web = signed_in(&app, "pav-a", "admin@pav-a.example").await;
    assert!(web.get("/en/workspace").await.text.contains(&format!(r#"href="{INVITATIONS_A}""#)));
    let page = web.get(INVITATIONS_A).await.expect(200);
    assert!(page.text.contains("No invitation is waiting for an answer.") && page.text.contains("72 hours"));

    // An exhibitor invitation names its company; a bad address is refused beside its field.
    let refused = web
        .submit(
            INVITATIONS_A,
            INVITATIONS_A,
            &[("email", "not an address"), ("role", "exhibitor"), ("exhibitor_id", ""), ("locale", "en")],
        )
        .await
        .expect(422);
    assert!(
        refused.text.contains(r#"id="email-error""#) && refused.text.contains(r#"id="exhibitor_id-error""#),
        "{}",
        refused.text
    );
    assert!(refused.text.contains(r#"value="not an address""#), "what was typed is kept");

    let before = app.smtp.received().len();
    let fields = [
        ("email", "sales2@westlake.example"),
        ("role", "exhibitor"),
        ("exhibitor_id", market.company_a.as_str()),
        ("locale", "zh-Hant"),
    ];
    let sent = web.submit(INVITATIONS_A, INVITATIONS_A, &fields).await.expect(303);
    assert_eq!(sent.header("location"), Some(&*format!("{INVITATIONS_A}?done=sent")));
    let first = app.smtp.wait_for_recipient("sales2@westlake.example", before).await;
    let first_token = pavilion_tests::link_token(&first.body("text/plain"), "/invite/");
    let listed = web.get(&format!("{INVITATIONS_A}?done=sent")).await.expect(200);
    assert!(listed.text.contains("sales2@westlake.example") && listed.text.contains("West Lake Films"));

    // Sending again mails a fresh link; the first stops working.
    let (resend, withdraw) = open_actions(&listed.text);
    let before = app.smtp.received().len();
    web.submit(INVITATIONS_A, &resend, &[]).await.expect(303);
    let second = app.smtp.wait_for_recipient("sales2@westlake.example", before).await;
    // In the language it was first sent in, with a new link.
    assert!(second.body("text/plain").contains("邀請"), "{}", second.body("text/plain"));
    assert_ne!(pavilion_tests::link_token(&second.body("text/plain"), "/invite/"), first_token);
    let accept = |token: &str| json!({"token": token, "name": "Zhou Min", "password": PASSWORD});
    app.post("/api/v1/invitations/accept", None, accept(&first_token)).await.expect(410);

    // Withdrawn: the list is empty, the link dead.
    let listed = web.get(INVITATIONS_A).await;
    let (_, withdraw_now) = open_actions(&listed.text);
    assert_ne!(withdraw, withdraw_now, "the resent invitation is a new one");
    let done = web.submit(INVITATIONS_A, &withdraw_now, &[]).await.expect(303);
    assert_eq!(done.header("location"), Some(&*format!("{INVITATIONS_A}?done=withdrawn")));
    let second_token = pavilion_tests::link_token(&second.body("text/plain"), "/invite/");
    app.post("/api/v1/invitations/accept", None, accept(&second_token)).await.expect(410);
    assert!(web.get(INVITATIONS_A).await.text.contains("No invitation is waiting for an answer."));
}

#[tokio::test]
async fn another_pavilions_admin_cannot_see_or_withdraw_its_invitations() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let mut admin_a = signed_in(&app, "pav-a", "admin@pav-a.example").await;
    let fields =
        [("email", "colleague@pav-a.example"), ("role", "pavilion_admin"), ("exhibitor_id", ""), ("locale", "en")];
    admin_a.submit(INVITATIONS_A, INVITATIONS_A, &fields).await.expect(303);
    let (resend, withdraw) = open_actions(&admin_a.get(INVITATIONS_A).await.text);

    let mut admin_b = signed_in(&app, "pav-b", "admin@pav-b.example").await;
    let hidden = admin_b.get(INVITATIONS_A).await.expect(404);
    assert!(!hidden.text.contains("colleague@pav-a.example"));
    let own = "/en/workspace/pavilions/pav-b/invitations";
    admin_b.submit(own, &withdraw, &[]).await.expect(404);
    admin_b.submit(own, &resend, &[]).await.expect(404);
    admin_b.submit(own, &withdraw.replace("/pav-a/", "/pav-b/"), &[]).await.expect(404);
    assert!(admin_a.get(INVITATIONS_A).await.text.contains("colleague@pav-a.example"), "still open");

    let mut exhibitor = app.web();
    let page = "/en/pavilions/pav-a/sign-in";
    exhibitor.submit(page, page, &[("email", "exhibitor@pav-a.example"), ("password", PASSWORD)]).await.expect(303);
    exhibitor.get(INVITATIONS_A).await.expect(404);
    let _ = market.exhibitor_a;
}
