//! The cross-tenant matrix: every route of the OpenAPI document, called as every kind of caller
//! against objects of pavilion A and of pavilion B. A route missing from the table below fails
//! the test, so a new endpoint cannot skip it.

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
        world.work_id.insert(slug, work["id"].as_str().unwrap().to_owned());
        world.exhibitor_id.insert(slug, company);
    }
    let exhibitor_company = world.exhibitor_id["pav-a"].clone();
    app.exhibitor_member(&organiser.access, "pav-a", &exhibitor_company, "exhibitor@pav-a.example").await;
    world.other_company_a =
        app.create_exhibitor(&organiser.access, "pav-a", json!({"name": {"en": "Another company of A"}})).await;
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
    world
}

/// Which rule governs each route, and the body it is called with.
fn table() -> BTreeMap<(&'static str, &'static str), (Rule, Option<Value>)> {
    use Rule::*;
    let wrong_login = Some(json!({"email": "nobody@example.com", "password": "not the password"}));
    BTreeMap::from([
        (("GET", "/healthz"), (Public, None)),
        (("GET", "/readyz"), (Public, None)),
        (("POST", "/api/v1/auth/login"), (Public, wrong_login.clone())),
        (("POST", "/api/v1/pavilions/{slug}/auth/login"), (Public, wrong_login)),
        (("POST", "/api/v1/auth/refresh"), (Public, Some(json!({"refresh_token": "x.y"})))),
        (("POST", "/api/v1/auth/password-reset"), (Public, Some(json!({"email": "matrix@example.com"})))),
        (
            ("POST", "/api/v1/pavilions/{slug}/auth/password-reset"),
            (Public, Some(json!({"email": "matrix@example.com"}))),
        ),
        (
            ("POST", "/api/v1/auth/password-reset/confirm"),
            (Public, Some(json!({"token": "nope", "password": PASSWORD}))),
        ),
        (
            ("POST", "/api/v1/invitations/accept"),
            (Public, Some(json!({"token": "nope", "name": "X", "password": PASSWORD}))),
        ),
        (("GET", "/api/v1/pavilions"), (Public, None)),
        (("POST", "/api/v1/auth/logout"), (Own, None)),
        (("GET", "/api/v1/me"), (Own, None)),
        (("PATCH", "/api/v1/me"), (Own, Some(json!({"locale": "en"})))),
        (("POST", "/api/v1/me/password"), (Own, Some(json!({"current_password": "wrong", "new_password": PASSWORD})))),
        (("GET", "/api/v1/me/sessions"), (Own, None)),
        (("DELETE", "/api/v1/me/sessions/{id}"), (Own, None)),
        (
            ("POST", "/api/v1/pavilions"),
            (Oversight, Some(json!({"slug": "matrix-new", "name": {"en": "x"}, "region": {"en": "x"}}))),
        ),
        (("GET", "/api/v1/emails"), (Oversight, None)),
        (("GET", "/api/v1/audit"), (Oversight, None)),
        (("GET", "/api/v1/pavilions/{slug}/audit"), (Manage, None)),
        (("POST", "/api/v1/emails/{id}/resend"), (Oversight, None)),
        (("GET", "/api/v1/pavilions/{slug}"), (PavilionRead, None)),
        (("PATCH", "/api/v1/pavilions/{slug}"), (Manage, Some(json!({"host_association": {"en": "matrix"}})))),
        (("GET", "/api/v1/pavilions/{slug}/emails"), (Manage, None)),
        (("POST", "/api/v1/pavilions/{slug}/emails/test"), (Manage, None)),
        (("POST", "/api/v1/pavilions/{slug}/emails/{id}/resend"), (Manage, None)),
        (("GET", "/api/v1/pavilions/{slug}/invitations"), (Manage, None)),
        (
            ("POST", "/api/v1/pavilions/{slug}/invitations"),
            (Manage, Some(json!({"email": "matrix@x.example", "role": "pavilion_admin"}))),
        ),
        (("DELETE", "/api/v1/pavilions/{slug}/invitations/{id}"), (Manage, None)),
        (("GET", "/api/v1/pavilions/{slug}/users"), (Manage, None)),
        (("PATCH", "/api/v1/pavilions/{slug}/users/{id}"), (Manage, Some(json!({"disabled": false})))),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors"), (PavilionRead, None)),
        (("POST", "/api/v1/pavilions/{slug}/exhibitors"), (Manage, Some(json!({"name": {"en": "Matrix Films"}})))),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors/{id}"), (CompanyRead, None)),
        (("PATCH", "/api/v1/pavilions/{slug}/exhibitors/{id}"), (CompanyEdit, Some(json!({"booth": "1B-C12"})))),
        (("POST", "/api/v1/pavilions/{slug}/exhibitors/{id}/submit"), (CompanyEdit, None)),
        (("POST", "/api/v1/pavilions/{slug}/exhibitors/{id}/approve"), (Review, None)),
        (
            ("POST", "/api/v1/pavilions/{slug}/exhibitors/{id}/request-changes"),
            (Review, Some(json!({"comment": "Please add a synopsis."}))),
        ),
        (("POST", "/api/v1/pavilions/{slug}/exhibitors/{id}/unlock"), (Review, None)),
        // Uploads are called with a JSON body: authorised callers get 415, the rest are refused
        // before the body is read.
        (("PUT", "/api/v1/pavilions/{slug}/exhibitors/{id}/logo"), (CompanyEdit, Some(json!({})))),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors/{id}/logo"), (CompanyRead, None)),
        (("PUT", "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}/poster"), (CompanyEdit, Some(json!({})))),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}/poster"), (CompanyRead, None)),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors/{id}/works"), (CompanyRead, None)),
        (
            ("POST", "/api/v1/pavilions/{slug}/exhibitors/{id}/works"),
            (CompanyEdit, Some(json!({"title": {"en": "Matrix"}, "kind": "short", "production_status": "completed"}))),
        ),
        (("GET", "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}"), (CompanyRead, None)),
        (
            ("PATCH", "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}"),
            (CompanyEdit, Some(json!({"year": 2025}))),
        ),
        (("DELETE", "/api/v1/pavilions/{slug}/exhibitors/{id}/works/{work_id}"), (CompanyEdit, None)),
        (("GET", "/api/v1/directory/exhibitors"), (Public, None)),
        (("GET", "/api/v1/directory/works"), (Public, None)),
    ])
}

fn fill(path: &str, slug: &str, world: &World) -> String {
    let id = if path.contains("/emails/{id}") {
        world.email_id[slug].clone()
    } else if path.contains("/invitations/{id}") {
        world.invitation_id[slug].clone()
    } else if path.contains("/users/{id}") {
        world.member_id[slug].clone()
    } else if path.contains("/exhibitors/{id}") {
        world.exhibitor_id[slug].clone()
    } else {
        "01900000-0000-7000-8000-000000000000".to_owned()
    };
    let work = world.work_id.get(slug).cloned().unwrap_or_default();
    path.replace("{slug}", slug).replace("{id}", &id).replace("{work_id}", &work)
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
    }
}

/// The statuses the rule allows; `None` means "any answer that is not an authorization
/// failure or a server error".
fn expected(rule: Rule, caller: Caller, target: &str) -> Option<u16> {
    use Caller::*;
    // The caller's own pavilion, and whether it administers it.
    let home = match caller {
        AdminA | ExhibitorA => Some("pav-a"),
        AdminB => Some("pav-b"),
        _ => None,
    };
    let at_home = home == Some(target);
    let admin = matches!(caller, AdminA | AdminB);
    match (rule, caller) {
        (Rule::Public, _) => None,
        (_, Disabled) => Some(401),
        (Rule::PavilionRead | Rule::CompanyRead, Anonymous) => Some(404), // both pavilions are drafts
        (Rule::PavilionRead | Rule::CompanyRead, Organiser) => None,
        // In A the exhibitor reads its own company (the one the matrix addresses).
        (Rule::PavilionRead | Rule::CompanyRead, _) => {
            if at_home {
                None
            } else {
                Some(404)
            }
        }
        (_, Anonymous) => Some(401),
        (Rule::Own, _) => None,
        (Rule::Oversight, Organiser) => None,
        (Rule::Oversight, _) => Some(403),
        (Rule::Manage | Rule::CompanyEdit | Rule::Review, Organiser) => None,
        (_, _) if !at_home => Some(404),
        (Rule::CompanyEdit, _) => None,
        (Rule::Manage | Rule::Review, _) => {
            if admin {
                None
            } else {
                Some(403)
            }
        }
    }
}

#[tokio::test]
async fn every_route_against_every_caller_and_tenant() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let doc = app.get("/api/v1/openapi.json", None).await.expect(200).body;
    let table = table();
    let mut routes = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let key = (method.to_uppercase(), path.clone());
            let entry = table.iter().find(|((m, p), _)| *m == key.0 && *p == key.1);
            let Some((_, (rule, body))) = entry else {
                panic!("{} {} is not in the cross-tenant matrix: add it to tests/api/tenancy.rs", key.0, key.1);
            };
            routes.push((key.0, key.1, *rule, body.clone()));
        }
    }
    assert_eq!(routes.len(), table.len(), "the matrix lists routes the API does not have");

    let mut failures = Vec::new();
    let mut calls = 0;
    for (method, path, rule, body) in &routes {
        for caller in
            [Caller::Anonymous, Caller::Organiser, Caller::AdminA, Caller::AdminB, Caller::ExhibitorA, Caller::Disabled]
        {
            for target in ["pav-a", "pav-b"] {
                if !path.contains("{slug}") && !path.contains("{id}") && target == "pav-b" {
                    continue; // not tenant-addressed: once is enough
                }
                let url = fill(path, target, &world);
                let token = token(&app, caller, &world).await;
                let method = Method::from_bytes(method.as_bytes()).unwrap();
                let reply = app.request(method.clone(), &url, token.as_deref(), body.clone()).await;
                calls += 1;
                let status = reply.status.as_u16();
                let ok = match expected(*rule, caller, target) {
                    Some(want) => status == want,
                    None => status < 500 && status != 401 && status != 403 || (*rule == Rule::Public && status < 500),
                };
                if !ok {
                    failures.push(format!("{method} {url} as {caller:?}: {status} ({rule:?}) {}", reply.text));
                }
                let a_side =
                    matches!(caller, Caller::Anonymous | Caller::AdminA | Caller::ExhibitorA | Caller::Disabled);
                if a_side && reply.text.contains(MARKER_B) {
                    failures.push(format!("{method} {url} as {caller:?} leaked B's data: {}", reply.text));
                }
            }
        }
    }
    // Inside its own pavilion, an exhibitor has no say over another company.
    let exhibitor = token(&app, Caller::ExhibitorA, &world).await;
    for (method, path, rule, body) in &routes {
        let want = match rule {
            Rule::CompanyEdit | Rule::Review => 403,
            Rule::CompanyRead => 404, // never published, and the pavilion is a draft
            _ => continue,
        };
        let url = fill(path, "pav-a", &world).replace(&world.exhibitor_id["pav-a"], &world.other_company_a);
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let reply = app.request(method.clone(), &url, exhibitor.as_deref(), body.clone()).await;
        calls += 1;
        if reply.status.as_u16() != want {
            failures.push(format!("{method} {url} as exhibitor of another company: {} ({rule:?})", reply.status));
        }
    }
    assert!(failures.is_empty(), "{} of {calls} calls broke the rules:\n{}", failures.len(), failures.join("\n"));
}
