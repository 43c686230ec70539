//! The cross-tenant matrix: every route of the OpenAPI document, called as every kind of caller
//! against objects of pavilion A and of pavilion B. A route missing from the table below fails
//! the test, so a new endpoint cannot skip it.

use pavilion_tests::images::png;
use pavilion_tests::{PASSWORD, TestApp, Tokens, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Seeded into pavilion B wherever text is stored; must never reach a caller of A.
const MARKER_B: &str = "MARKER-B-7f3a9c";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Rule {
    /// Anyone may call it (login, health, public reads); it must never fail with 5xx.
    Public,
    /// A pavilion's page: the organiser and its own accounts see a draft; others get 404.
    PavilionRead,
    /// A pavilion's management: its admins and the organiser; other tenants 404; anonymous 401.
    Manage,
    /// The caller's own account: any live session.
    Own,
    /// Across pavilions: the organiser only (403 for pavilion accounts).
    Oversight,
    /// A company's page: its editors read the working copy; everyone else the published copy
    /// of an active pavilion (both pavilions here are drafts, so 404).
    CompanyRead,
    /// A company's working copy: the organiser, its pavilion's admins and its own accounts;
    /// another company of the same pavilion 403; other tenants 404.
    CompanyEdit,
    /// Review decisions: the organiser and the pavilion's admins; its exhibitors 403.
    Review,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Caller {
    Anonymous,
    Organiser,
    AdminA,
    AdminB,
    /// An account of company A1 in pavilion A.
    ExhibitorA,
    /// An admin of A whose account was disabled after logging in.
    Disabled,
    /// A buyer of the whole market, its address confirmed: of no pavilion, with no powers.
    Buyer,
}

struct World {
    organiser_email: String,
    /// Per pavilion ("pav-a", "pav-b"): an email id, an open invitation id, a second admin's id.
    email_id: BTreeMap<&'static str, String>,
    invitation_id: BTreeMap<&'static str, String>,
    member_id: BTreeMap<&'static str, String>,
    /// Per pavilion: the company the exhibitor of A belongs to (in A), and one of its works.
    exhibitor_id: BTreeMap<&'static str, String>,
    work_id: BTreeMap<&'static str, String>,
    /// In A, a second company the exhibitor of A does not belong to.
    other_company_a: String,
    disabled_token: String,
}

async fn seed(app: &TestApp) -> World {
    let organiser_email = "matrix-organiser@fair.example".to_owned();
    app.create_organiser(&organiser_email).await;
    let organiser = Tokens::from(&app.login_organiser(&organiser_email, PASSWORD).await.expect(200).body);
    let mut world = World {
        organiser_email,
        email_id: BTreeMap::new(),
        invitation_id: BTreeMap::new(),
        member_id: BTreeMap::new(),
        exhibitor_id: BTreeMap::new(),
        work_id: BTreeMap::new(),
        other_company_a: String::new(),
        disabled_token: String::new(),
    };
    for (slug, marker) in [("pav-a", "text of A"), ("pav-b", MARKER_B)] {
        app.post(
            "/api/v1/pavilions",
            Some(&organiser.access),
            json!({"slug": slug, "name": {"en": format!("{slug} {marker}")}, "region": {"en": marker},
                   "description": {"en": marker}, "location": marker, "sender_name": marker}),
        )
        .await
        .expect(201);
        let admin = app.member(&organiser.access, slug, &format!("admin@{slug}.example"), "pavilion_admin").await;
        let second = app.member(&organiser.access, slug, &format!("second@{slug}.example"), "pavilion_admin").await;
        let second_id =
            app.get("/api/v1/me", Some(&second.access)).await.expect(200).body["id"].as_str().unwrap().to_owned();
        world.member_id.insert(slug, second_id);
        let sent = app
            .request(Method::POST, &format!("/api/v1/pavilions/{slug}/emails/test"), Some(&admin.access), None)
            .await
            .expect(202)
            .body;
        let email_id = sent["id"].as_str().unwrap().to_owned();
        app.wait_for_status(&organiser.access, &email_id, "sent").await;
        world.email_id.insert(slug, email_id);
        app.post(
            &format!("/api/v1/pavilions/{slug}/announcements"),
            Some(&admin.access),
            json!({"subject": {"en": marker}, "body": {"en": marker}, "audience": ["pavilion_admin"]}),
        )
        .await
        .expect(201);
        app.post(
            &format!("/api/v1/pavilions/{slug}/invitations"),
            Some(&organiser.access),
            json!({"email": format!("{}@{slug}.example", marker.replace(' ', "-")), "role": "pavilion_admin"}),
        )
        .await
        .expect(201);
        let open =
            app.get(&format!("/api/v1/pavilions/{slug}/invitations"), Some(&organiser.access)).await.expect(200).body;
        world.invitation_id.insert(slug, open["items"][0]["id"].as_str().unwrap().to_owned());
        let company = app
            .create_exhibitor(
                &admin.access,
                slug,
                json!({"name": {"en": format!("Company {marker}")}, "description": {"en": marker},
                       "contacts": [{"name": marker, "email": format!("contact@{slug}.example")}]}),
            )
            .await;
        let work = app
            .post(
                &format!("/api/v1/pavilions/{slug}/exhibitors/{company}/works"),
                Some(&admin.access),
                json!({"title": {"en": format!("Work {marker}")}, "kind": "feature",
                       "production_status": "completed", "synopsis": {"en": marker}}),
            )
            .await
            .expect(201)
            .body;
        let work_id = work["id"].as_str().unwrap().to_owned();
        // A logo and a poster, so that reading them is a live read.
        let company_url = format!("/api/v1/pavilions/{slug}/exhibitors/{company}");
        app.put_raw(&format!("{company_url}/logo"), Some(&admin.access), "image/png", png(8, 8)).await.expect(200);
        let poster = format!("{company_url}/works/{work_id}/poster");
        app.put_raw(&poster, Some(&admin.access), "image/png", png(8, 12)).await.expect(200);
        world.work_id.insert(slug, work_id);
        world.exhibitor_id.insert(slug, company);
    }
    let exhibitor_company = world.exhibitor_id["pav-a"].clone();
    app.exhibitor_member(&organiser.access, "pav-a", &exhibitor_company, "exhibitor@pav-a.example").await;
    world.other_company_a =
        app.create_exhibitor(&organiser.access, "pav-a", json!({"name": {"en": "Another company of A"}})).await;
    app.exhibitor_member(&organiser.access, "pav-a", &world.other_company_a, "other-exhibitor@pav-a.example").await;
    // A disabled admin of A, holding a token from before.
    let doomed = app.member(&organiser.access, "pav-a", "doomed@pav-a.example", "pavilion_admin").await;
    let doomed_id =
        app.get("/api/v1/me", Some(&doomed.access)).await.expect(200).body["id"].as_str().unwrap().to_owned();
    app.patch(
        &format!("/api/v1/pavilions/pav-a/users/{doomed_id}"),
        Some(&organiser.access),
        json!({"disabled": true}),
    )
    .await
    .expect(200);
    world.disabled_token = doomed.access;
    let buyer = json!({"email": "matrix-buyer@buyers.example", "password": PASSWORD, "name": "Matrix Buyer",
                       "company": "Matrix Films", "company_type": "distributor", "country": "FR",
                       "territories": ["FR"], "media": ["svod"]});
    app.post("/api/v1/buyers", None, buyer).await.expect(202);
    let confirmation = app.smtp.wait_for_recipient("matrix-buyer@buyers.example", 0).await;
    let token = pavilion_tests::link_token(&confirmation.body("text/plain"), "/verify-email/");
    app.post("/api/v1/buyers/verify-email", None, json!({"token": token})).await.expect(204);
    world
}

/// What an allowed call needs first, so that it meets a live object in the state the route
/// acts on (a call that deletes or decides must not find the object gone or already decided).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Prepare {
    Nothing,
    /// A new work of the company, for the call to delete.
    FreshWork,
    /// A new open invitation of the pavilion, for the call to withdraw.
    FreshInvitation,
    /// A second session of the caller, for the call to end.
    SecondSession,
    /// The company edited, so that it is a draft that can be submitted.
    Draft,
    /// The company edited and submitted, so that it can be reviewed.
    Submitted,
    /// The caller's account has started adding an authenticator app.
    TotpStarted,
    /// The addressed member has a confirmed second factor.
    MemberHasSecondFactor,
}

/// A route's rule, the body it is called with, the status an allowed caller gets, and what the
/// call needs first.
#[derive(Clone, Debug)]
struct Route {
    rule: Rule,
    body: Body,
    ok: u16,
    prepare: Prepare,
}

#[derive(Clone, Debug)]
enum Body {
    None,
    Json(Value),
    /// A small PNG, as an upload.
    Image,
}

fn route(rule: Rule, ok: u16) -> Route {
    Route { rule, body: Body::None, ok, prepare: Prepare::Nothing }
}

impl Route {
    fn json(self, body: Value) -> Self {
        Self { body: Body::Json(body), ..self }
    }

    fn image(self) -> Self {
        Self { body: Body::Image, ..self }
    }

    fn after(self, prepare: Prepare) -> Self {
        Self { prepare, ..self }
    }
}

/// Which rule governs each route, how it is called and what an allowed caller gets.
fn table() -> BTreeMap<(&'static str, &'static str), Route> {
    use Rule::*;
    let wrong_login = json!({"email": "nobody@example.com", "password": "not the password"});
    BTreeMap::from([
        (("GET", "/healthz"), route(Public, 200)),
        (("GET", "/readyz"), route(Public, 200)),
        // Whole-deployment figures, no tenant's data (and a token when PAVILION_METRICS_TOKEN is set).
        (("GET", "/metrics"), route(Public, 200)),
        (("POST", "/api/v1/auth/login"), route(Public, 401).json(wrong_login.clone())),
        (("POST", "/api/v1/pavilions/{slug}/auth/login"), route(Public, 401).json(wrong_login.clone())),
        // Buyers' doors: of the whole market, for anyone; a registration with fields missing is
        // refused before anything is read.
        (("POST", "/api/v1/buyers/auth/login"), route(Public, 401).json(wrong_login)),
        (("POST", "/api/v1/buyers"), route(Public, 422).json(json!({"email": "matrix@example.com"}))),
        (("POST", "/api/v1/buyers/verify-email"), route(Public, 404).json(json!({"token": "nope"}))),
        (
            ("POST", "/api/v1/buyers/auth/password-reset"),
            route(Public, 202).json(json!({"email": "matrix@example.com"})),
        ),
        (("POST", "/api/v1/auth/refresh"), route(Public, 401).json(json!({"refresh_token": "x.y"}))),
        (("POST", "/api/v1/auth/password-reset"), route(Public, 202).json(json!({"email": "matrix@example.com"}))),
        (
            ("POST", "/api/v1/pavilions/{slug}/auth/password-reset"),
            route(Public, 202).json(json!({"email": "matrix@example.com"})),
        ),
        (
            ("POST", "/api/v1/auth/password-reset/confirm"),
            route(Public, 404).json(json!({"token": "nope", "password": PASSWORD})),
        ),
        (
            ("POST", "/api/v1/invitations/accept"),
            route(Public, 404).json(json!({"token": "nope", "name": "X", "password": PASSWORD})),
        ),
        (("GET", "/api/v1/pavilions"), route(Public, 200)),
        (("POST", "/api/v1/auth/logout"), route(Own, 204)),
        (("GET", "/api/v1/me"), route(Own, 200)),
        (("PATCH", "/api/v1/me"), route(Own, 200).json(json!({"locale": "en"}))),
        (
            ("POST", "/api/v1/me/password"),
            route(Own, 204).json(json!({"current_password": PASSWORD, "new_password": PASSWORD})),
        ),
        (("GET", "/api/v1/me/sessions"), route(Own, 200)),
        (("DELETE", "/api/v1/me/sessions/{id}"), route(Own, 204).after(Prepare::SecondSession)),
        // A challenge that names nothing: gone, whoever sends it.
        (
            ("POST", "/api/v1/auth/second-factor"),
            route(Public, 410).json(json!({"challenge": "nope", "code": "123456"})),
        ),
        (("GET", "/api/v1/me/second-factor"), route(Own, 200)),
        (("POST", "/api/v1/me/second-factor/passkeys"), route(Own, 200)),
        // An answer that is no passkey's: refused before any ceremony is looked at.
        (
            ("POST", "/api/v1/me/second-factor/passkeys/confirm"),
            route(Own, 422).json(json!({"ceremony": "nope", "name": "Key", "credential": {}})),
        ),
        // Only one's own passkeys are found (tests/api/passkeys.rs tries another account's).
        (("PATCH", "/api/v1/me/second-factor/passkeys/{id}"), route(Own, 404).json(json!({"name": "Key"}))),
        (("DELETE", "/api/v1/me/second-factor/passkeys/{id}"), route(Own, 404)),
        (("POST", "/api/v1/auth/passkey"), route(Public, 200).json(json!({}))),
        (
            ("POST", "/api/v1/auth/passkey/finish"),
            route(Public, 410).json(json!({"ceremony": "nope", "credential": {}})),
        ),
        (("POST", "/api/v1/me/second-factor/totp"), route(Own, 200)),
        // Never a right code: no account in the matrix ends up asked for one at sign-in.
        (
            ("POST", "/api/v1/me/second-factor/totp/confirm"),
            route(Own, 422).json(json!({"code": "abcdef"})).after(Prepare::TotpStarted),
        ),
        (("DELETE", "/api/v1/me/second-factor/totp"), route(Own, 204).after(Prepare::TotpStarted)),
        (("POST", "/api/v1/me/second-factor/recovery-codes"), route(Own, 409)),
        (
            ("POST", "/api/v1/pavilions"),
            route(Oversight, 201).json(json!({"slug": "matrix-new", "name": {"en": "x"}, "region": {"en": "x"}})),
        ),
        (("GET", "/api/v1/emails"), route(Oversight, 200)),
        (("GET", "/api/v1/audit"), route(Oversight, 200)),
        (("GET", "/api/v1/pavilions/{slug}/audit"), route(Manage, 200)),
        (("GET", "/api/v1/pavilions/{slug}/overview"), route(Manage, 200)),
        (("GET", "/api/v1/market/overview"), route(Oversight, 200)),
        (("GET", "/api/v1/pavilions/{slug}/exports/{export}"), route(Manage, 200)),
        (("GET", "/api/v1/exports/{export}"), route(Oversight, 200)),
        // An empty body: the callers allowed in are told the file is empty; nothing is written.
        (("POST", "/api/v1/pavilions/{slug}/imports/exhibitors"), route(Manage, 422)),
        (("POST", "/api/v1/emails/{id}/resend"), route(Oversight, 202)),
        (("GET", "/api/v1/announcements"), route(Oversight, 200)),
        (
            ("POST", "/api/v1/announcements"),
            route(Oversight, 201).json(json!({"subject": {"en": "Matrix"}, "body": {"en": "Matrix"},
                                             "audience": ["pavilion_admin"], "pavilions": ["pav-a"]})),
        ),
        (("GET", "/api/v1/pavilions/{slug}/announcements"), route(Manage, 200)),
        (
            ("POST", "/api/v1/pavilions/{slug}/announcements"),
            route(Manage, 201).json(json!({"subject": {"en": "Matrix"}, "body": {"en": "Matrix"},
                                           "audience": ["pavilion_admin"]})),
        ),
        (("GET", "/api/v1/pavilions/{slug}"), route(PavilionRead, 200)),
        (("PATCH", "/api/v1/pavilions/{slug}"), route(Manage, 200).json(json!({"host_association": {"en": "matrix"}}))),
        (("GET", "/api/v1/pavilions/{slug}/emails"), route(Manage, 200)),
        (("POST", "/api/v1/pavilions/{slug}/emails/test"), route(Manage, 202)),
        (("POST", "/api/v1/pavilions/{slug}/emails/{id}/resend"), route(Manage, 202)),
        (("GET", "/api/v1/pavilions/{slug}/invitations"), route(Manage, 200)),
        (
            ("POST", "/api/v1/pavilions/{slug}/invitations"),
            route(Manage, 201).json(json!({"email": "matrix@x.example", "role": "pavilion_admin"})),
        ),
        (("DELETE", "/api/v1/pavilions/{slug}/invitations/{id}"), route(Manage, 204).after(Prepare::FreshInvitation)),
        (("GET", "/api/v1/pavilions/{slug}/users"), route(Manage, 200)),
        (("PATCH", "/api/v1/pavilions/{slug}/users/{id}"), route(Manage, 200).json(json!({"disabled": false}))),
        (
            ("DELETE", "/api/v1/pavilions/{slug}/users/{id}/second-factor"),
            route(Manage, 204).after(Prepare::MemberHasSecondFactor),
        ),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors"), route(PavilionRead, 200)),
        (
            ("POST", "/api/v1/pavilions/{slug}/exhibitors"),
            route(Manage, 201).json(json!({"name": {"en": "Matrix Films"}})),
        ),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors/{id}"), route(CompanyRead, 200)),
        (
            ("PATCH", "/api/v1/pavilions/{slug}/exhibitors/{id}"),
            route(CompanyEdit, 200).json(json!({"booth": "1B-C12"})),
        ),
        (("POST", "/api/v1/pavilions/{slug}/exhibitors/{id}/submit"), route(CompanyEdit, 200).after(Prepare::Draft)),
        (("POST", "/api/v1/pavilions/{slug}/exhibitors/{id}/approve"), route(Review, 200).after(Prepare::Submitted)),
        (
            ("POST", "/api/v1/pavilions/{slug}/exhibitors/{id}/request-changes"),
            route(Review, 200).json(json!({"comment": "Please add a synopsis."})).after(Prepare::Submitted),
        ),
        (("POST", "/api/v1/pavilions/{slug}/exhibitors/{id}/unlock"), route(Review, 200)),
        (("PUT", "/api/v1/pavilions/{slug}/exhibitors/{id}/logo"), route(CompanyEdit, 200).image()),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors/{id}/logo"), route(CompanyRead, 200)),
        (("PUT", "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}/poster"), route(CompanyEdit, 200).image()),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}/poster"), route(CompanyRead, 200)),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors/{id}/works"), route(CompanyRead, 200)),
        (
            ("POST", "/api/v1/pavilions/{slug}/exhibitors/{id}/works"),
            route(CompanyEdit, 201)
                .json(json!({"title": {"en": "Matrix"}, "kind": "short", "production_status": "completed"})),
        ),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}"), route(CompanyRead, 200)),
        (
            ("PATCH", "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}"),
            route(CompanyEdit, 200).json(json!({"year": 2025})),
        ),
        (
            ("DELETE", "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}"),
            route(CompanyEdit, 204).after(Prepare::FreshWork),
        ),
        (("GET", "/api/v1/directory/exhibitors"), route(Public, 200)),
        (("GET", "/api/v1/directory/works"), route(Public, 200)),
        // Pages: public, and they read as the public does whoever calls (a bearer token means
        // nothing to them); the leak check below holds them to it.
        (("GET", "/"), route(Public, 303)),
        (("GET", "/static/{file}"), route(Public, 404)),
        (("GET", "/robots.txt"), route(Public, 200)),
        (("GET", "/sitemap.xml"), route(Public, 200)),
        (("GET", "/sitemap-{part}.xml"), route(Public, 200)),
        (("GET", "/language/{lang}"), route(Public, 303)),
        (("GET", "/pavilions/{slug}"), route(Public, 303)),
        (("GET", "/pavilions/{slug}/exhibitors/{id}"), route(Public, 303)),
        (("GET", "/pavilions/{slug}/exhibitors/{id}/works/{work_id}"), route(Public, 303)),
        (("GET", "/workspace/pavilions/{slug}/companies/{id}"), route(Public, 303)),
        (("GET", "/{lang}/"), route(Public, 200)),
        (("GET", "/{lang}/directory"), route(Public, 200)),
        // Sign-in and account pages: a browser session is a cookie, so every caller here (bearer
        // tokens or none) is a visitor; forms without their token are refused. What a signed-in
        // browser may do is in `web_sessions`.
        (("GET", "/{lang}/sign-in"), route(Public, 200)),
        (("POST", "/{lang}/sign-in"), route(Public, 403)),
        (("GET", "/{lang}/buyers/sign-in"), route(Public, 200)),
        (("POST", "/{lang}/buyers/sign-in"), route(Public, 403)),
        (("GET", "/{lang}/buyers/forgot-password"), route(Public, 200)),
        (("POST", "/{lang}/buyers/forgot-password"), route(Public, 403)),
        (("GET", "/{lang}/pavilions/{slug}/sign-in"), route(Public, 200)),
        (("POST", "/{lang}/pavilions/{slug}/sign-in"), route(Public, 403)),
        (("POST", "/{lang}/sign-in/second-factor"), route(Public, 403)),
        (("POST", "/{lang}/sign-in/passkey"), route(Public, 403)),
        (("POST", "/{lang}/sign-in/passkey/finish"), route(Public, 403)),
        (("POST", "/{lang}/sign-out"), route(Public, 403)),
        (("GET", "/{lang}/forgot-password"), route(Public, 200)),
        (("POST", "/{lang}/forgot-password"), route(Public, 403)),
        (("GET", "/{lang}/pavilions/{slug}/forgot-password"), route(Public, 200)),
        (("POST", "/{lang}/pavilions/{slug}/forgot-password"), route(Public, 403)),
        (("GET", "/invite/{token}"), route(Public, 303)),
        (("GET", "/{lang}/invite"), route(Public, 404)),
        (("POST", "/{lang}/invite"), route(Public, 403)),
        (("GET", "/reset/{token}"), route(Public, 303)),
        (("GET", "/verify-email/{token}"), route(Public, 303)),
        (("GET", "/{lang}/verify-email"), route(Public, 404)),
        (("POST", "/{lang}/verify-email"), route(Public, 403)),
        (("GET", "/{lang}/reset"), route(Public, 404)),
        (("POST", "/{lang}/reset"), route(Public, 403)),
        (("GET", "/{lang}/workspace"), route(Public, 303)),
        (("GET", "/{lang}/workspace/account"), route(Public, 303)),
        (("POST", "/{lang}/workspace/account/profile"), route(Public, 403)),
        (("POST", "/{lang}/workspace/account/password"), route(Public, 403)),
        (("POST", "/{lang}/workspace/account/sessions/{id}/end"), route(Public, 403)),
        (("POST", "/{lang}/workspace/account/authenticator"), route(Public, 403)),
        (("GET", "/{lang}/workspace/account/authenticator"), route(Public, 303)),
        (("POST", "/{lang}/workspace/account/authenticator/confirm"), route(Public, 403)),
        (("POST", "/{lang}/workspace/account/authenticator/remove"), route(Public, 403)),
        (("GET", "/{lang}/workspace/account/recovery-codes"), route(Public, 303)),
        (("POST", "/{lang}/workspace/account/recovery-codes"), route(Public, 403)),
        (("GET", "/{lang}/workspace/account/passkeys/new"), route(Public, 303)),
        (("POST", "/{lang}/workspace/account/passkeys/new"), route(Public, 403)),
        (("POST", "/{lang}/workspace/account/passkeys/{id}/rename"), route(Public, 403)),
        (("POST", "/{lang}/workspace/account/passkeys/{id}/remove"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/accounts"), route(Public, 303)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/accounts/{id}"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/invitations"), route(Public, 303)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/invitations"), route(Public, 403)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/invitations/{id}/resend"), route(Public, 403)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/invitations/{id}/withdraw"), route(Public, 403)),
        // A company's workspace: to a visitor, sign in first; its images are not found.
        (("GET", "/{lang}/workspace/market"), route(Public, 303)),
        (("GET", "/{lang}/workspace/market/export"), route(Public, 303)),
        (("GET", "/{lang}/workspace/announcements"), route(Public, 303)),
        (("POST", "/{lang}/workspace/announcements"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/announcements"), route(Public, 303)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/announcements"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions"), route(Public, 303)),
        (("GET", "/{lang}/workspace/pavilions/{slug}"), route(Public, 303)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/export"), route(Public, 303)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/import"), route(Public, 303)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/import"), route(Public, 403)),
        (("POST", "/{lang}/workspace/pavilions"), route(Public, 403)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/status"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/emails"), route(Public, 303)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/emails/{id}/resend"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/audit"), route(Public, 303)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/settings"), route(Public, 303)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/settings"), route(Public, 403)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/settings/test-email"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/companies"), route(Public, 303)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/companies/{id}"), route(Public, 303)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies/{id}/submit"), route(Public, 403)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies/{id}/approve"), route(Public, 403)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies/{id}/request-changes"), route(Public, 403)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies/{id}/unlock"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/companies/{id}/profile"), route(Public, 303)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies/{id}/profile"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/companies/{id}/logo"), route(Public, 404)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies/{id}/logo"), route(Public, 403)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies/{id}/logo/remove"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/companies/{id}/preview"), route(Public, 303)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/companies/{id}/works"), route(Public, 303)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/new"), route(Public, 303)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/new"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/{work_id}"), route(Public, 303)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/{work_id}"), route(Public, 403)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/{work_id}/delete"), route(Public, 403)),
        (("GET", "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/{work_id}/poster"), route(Public, 404)),
        (("POST", "/{lang}/workspace/pavilions/{slug}/companies/{id}/works/{work_id}/poster"), route(Public, 403)),
        (("GET", "/{lang}/pavilions/{slug}"), route(Public, 404)),
        (("GET", "/{lang}/pavilions/{slug}/exhibitors/{id}"), route(Public, 404)),
        (("GET", "/{lang}/pavilions/{slug}/exhibitors/{id}/works/{work_id}"), route(Public, 404)),
    ])
}

/// Makes the object a call is about live and in the state the call needs (as the organiser),
/// and returns the URL to call.
async fn prepare(app: &TestApp, world: &World, route: &Route, url: String, target: &str, caller: Caller) -> String {
    if route.prepare == Prepare::Nothing {
        return url;
    }
    let organiser = token(app, Caller::Organiser, world).await;
    let company = format!("/api/v1/pavilions/{target}/exhibitors/{}", world.exhibitor_id[target]);
    match route.prepare {
        Prepare::Nothing => url,
        Prepare::FreshWork => {
            let work = json!({"title": {"en": "Doomed"}, "kind": "short", "production_status": "completed"});
            let fresh = app.post(&format!("{company}/works"), organiser.as_deref(), work).await.expect(201).body;
            url.replace(&world.work_id[target], fresh["id"].as_str().unwrap())
        }
        Prepare::FreshInvitation => {
            let invitation = json!({"email": format!("fresh-{}@x.example", uuid::Uuid::now_v7().simple()), "role": "pavilion_admin"});
            let path = format!("/api/v1/pavilions/{target}/invitations");
            let fresh = app.post(&path, organiser.as_deref(), invitation).await.expect(201).body;
            url.replace(&world.invitation_id[target], fresh["id"].as_str().unwrap())
        }
        Prepare::SecondSession => {
            // Another login of the same account; its session is the one the call ends.
            let Some(second) = token(app, caller, world).await.filter(|_| caller != Caller::Disabled) else {
                return url;
            };
            let sessions = app.get("/api/v1/me/sessions", Some(&second)).await.expect(200).body;
            let current = sessions["items"].as_array().unwrap().iter().find(|s| s["current"] == true).unwrap();
            url.replace(NO_SUCH_ID, current["id"].as_str().unwrap())
        }
        Prepare::TotpStarted => {
            if let Some(own) = token(app, caller, world).await.filter(|_| caller != Caller::Disabled) {
                app.post("/api/v1/me/second-factor/totp", Some(&own), json!({})).await.expect(200);
            }
            url
        }
        Prepare::MemberHasSecondFactor => {
            // Straight into the database: the member's session ends with every removal.
            let member = pavilion_core::domain::UserId::parse(&world.member_id[target]).expect("a user id");
            let now = pavilion_core::clock::Clock::now(&app.clock);
            app.database()
                .transaction(|conn| {
                    pavilion_core::db::second_factors::put_unconfirmed_totp(conn, &member, "v1:none", now)?;
                    pavilion_core::db::second_factors::accept_totp_step(conn, &member, 1, now).map(|_| ())
                })
                .expect("a second factor");
            url
        }
        Prepare::Draft | Prepare::Submitted => {
            let edit = json!({"booth": format!("B-{}", uuid::Uuid::now_v7().simple())});
            app.patch(&company, organiser.as_deref(), edit).await.expect(200);
            if route.prepare == Prepare::Submitted {
                app.post(&format!("{company}/submit"), organiser.as_deref(), json!({})).await.expect(200);
            }
            url
        }
    }
}

/// An id that names nothing.
const NO_SUCH_ID: &str = "01900000-0000-7000-8000-000000000000";

fn fill(path: &str, slug: &str, world: &World) -> String {
    let id = if path.contains("/emails/{id}") {
        world.email_id[slug].clone()
    } else if path.contains("/invitations/{id}") {
        world.invitation_id[slug].clone()
    } else if path.contains("/users/{id}") {
        world.member_id[slug].clone()
    } else if path.contains("/exhibitors/{id}") || path.contains("/companies/{id}") {
        world.exhibitor_id[slug].clone()
    } else {
        NO_SUCH_ID.to_owned()
    };
    let work = world.work_id.get(slug).cloned().unwrap_or_default();
    path.replace("{slug}", slug)
        .replace("{id}", &id)
        .replace("{work_id}", &work)
        .replace("{lang}", "en")
        .replace("{file}", "app.css")
        // The working copies: where another pavilion's drafts would show if they leaked.
        .replace("{export}", "exhibitors.csv?version=working")
        .replace("{part}", "0")
        .replace("{token}", "no-such-token")
}

/// A fresh token per call, so calls that end sessions (logout) do not disturb the next one.
async fn token(app: &TestApp, caller: Caller, world: &World) -> Option<String> {
    let login = |path: String, email: String| async move {
        let body = json!({"email": email, "password": PASSWORD});
        Tokens::from(&app.post(&path, None, body).await.expect(200).body).access
    };
    match caller {
        Caller::Anonymous => None,
        Caller::Organiser => Some(login("/api/v1/auth/login".into(), world.organiser_email.clone()).await),
        Caller::AdminA => Some(login("/api/v1/pavilions/pav-a/auth/login".into(), "admin@pav-a.example".into()).await),
        Caller::AdminB => Some(login("/api/v1/pavilions/pav-b/auth/login".into(), "admin@pav-b.example".into()).await),
        Caller::ExhibitorA => {
            Some(login("/api/v1/pavilions/pav-a/auth/login".into(), "exhibitor@pav-a.example".into()).await)
        }
        Caller::Disabled => Some(world.disabled_token.clone()),
        Caller::Buyer => Some(login("/api/v1/buyers/auth/login".into(), "matrix-buyer@buyers.example".into()).await),
    }
}

/// The status the rule gives this caller: `ok` for an allowed caller (the route's success on a
/// live object), the refusal otherwise; `None` for public routes, which must only never fail
/// with a server error.
fn expected(rule: Rule, caller: Caller, target: &str, ok: u16) -> Option<u16> {
    use Caller::*;
    // The caller's own pavilion, and whether it administers it.
    let home = match caller {
        AdminA | ExhibitorA => Some("pav-a"),
        AdminB => Some("pav-b"),
        _ => None,
    };
    let at_home = home == Some(target);
    let admin = matches!(caller, AdminA | AdminB);
    Some(match (rule, caller) {
        (Rule::Public, _) => return None,
        (_, Disabled) => 401,
        (Rule::PavilionRead | Rule::CompanyRead, Anonymous) => 404, // both pavilions are drafts
        (Rule::PavilionRead | Rule::CompanyRead, Organiser) => ok,
        // In A the exhibitor reads its own company (the one the matrix addresses).
        (Rule::PavilionRead | Rule::CompanyRead, _) => {
            if at_home {
                ok
            } else {
                404
            }
        }
        (_, Anonymous) => 401,
        (Rule::Own, _) => ok,
        (Rule::Oversight, Organiser) => ok,
        (Rule::Oversight, _) => 403,
        (Rule::Manage | Rule::CompanyEdit | Rule::Review, Organiser) => ok,
        (_, _) if !at_home => 404,
        (Rule::CompanyEdit, _) => ok,
        (Rule::Manage | Rule::Review, _) => {
            if admin {
                ok
            } else {
                403
            }
        }
    })
}

async fn call(app: &TestApp, method: &Method, url: &str, token: Option<&str>, body: &Body) -> pavilion_tests::Reply {
    match body {
        Body::None => app.request(method.clone(), url, token, None).await,
        Body::Json(value) => app.request(method.clone(), url, token, Some(value.clone())).await,
        Body::Image => app.put_raw(url, token, "image/png", png(6, 6)).await,
    }
}

#[tokio::test]
async fn every_route_against_every_caller_and_tenant() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let table = table();
    let mut routes = Vec::new();
    // The server's own route table: a route added there and not here fails this test.
    for served in pavilion_api::routes::table() {
        let Some(route) = table.get(&(served.method, served.path)) else {
            panic!(
                "{} {} is not in the cross-tenant matrix: add it to tests/api/tenancy.rs",
                served.method, served.path
            );
        };
        routes.push((Method::from_bytes(served.method.as_bytes()).unwrap(), served.path.to_owned(), route.clone()));
    }
    assert_eq!(routes.len(), table.len(), "the matrix lists routes the server does not have");

    let mut failures = Vec::new();
    let mut calls = 0;
    for (method, path, route) in &routes {
        for caller in [
            Caller::Anonymous,
            Caller::Organiser,
            Caller::AdminA,
            Caller::AdminB,
            Caller::ExhibitorA,
            Caller::Disabled,
            Caller::Buyer,
        ] {
            for target in ["pav-a", "pav-b"] {
                if !path.contains("{slug}") && !path.contains("{id}") && target == "pav-b" {
                    continue; // not tenant-addressed: once is enough
                }
                let url = prepare(&app, &world, route, fill(path, target, &world), target, caller).await;
                let token = token(&app, caller, &world).await;
                let reply = call(&app, method, &url, token.as_deref(), &route.body).await;
                calls += 1;
                let status = reply.status.as_u16();
                let ok = match expected(route.rule, caller, target, route.ok) {
                    Some(want) => status == want,
                    None => status < 500,
                };
                if !ok {
                    failures.push(format!("{method} {url} as {caller:?}: {status} ({:?}) {}", route.rule, reply.text));
                }
                let a_side = matches!(
                    caller,
                    Caller::Anonymous | Caller::AdminA | Caller::ExhibitorA | Caller::Disabled | Caller::Buyer
                );
                if a_side && reply.text.contains(MARKER_B) {
                    failures.push(format!("{method} {url} as {caller:?} leaked B's data: {}", reply.text));
                }
            }
        }
    }
    // Inside its own pavilion, an exhibitor has no say over another company.
    let exhibitor = token(&app, Caller::ExhibitorA, &world).await;
    for (method, path, route) in &routes {
        let want = match route.rule {
            Rule::CompanyEdit | Rule::Review => 403,
            Rule::CompanyRead => 404, // never published, and the pavilion is a draft
            _ => continue,
        };
        let url = fill(path, "pav-a", &world).replace(&world.exhibitor_id["pav-a"], &world.other_company_a);
        let reply = call(&app, method, &url, exhibitor.as_deref(), &route.body).await;
        calls += 1;
        if reply.status.as_u16() != want {
            failures
                .push(format!("{method} {url} as exhibitor of another company: {} ({:?})", reply.status, route.rule));
        }
    }
    assert!(failures.is_empty(), "{} of {calls} calls broke the rules:\n{}", failures.len(), failures.join("\n"));
}

/// A browser signed in as `email` at `sign_in`.
async fn browser_of<'a>(app: &'a TestApp, sign_in: &str, email: &str) -> pavilion_tests::web::WebClient<'a> {
    let mut web = app.web();
    web.submit(sign_in, sign_in, &[("email", email), ("password", PASSWORD)]).await.expect(303);
    web
}

/// Every workspace page of a pavilion or a company, read with a real browser session of each
/// role (pages read the session cookie, never a bearer token): who may see it sees it, anyone
/// else of another pavilion or role finds nothing (404) and none of B's text, and a signed-out
/// browser is sent to sign in.
#[tokio::test]
async fn every_workspace_page_against_every_browser_session_and_tenant() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let mut organiser = browser_of(&app, "/en/sign-in", &world.organiser_email).await;
    let mut admin_a = browser_of(&app, "/en/pavilions/pav-a/sign-in", "admin@pav-a.example").await;
    let mut admin_b = browser_of(&app, "/en/pavilions/pav-b/sign-in", "admin@pav-b.example").await;
    let mut exhibitor_a = browser_of(&app, "/en/pavilions/pav-a/sign-in", "exhibitor@pav-a.example").await;
    let mut other_exhibitor_a = browser_of(&app, "/en/pavilions/pav-a/sign-in", "other-exhibitor@pav-a.example").await;
    let mut buyer = browser_of(&app, "/en/buyers/sign-in", "matrix-buyer@buyers.example").await;
    let mut signed_out = app.web();

    let pages: Vec<&'static str> = pavilion_api::routes::table()
        .into_iter()
        .filter(|route| route.method == "GET" && route.path.starts_with("/{lang}/workspace/pavilions/{slug}"))
        .map(|route| route.path)
        .collect();
    assert!(pages.len() > 15, "found the workspace pages: {pages:?}");
    let mut failures = Vec::new();
    let mut calls = 0;
    for path in &pages {
        let company_page = path.contains("/companies/{id}");
        // What a page addresses may be absent (no logo or poster uploaded): only the refusals
        // are certain there.
        let may_be_absent = path.ends_with("/logo") || path.ends_with("/poster");
        for target in ["pav-a", "pav-b"] {
            let url = fill(path, target, &world);
            let url = if path.ends_with("/export") { format!("{url}?dataset=works&format=csv") } else { url };
            for (who, web) in [
                ("organiser", &mut organiser),
                ("admin of A", &mut admin_a),
                ("admin of B", &mut admin_b),
                ("exhibitor of A", &mut exhibitor_a),
                ("exhibitor of another company of A", &mut other_exhibitor_a),
                ("buyer", &mut buyer),
            ] {
                let allowed = match who {
                    "organiser" => true,
                    "admin of A" => target == "pav-a",
                    "admin of B" => target == "pav-b",
                    // Its own company's pages only (the matrix addresses its company in A).
                    "exhibitor of A" => target == "pav-a" && company_page,
                    // The company the matrix addresses is not its own, and not published; a
                    // buyer has no workspace of a pavilion's or a company's.
                    _ => false,
                };
                let reply = web.get(&url).await;
                calls += 1;
                let status = reply.status.as_u16();
                let as_expected =
                    if allowed { may_be_absent || (status < 400 && status != 303) } else { status == 404 };
                if !as_expected {
                    failures.push(format!("GET {url} as {who}: {status}"));
                }
                if target == "pav-a" && who != "organiser" && reply.text.contains(MARKER_B) {
                    failures.push(format!("GET {url} as {who} leaked B's data"));
                }
            }
            let reply = signed_out.get(&url).await;
            calls += 1;
            let to_sign_in = reply.header("location").is_some_and(|location| location.contains("/sign-in"));
            // An image (an `<img>` of the page) is simply not there; a page sends to sign in.
            let as_expected = if may_be_absent { reply.status == 404 } else { reply.status == 303 && to_sign_in };
            if !as_expected {
                failures.push(format!("GET {url} signed out: {} to {:?}", reply.status, reply.header("location")));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {calls} page calls broke the rules:\n{}", failures.len(), failures.join("\n"));
}

/// Every form of a pavilion's or a company's workspace, posted from a genuine page of a browser
/// session that may not act there (another pavilion's admin, an exhibitor of another company),
/// and from a signed-out browser: nothing is found (404) or the post is refused (403), and
/// nothing changes.
#[tokio::test]
async fn every_workspace_form_posted_by_a_browser_session_that_may_not() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let admin_b = browser_of(&app, "/en/pavilions/pav-b/sign-in", "admin@pav-b.example").await;
    let other_exhibitor_a = browser_of(&app, "/en/pavilions/pav-a/sign-in", "other-exhibitor@pav-a.example").await;
    let buyer = browser_of(&app, "/en/buyers/sign-in", "matrix-buyer@buyers.example").await;
    let organiser = Tokens::from(&app.login_organiser(&world.organiser_email, PASSWORD).await.expect(200).body);
    let company_url = format!("/api/v1/pavilions/pav-a/exhibitors/{}", world.exhibitor_id["pav-a"]);
    let before = app.get(&company_url, Some(&organiser.access)).await.expect(200).body;

    let forms: Vec<&'static str> = pavilion_api::routes::table()
        .into_iter()
        .filter(|route| route.method == "POST" && route.path.starts_with("/{lang}/workspace/pavilions/{slug}"))
        .map(|route| route.path)
        .collect();
    assert!(forms.len() > 15, "found the workspace forms: {forms:?}");
    let mut failures = Vec::new();
    let mut calls = 0;
    for (who, mut web) in
        [("admin of B", admin_b), ("exhibitor of another company of A", other_exhibitor_a), ("buyer", buyer)]
    {
        let account = web.get("/en/workspace/account").await;
        assert_eq!(account.status, 200, "{who} reads its account page");
        let token = pavilion_tests::web::form_token(&account.text);
        for path in &forms {
            let url = fill(path, "pav-a", &world);
            let upload = path.ends_with("/logo") || path.ends_with("/poster") || path.ends_with("/import");
            let reply = if upload {
                web.post_multipart(
                    &url,
                    &token,
                    if path.ends_with("/import") { "file" } else { path.rsplit('/').next().unwrap() },
                    "x.png",
                    png(8, 8),
                )
                .await
            } else {
                web.post_form(&url, &[("csrf_token", token.as_str()), ("name.en", "Changed by a stranger")]).await
            };
            calls += 1;
            // Another pavilion's objects do not exist for B's admin. Inside its own pavilion an
            // exhibitor is refused a company that is not its own, as by the JSON API (403).
            let as_expected =
                reply.status == 404 || (who == "exhibitor of another company of A" && reply.status == 403);
            if !as_expected {
                failures.push(format!("POST {url} as {who}: {}", reply.status));
            }
        }
    }
    let mut signed_out = app.web();
    let visitor = signed_out.get("/en/sign-in").await;
    let token = pavilion_tests::web::form_token(&visitor.text);
    for path in &forms {
        let url = fill(path, "pav-a", &world);
        let reply = signed_out.post_form(&url, &[("csrf_token", token.as_str())]).await;
        calls += 1;
        if reply.status != 403 {
            failures.push(format!("POST {url} signed out: {}", reply.status));
        }
    }
    assert!(failures.is_empty(), "{} of {calls} form posts broke the rules:\n{}", failures.len(), failures.join("\n"));
    let after = app.get(&company_url, Some(&organiser.access)).await.expect(200).body;
    assert_eq!(before, after, "A's company is as it was");
}
