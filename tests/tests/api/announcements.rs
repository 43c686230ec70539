//! Announcements: exactly the chosen audience receives one (checked at a real SMTP server), each
//! person in their language or the nearest one written, in the sender's identity; the lists
//! count what was queued, sent and failed; a bad announcement queues nothing.

use pavilion_tests::{TestApp, Tokens, spawn_app};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Per pavilion: an admin, an exhibitor account (Simplified Chinese), a company whose contact was
/// invited but has not signed up, and an exhibitor whose account was disabled.
struct Market {
    organiser: Tokens,
    admins: Vec<Tokens>,
    members: Vec<Tokens>,
}

async fn market(app: &TestApp) -> Market {
    let organiser = app.organiser().await;
    let mut admins = Vec::new();
    let mut members = Vec::new();
    for slug in ["pav-a", "pav-b", "pav-c"] {
        app.create_pavilion(&organiser.access, slug, "active").await;
        app.patch(
            &format!("/api/v1/pavilions/{slug}"),
            Some(&organiser.access),
            json!({"sender_name": format!("{slug} desk")}),
        )
        .await
        .expect(200);
        let admin = app.member(&organiser.access, slug, &format!("admin@{slug}.example"), "pavilion_admin").await;
        let company = app.create_exhibitor(&admin.access, slug, json!({"name": {"en": "Lotus Films"}})).await;
        let member = app.exhibitor_member(&admin.access, slug, &company, &format!("member@{slug}.example")).await;
        app.patch("/api/v1/me", Some(&member.access), json!({"locale": "zh-Hans"})).await.expect(200);
        let before = app.smtp.received().len();
        app.create_exhibitor(
            &admin.access,
            slug,
            json!({"name": {"en": "Invited Pictures"}, "contact_email": format!("invited@{slug}.example")}),
        )
        .await;
        // Its invitation is out before the announcements' mail is counted.
        app.smtp.wait_for_recipient(&format!("invited@{slug}.example"), before).await;
        let gone = app.create_exhibitor(&admin.access, slug, json!({"name": {"en": "Gone Studio"}})).await;
        let gone = app.exhibitor_member(&admin.access, slug, &gone, &format!("gone@{slug}.example")).await;
        let me = app.get("/api/v1/me", Some(&gone.access)).await.expect(200).body;
        app.patch(
            &format!("/api/v1/pavilions/{slug}/users/{}", me["id"].as_str().unwrap()),
            Some(&admin.access),
            json!({"disabled": true}),
        )
        .await
        .expect(200);
        admins.push(admin);
        members.push(member);
    }
    Market { organiser, admins, members }
}

/// Waits until every message of the announcement left the outbox, and returns its list entry.
async fn delivered(app: &TestApp, list: &str, token: &str, id: &str) -> Value {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let page = app.get(list, Some(token)).await.expect(200).body;
        let item = page["items"].as_array().unwrap().iter().find(|item| item["id"] == id).expect("listed").clone();
        if item["queued"] == 0 {
            return item;
        }
        assert!(std::time::Instant::now() < deadline, "still queued: {item}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

fn addresses(received: &[pavilion_tests::smtp::Received]) -> BTreeSet<String> {
    received.iter().flat_map(|mail| mail.to.iter().map(|to| to.trim_matches(['<', '>']).to_owned())).collect()
}

#[tokio::test]
async fn the_organisers_announcement_reaches_exactly_the_chosen_audience_each_in_their_language() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let before = app.smtp.received().len();

    let sent = app
        .post(
            "/api/v1/announcements",
            Some(&market.organiser.access),
            json!({"subject": {"en": "Badges are ready", "zh-Hant": "證件已備妥"},
                   "body": {"en": "Collect them at the desk.\nBring a passport.", "zh-Hant": "請到服務台領取。"},
                   "pavilions": ["pav-a", "pav-b", "pav-a"], "audience": ["exhibitor"]}),
        )
        .await
        .expect(201)
        .body;
    // Per pavilion: the account and the invited contact; not the disabled account, no admin.
    assert_eq!(sent["recipients"], 4);
    let id = sent["id"].as_str().unwrap();
    let item = delivered(&app, "/api/v1/announcements", &market.organiser.access, id).await;
    assert_eq!((item["sent"].as_i64(), item["failed"].as_i64(), item["from"].clone()), (Some(4), Some(0), Value::Null));
    assert_eq!(item["pavilions"], json!(["pav-a", "pav-b"]));

    let received: Vec<_> = app.smtp.received().into_iter().skip(before).collect();
    let expected: BTreeSet<String> =
        ["member@pav-a.example", "invited@pav-a.example", "member@pav-b.example", "invited@pav-b.example"]
            .into_iter()
            .map(str::to_owned)
            .collect();
    assert_eq!(addresses(&received), expected, "exactly the audience, once each");
    assert_eq!(received.len(), 4);

    // Simplified Chinese falls back to Traditional before English; the invitee (English) reads English.
    let member = received.iter().find(|m| m.to.iter().any(|to| to.contains("member@pav-a"))).unwrap();
    assert_eq!(member.header("Subject").as_deref(), Some("證件已備妥"));
    assert!(member.body("text/plain").contains("請到服務台領取。"));
    let invited = received.iter().find(|m| m.to.iter().any(|to| to.contains("invited@pav-b"))).unwrap();
    assert_eq!(invited.header("Subject").as_deref(), Some("Badges are ready"));
    let text = invited.body("text/plain");
    assert!(
        text.contains("Collect them at the desk.\r\nBring a passport.")
            || text.contains("Collect them at the desk.\nBring a passport.")
    );
    // The deployment's identity, not a pavilion's.
    let from = invited.header("From").unwrap();
    assert!(from.starts_with("Pavilion <"), "{from}");
    insta::assert_snapshot!("announcement-text", text.replace("\r\n", "\n"));

    // To every pavilion's admins: the three admins, nobody else.
    let before = app.smtp.received().len();
    let sent = app
        .post(
            "/api/v1/announcements",
            Some(&market.organiser.access),
            json!({"subject": {"en": "Hall plan"}, "body": {"en": "Attached at the desk."}, "audience": ["pavilion_admin"]}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(sent["recipients"], 3);
    delivered(&app, "/api/v1/announcements", &market.organiser.access, sent["id"].as_str().unwrap()).await;
    let received: Vec<_> = app.smtp.received().into_iter().skip(before).collect();
    let expected: BTreeSet<String> =
        ["admin@pav-a.example", "admin@pav-b.example", "admin@pav-c.example"].into_iter().map(str::to_owned).collect();
    assert_eq!(addresses(&received), expected);
}

#[tokio::test]
async fn a_pavilion_writes_to_its_own_exhibitors_in_its_identity() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let admin = &market.admins[1].access;
    let before = app.smtp.received().len();
    let sent = app
        .post(
            "/api/v1/pavilions/pav-b/announcements",
            Some(admin),
            json!({"subject": {"en": "Deadline on Friday"}, "body": {"en": "Please submit your profile."},
                   "audience": ["exhibitor"]}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(sent["recipients"], 2);
    let item = delivered(&app, "/api/v1/pavilions/pav-b/announcements", admin, sent["id"].as_str().unwrap()).await;
    assert_eq!(item["from"], "pav-b");
    assert_eq!(item["author"], "Lin Wei");
    assert_eq!(item["sent"], 2);
    let received: Vec<_> = app.smtp.received().into_iter().skip(before).collect();
    let expected: BTreeSet<String> =
        ["member@pav-b.example", "invited@pav-b.example"].into_iter().map(str::to_owned).collect();
    assert_eq!(addresses(&received), expected);
    // Only English was written: the Simplified Chinese reader gets English.
    assert!(received.iter().all(|mail| mail.header("Subject").as_deref() == Some("Deadline on Friday")));
    assert!(received.iter().all(|mail| mail.header("From").unwrap().starts_with("\"pav-b desk\" <")));

    // Another pavilion's list does not show it; the organiser's shows it with its sender.
    let other = app.get("/api/v1/pavilions/pav-a/announcements", Some(&market.admins[0].access)).await.expect(200);
    assert_eq!(other.body["items"], json!([]));
    let all = app.get("/api/v1/announcements", Some(&market.organiser.access)).await.expect(200);
    assert_eq!(all.body["items"][0]["from"], "pav-b");
    // Another pavilion's admin cannot send in its name.
    app.post(
        "/api/v1/pavilions/pav-b/announcements",
        Some(&market.admins[0].access),
        json!({"subject": {"en": "x"}, "body": {"en": "x"}, "audience": ["exhibitor"]}),
    )
    .await
    .expect(404);
}

#[tokio::test]
async fn a_wrong_announcement_is_explained_and_queues_nothing() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let organiser = &market.organiser.access;
    let queued_before =
        app.get("/api/v1/emails?limit=100", Some(organiser)).await.expect(200).body["items"].as_array().unwrap().len();

    let mixed = app
        .post(
            "/api/v1/announcements",
            Some(organiser),
            json!({"subject": {"en": "Hello", "zh-Hans": "你好"}, "body": {"en": "Text"}, "audience": ["exhibitor", "visitor"]}),
        )
        .await
        .expect(422);
    insta::assert_json_snapshot!("announcement-invalid", mixed.body);

    let unknown = app
        .post(
            "/api/v1/announcements",
            Some(organiser),
            json!({"subject": {"en": "Hello"}, "body": {"en": "Text"}, "audience": ["exhibitor"], "pavilions": ["pav-a", "nowhere"]}),
        )
        .await
        .expect(422);
    assert_eq!(unknown.body["errors"][0]["code"], "unknown_pavilion");

    // A pavilion nobody has joined yet.
    app.create_pavilion(organiser, "pav-empty", "active").await;
    let nobody = app
        .post(
            "/api/v1/announcements",
            Some(organiser),
            json!({"subject": {"en": "Hello"}, "body": {"en": "Text"}, "audience": ["exhibitor"], "pavilions": ["pav-empty"]}),
        )
        .await
        .expect(422);
    assert_eq!(nobody.body["errors"][0]["code"], "no_recipients");

    // A pavilion's admin cannot write to the market; an exhibitor cannot write at all.
    let body = json!({"subject": {"en": "Hello"}, "body": {"en": "Text"}, "audience": ["exhibitor"]});
    app.post("/api/v1/announcements", Some(&market.admins[0].access), body.clone()).await.expect(403);
    app.post("/api/v1/pavilions/pav-a/announcements", Some(&market.members[0].access), body).await.expect(403);

    let queued_after =
        app.get("/api/v1/emails?limit=100", Some(organiser)).await.expect(200).body["items"].as_array().unwrap().len();
    assert_eq!(queued_after, queued_before, "nothing was queued");
    let listed = app.get("/api/v1/announcements", Some(organiser)).await.expect(200);
    assert_eq!(listed.body["items"], json!([]));
}
