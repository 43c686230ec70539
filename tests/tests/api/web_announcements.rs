//! Announcements as pages: the organiser's form (every pavilion or chosen ones, started on one
//! pavilion from its home), a pavilion's form in its own tab, errors shown beside their fields,
//! and the list with its delivery counts.

use pavilion_tests::web::WebClient;
use pavilion_tests::{PASSWORD, TestApp, Tokens, spawn_app};
use serde_json::json;

/// Two pavilions, each with an admin and a company whose contact was invited.
async fn market(app: &TestApp) -> Tokens {
    app.create_organiser("organiser@fair.example").await;
    let organiser = Tokens::from(&app.login_organiser("organiser@fair.example", PASSWORD).await.expect(200).body);
    for slug in ["pav-a", "pav-b"] {
        app.create_pavilion(&organiser.access, slug, "active").await;
        let admin = app.member(&organiser.access, slug, &format!("admin@{slug}.example"), "pavilion_admin").await;
        let before = app.smtp.received().len();
        app.create_exhibitor(
            &admin.access,
            slug,
            json!({"name": {"en": "Lotus Films"}, "contact_email": format!("contact@{slug}.example")}),
        )
        .await;
        // The invitation is out before anything else is counted.
        app.smtp.wait_for_recipient(&format!("contact@{slug}.example"), before).await;
    }
    organiser
}

async fn signed_in<'a>(app: &'a TestApp, page: &str, email: &str) -> WebClient<'a> {
    let mut web = app.web();
    web.submit(page, page, &[("email", email), ("password", PASSWORD)]).await.expect(303);
    web
}

#[tokio::test]
async fn the_organiser_writes_to_one_pavilions_companies_from_a_form_started_on_it() {
    let app = spawn_app().await;
    market(&app).await;
    let mut organiser = signed_in(&app, "/en/sign-in", "organiser@fair.example").await;
    let start = "/en/workspace/announcements?pavilion=pav-a&audience=exhibitor";
    let page = organiser.get(start).await.expect(200).text;
    assert!(page.contains(r#"<input type="radio" name="pavilions" value="chosen" checked>"#), "{page}");
    assert!(page.contains(r#"<input type="checkbox" name="pavilion.pav-a" checked>"#), "{page}");
    assert!(page.contains(r#"<input type="checkbox" name="pavilion.pav-b">"#), "{page}");
    assert!(page.contains(r#"<input type="checkbox" name="audience.exhibitor" checked>"#), "{page}");
    assert!(page.contains("No announcement has been sent yet."));

    // A subject in Simplified Chinese without its message: refused, the error beside the field,
    // what was typed kept, nothing sent.
    let refused = organiser
        .submit(
            start,
            "/en/workspace/announcements",
            &[
                ("pavilions", "chosen"),
                ("pavilion.pav-a", "on"),
                ("audience.exhibitor", "on"),
                ("subject.en", "Badges"),
                ("subject.zh-Hans", "证件"),
                ("body.en", "At the desk."),
            ],
        )
        .await
        .expect(422)
        .text;
    assert!(refused.contains(r#"<p class="error" id="body.zh-Hans-error">Write this language here too, as in the other field, or in neither.</p>"#), "{refused}");
    assert!(refused.contains(r#"value="证件""#));
    assert!(refused.contains(r#"<input type="checkbox" name="pavilion.pav-a" checked>"#));

    let before = app.smtp.received().len();
    let sent = organiser
        .submit(
            start,
            "/en/workspace/announcements",
            &[
                ("pavilions", "chosen"),
                ("pavilion.pav-a", "on"),
                ("audience.exhibitor", "on"),
                ("subject.en", "Badges"),
                ("body.en", "At the desk."),
            ],
        )
        .await
        .expect(303);
    let location = sent.header("location").unwrap().to_owned();
    assert_eq!(location, "/en/workspace/announcements?sent=1");
    let mail = app.smtp.wait_for_recipient("contact@pav-a.example", before).await;
    assert_eq!(mail.header("Subject").as_deref(), Some("Badges"));
    let page = organiser.get(&location).await.expect(200).text;
    assert!(page.contains("Queued for 1 person."), "{page}");
    assert!(page.contains(r#"<td data-label="Subject">Badges</td>"#), "{page}");
    assert!(page.contains("Recipients: 1 · pav-a"), "{page}");

    // Nobody else got it.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let others: Vec<_> = app
        .smtp
        .received()
        .into_iter()
        .skip(before)
        .filter(|m| !m.to.iter().any(|to| to.contains("contact@pav-a")))
        .collect();
    assert!(others.is_empty(), "{:?}", others.iter().map(|m| m.to.clone()).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_pavilion_admin_writes_from_its_tab_and_sees_only_its_own() {
    let app = spawn_app().await;
    market(&app).await;
    let mut admin = signed_in(&app, "/en/pavilions/pav-b/sign-in", "admin@pav-b.example").await;
    let page = admin.get("/en/workspace/pavilions/pav-b/announcements").await.expect(200).text;
    assert!(page.contains(r#"aria-current="page">Announcements</a>"#), "{page}");
    assert!(!page.contains(r#"name="pavilions""#), "a pavilion chooses no pavilions");
    let before = app.smtp.received().len();
    admin
        .submit(
            "/en/workspace/pavilions/pav-b/announcements",
            "/en/workspace/pavilions/pav-b/announcements",
            &[("audience.exhibitor", "on"), ("subject.zh-Hant", "截止日期"), ("body.zh-Hant", "請在週五前提交。")],
        )
        .await
        .expect(303);
    let mail = app.smtp.wait_for_recipient("contact@pav-b.example", before).await;
    assert_eq!(mail.header("Subject").as_deref(), Some("截止日期"));
    let page = admin.get("/zh-hant/workspace/pavilions/pav-b/announcements").await.expect(200).text;
    assert!(page.contains("截止日期"), "{page}");

    // No audience: said beside the choice.
    let refused = admin
        .submit(
            "/en/workspace/pavilions/pav-b/announcements",
            "/en/workspace/pavilions/pav-b/announcements",
            &[("subject.en", "Hello"), ("body.en", "Text")],
        )
        .await
        .expect(422)
        .text;
    assert!(refused.contains(r#"<p class="error" id="audience-error">"#), "{refused}");

    // Another pavilion's page and the organiser's are not there for it.
    admin.get("/en/workspace/pavilions/pav-a/announcements").await.expect(404);
    admin.get("/en/workspace/announcements").await.expect(404);
}
