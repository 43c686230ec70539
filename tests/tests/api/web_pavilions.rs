//! The pavilion's admin pages beyond its companies: settings (with the brand colour's contrast
//! and a test email), the delivery log with resend, the audit log with filters; and the
//! organiser's list of every pavilion, where pavilions are created, activated and archived.

use pavilion_tests::web::{WebClient, form_fields, with_fields};
use pavilion_tests::{PASSWORD, TestApp, Tokens, spawn_app};

async fn market(app: &TestApp) -> Tokens {
    app.create_organiser("organiser@fair.example").await;
    let organiser = Tokens::from(&app.login_organiser("organiser@fair.example", PASSWORD).await.expect(200).body);
    for slug in ["pav-a", "pav-b"] {
        app.create_pavilion(&organiser.access, slug, "active").await;
        app.member(&organiser.access, slug, &format!("admin@{slug}.example"), "pavilion_admin").await;
    }
    organiser
}

async fn signed_in<'a>(app: &'a TestApp, slug: &str, email: &str) -> WebClient<'a> {
    let mut web = app.web();
    let page = format!("/en/pavilions/{slug}/sign-in");
    web.submit(&page, &page, &[("email", email), ("password", PASSWORD)]).await.expect(303);
    web
}

const SETTINGS_A: &str = "/en/workspace/pavilions/pav-a/settings";

#[tokio::test]
async fn an_admin_edits_the_settings_checks_the_colour_and_sends_a_test_email() {
    let app = spawn_app().await;
    let organiser = market(&app).await;
    let mut admin = signed_in(&app, "pav-a", "admin@pav-a.example").await;
    let page = admin.get(SETTINGS_A).await.expect(200);
    assert!(page.text.contains(r#"aria-current="page">Settings</a>"#), "{}", page.text);

    // Every setting in one form, read as the API reads its body.
    let fields = with_fields(
        form_fields(&page.text, SETTINGS_A),
        &[
            ("name.zh-Hans", "甲馆"),
            ("host_association.en", "Film Association of A"),
            ("location", "Hall 1, 1B-C12"),
            ("brand_color", "#1a5fd0"),
            ("sender_name", "A Pavilion"),
            ("reply_to", "desk@pav-a.example"),
            ("email_footer.en", "See you at the market."),
            ("profile_deadline", "2027-03-01T18:00"),
        ],
        &[],
    );
    let saved = admin.post_fields(SETTINGS_A, &fields).await.expect(303);
    assert_eq!(saved.header("location"), Some(&*format!("{SETTINGS_A}?done=saved")));
    let stored = app.get("/api/v1/pavilions/pav-a", Some(&organiser.access)).await.expect(200).body;
    assert_eq!(stored["name"]["zh-Hans"], "甲馆");
    assert_eq!(stored["brand_color"], "#1A5FD0");
    assert_eq!(stored["email_identity"]["reply_to"], "desk@pav-a.example");
    assert_eq!(stored["profile_deadline"], "2027-03-01T18:00:00Z");
    let shown = admin.get(&format!("{SETTINGS_A}?done=saved")).await.expect(200);
    assert!(shown.text.contains("The settings are saved."));
    assert!(shown.text.contains("Contrast with white text: 5.8:1. Readable"), "{}", shown.text);

    // A light colour is saved but said to be unreadable; bad values are refused beside them.
    let fields = with_fields(form_fields(&shown.text, SETTINGS_A), &[("brand_color", "#ffee00")], &[]);
    admin.post_fields(SETTINGS_A, &fields).await.expect(303);
    let light = admin.get(SETTINGS_A).await.expect(200);
    assert!(light.text.contains("Too light for white text"), "{}", light.text);
    let fields = with_fields(
        form_fields(&light.text, SETTINGS_A),
        &[("reply_to", "nobody"), ("profile_deadline", "next spring"), ("name.en", "")],
        &["name.zh-Hans"],
    );
    let refused = admin.post_fields(SETTINGS_A, &fields).await.expect(422);
    assert!(refused.text.contains(r#"id="profile_deadline-error""#), "{}", refused.text);
    assert!(refused.text.contains(r#"value="next spring""#));
    let fields = with_fields(form_fields(&light.text, SETTINGS_A), &[("reply_to", "nobody")], &[]);
    let refused = admin.post_fields(SETTINGS_A, &fields).await.expect(422);
    assert!(refused.text.contains(r#"id="reply_to-error""#) && refused.text.contains(r#"value="nobody""#));

    // The time zone and the reminders: the deadline is typed and shown on the pavilion's clocks.
    assert!(light.text.contains(r#"name="reminder_days" type="text" value="14, 3""#), "{}", light.text);
    let fields = with_fields(
        form_fields(&light.text, SETTINGS_A),
        &[("time_zone", "Asia/Shanghai"), ("profile_deadline", "2027-03-01T18:00"), ("reminder_days", "7, 21 ,1")],
        &[],
    );
    admin.post_fields(SETTINGS_A, &fields).await.expect(303);
    let stored = app.get("/api/v1/pavilions/pav-a", Some(&organiser.access)).await.expect(200).body;
    assert_eq!(stored["profile_deadline"], "2027-03-01T10:00:00Z");
    assert_eq!(stored["time_zone"], "Asia/Shanghai");
    assert_eq!(stored["reminder_days"], serde_json::json!([21, 7, 1]));
    let zoned = admin.get(SETTINGS_A).await.expect(200);
    assert!(zoned.text.contains(r#"value="2027-03-01T18:00""#), "{}", zoned.text);
    let fields = with_fields(
        form_fields(&zoned.text, SETTINGS_A),
        &[("time_zone", "Mars/Olympus"), ("reminder_days", "two weeks")],
        &[],
    );
    let refused = admin.post_fields(SETTINGS_A, &fields).await.expect(422);
    assert!(refused.text.contains(r#"id="reminder_days-error""#), "{}", refused.text);
    let fields = with_fields(form_fields(&zoned.text, SETTINGS_A), &[("time_zone", "Mars/Olympus")], &[]);
    let refused = admin.post_fields(SETTINGS_A, &fields).await.expect(422);
    assert!(refused.text.contains("Give a time zone by its IANA name, such as Asia/Shanghai."), "{}", refused.text);

    // The test email, from the pavilion's identity; then the delivery log shows it, and resends it.
    let sent = admin.submit(SETTINGS_A, &format!("{SETTINGS_A}/test-email"), &[]).await.expect(303);
    assert_eq!(sent.header("location"), Some(&*format!("{SETTINGS_A}?done=test-email")));
    // The admin's invitation went to the same address before: the test message is the one
    // with the pavilion's reply-to.
    let mut skip = 0;
    let mail = loop {
        let mail = app.smtp.wait_for_recipient("admin@pav-a.example", skip).await;
        if mail.header("Subject").is_some_and(|subject| subject.contains("Test message")) {
            break mail;
        }
        skip =
            app.smtp.received().iter().position(|m| m.header("Message-ID") == mail.header("Message-ID")).unwrap() + 1;
    };
    assert_eq!(mail.header("Reply-To").as_deref(), Some("desk@pav-a.example"));
    let log = "/en/workspace/pavilions/pav-a/emails";
    let page = admin.get(log).await.expect(200);
    assert!(page.text.contains("Test message") && page.text.contains("admin@pav-a.example"), "{}", page.text);
    let failed_only = admin.get(&format!("{log}?status=failed")).await.expect(200);
    assert!(failed_only.text.contains("No email in this view."));
    let emails = app.get("/api/v1/pavilions/pav-a/emails", Some(&organiser.access)).await.expect(200).body;
    let test_id = emails["items"].as_array().unwrap().iter().find(|e| e["kind"] == "test_message").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let resend = format!("{log}/{test_id}/resend");
    let resent = admin.submit(log, &resend, &[]).await.expect(303);
    assert_eq!(resent.header("location"), Some(&*format!("{log}?done=resent")));
    let emails = app.get("/api/v1/pavilions/pav-a/emails", Some(&organiser.access)).await.expect(200).body;
    assert_eq!(emails["items"].as_array().unwrap().iter().filter(|e| e["kind"] == "test_message").count(), 2);

    // The audit log: what happened, by whom, filtered by action.
    let audit = "/en/workspace/pavilions/pav-a/audit";
    let page = admin.get(audit).await.expect(200);
    assert!(
        page.text.contains("Pavilion settings changed") && page.text.contains("admin@pav-a.example"),
        "{}",
        page.text
    );
    let logins = admin.get(&format!("{audit}?action=login_succeeded")).await.expect(200);
    assert!(
        logins.text.contains("Signed in") && !logins.text.contains("<td data-label=\"What\">Pavilion settings changed")
    );
    let none = admin.get(&format!("{audit}?action=pavilion_updated&until=2020-01-01")).await.expect(200);
    assert!(none.text.contains("Nothing recorded in this view."));

    // Another pavilion's admin finds none of these pages, and changes nothing.
    let mut stranger = signed_in(&app, "pav-b", "admin@pav-b.example").await;
    for page in [SETTINGS_A, log, audit] {
        stranger.get(page).await.expect(404);
    }
    let token = pavilion_tests::web::form_token(&stranger.get("/en/workspace/account").await.text);
    stranger.post_form(SETTINGS_A, &[("csrf_token", &token), ("name.en", "Taken")]).await.expect(404);
    stranger.post_form(&format!("{SETTINGS_A}/test-email"), &[("csrf_token", &token)]).await.expect(404);
    stranger.post_form(&resend, &[("csrf_token", &token)]).await.expect(404);
    let stored = app.get("/api/v1/pavilions/pav-a", Some(&organiser.access)).await.expect(200).body;
    assert_eq!(stored["name"]["en"], "pav-a Pavilion");
}

#[tokio::test]
async fn the_organiser_creates_activates_and_archives_pavilions_from_the_list() {
    let app = spawn_app().await;
    market(&app).await;
    let mut organiser = app.web();
    organiser
        .submit("/en/sign-in", "/en/sign-in", &[("email", "organiser@fair.example"), ("password", PASSWORD)])
        .await
        .expect(303);
    let list = "/en/workspace/pavilions";
    let page = organiser.get(list).await.expect(200);
    assert!(page.text.contains(r#"href="/en/workspace/pavilions/pav-b/settings""#));

    let refused = organiser.submit(list, list, &[("slug", "Not A Slug"), ("name.en", "Suzhou Pavilion")]).await;
    let refused = refused.expect(422);
    assert!(
        refused.text.contains(r#"id="slug-error""#) && refused.text.contains(r#"id="region-error""#),
        "{}",
        refused.text
    );
    let created = organiser
        .submit(
            list,
            list,
            &[("slug", "suzhou"), ("name.en", "Suzhou Pavilion"), ("name.zh-Hans", "苏州馆"), ("region.en", "Suzhou")],
        )
        .await
        .expect(303);
    assert_eq!(created.header("location"), Some(&*format!("{list}?done=created")));
    let taken =
        organiser.submit(list, list, &[("slug", "suzhou"), ("name.en", "Again"), ("region.en", "Suzhou")]).await;
    assert!(taken.expect(409).text.contains("A pavilion already has this address name."));
    app.web().get("/en/pavilions/suzhou").await.expect(404); // a draft is not public

    let activate = "/en/workspace/pavilions/suzhou/status";
    organiser.submit(list, activate, &[("status", "active")]).await.expect(303);
    app.web().get("/en/pavilions/suzhou").await.expect(200);
    organiser.submit(list, activate, &[("status", "archived")]).await.expect(303);
    app.web().get("/en/pavilions/suzhou").await.expect(404);
    let back = organiser.submit(list, activate, &[("status", "draft")]).await.expect(422);
    assert!(back.text.contains("a public pavilion never returns to draft"));

    // Pavilion admins have no such page and cannot change a status.
    let mut admin = signed_in(&app, "pav-a", "admin@pav-a.example").await;
    admin.get(list).await.expect(404);
    let token = pavilion_tests::web::form_token(&admin.get("/en/workspace/account").await.text);
    admin
        .post_form("/en/workspace/pavilions/pav-a/status", &[("csrf_token", &token), ("status", "archived")])
        .await
        .expect(404);
    admin
        .post_form(list, &[("csrf_token", &token), ("slug", "mine"), ("name.en", "Mine"), ("region.en", "X")])
        .await
        .expect(404);
    app.web().get("/en/pavilions/pav-a").await.expect(200);
}
