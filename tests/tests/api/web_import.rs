//! The import page: a file checked first (the report by line, nothing written), then imported
//! with one more click; a file of the wrong form explained; another pavilion's admin finds no page.

use pavilion_tests::web::{WebClient, form_token};
use pavilion_tests::{PASSWORD, TestApp, spawn_app};
use serde_json::json;

const IMPORT: &str = "/en/workspace/pavilions/pav-a/import";

async fn signed_in<'a>(app: &'a TestApp, slug: &str, email: &str) -> WebClient<'a> {
    let mut web = app.web();
    let page = format!("/en/pavilions/{slug}/sign-in");
    web.submit(&page, &page, &[("email", email), ("password", PASSWORD)]).await.expect(303);
    web
}

/// The text of the hidden field that carries the checked file to the import.
fn checked_text(html: &str) -> String {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("textarea[name=content]").unwrap();
    document.select(&selector).next().map(|area| area.text().collect()).unwrap_or_default()
}

#[tokio::test]
async fn an_admin_checks_a_file_then_imports_it_and_a_wrong_file_is_explained() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    for slug in ["pav-a", "pav-b"] {
        app.create_pavilion(&organiser.access, slug, "active").await;
        app.member(&organiser.access, slug, &format!("admin@{slug}.example"), "pavilion_admin").await;
    }
    app.create_exhibitor(&organiser.access, "pav-a", json!({"name": {"en": "Silk Road Pictures"}})).await;
    let mut admin = signed_in(&app, "pav-a", "admin@pav-a.example").await;
    let page = admin.get(IMPORT).await.expect(200).text;
    assert!(
        page.contains(
            r#"href="/en/workspace/pavilions/pav-a/export?dataset=exhibitors&amp;version=working&amp;format=csv""#
        ) || page.contains("export?dataset=exhibitors&#38;version=working&#38;format=csv"),
        "{page}"
    );
    let token = form_token(&page);

    let file = "name.en,name.zh-Hans,contact_name,contact_email\n\
                Silk Road Pictures,丝路影业,,\n\
                Lotus Films,莲花影业,Wang Fang,wang.fang@lotus.example\n";
    let report =
        admin.post_multipart(IMPORT, &token, "file", "companies.csv", file.as_bytes().to_vec()).await.expect(200).text;
    assert!(report.contains("1 new, 1 changed, 0 unchanged, 0 with errors."), "{report}");
    assert!(report.contains("<td data-label=\"What happens\">new company</td>"), "{report}");
    assert!(report.contains("Import: 1 new, 1 changed"));
    // Checked, not written.
    let listed = app.get("/api/v1/pavilions/pav-a/exhibitors", Some(&organiser.access)).await.expect(200).body;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);

    let text = checked_text(&report);
    assert_eq!(text, file);
    let token = form_token(&report);
    let done = admin
        .post_multipart_text(IMPORT, &[("csrf_token", &token), ("step", "import"), ("content", &text)])
        .await
        .expect(303);
    let back = done.header("location").unwrap().to_owned();
    assert_eq!(back, format!("{IMPORT}?created=1&updated=1"));
    let shown = admin.get(&back).await.expect(200).text;
    assert!(shown.contains("Imported: 1 new, 1 changed."), "{shown}");
    let listed = app.get("/api/v1/pavilions/pav-a/exhibitors", Some(&organiser.access)).await.expect(200).body;
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);

    // A file saved with semicolons: refused whole, with what to do.
    let token = form_token(&shown);
    let wrong = admin
        .post_multipart(IMPORT, &token, "file", "list.csv", b"name.en;website\nA;x\n".to_vec())
        .await
        .expect(422)
        .text;
    assert!(wrong.contains("The columns are separated by semicolons or tabs."), "{wrong}");
    // Rows in error: the report says which line and column; no import button.
    let bad = admin
        .post_multipart(IMPORT, &token, "file", "list.csv", b"name.en,website\nBad Films,not a url\n".to_vec())
        .await
        .expect(422)
        .text;
    assert!(bad.contains("<li>website: "), "{bad}");
    assert!(!bad.contains("name=\"step\" value=\"import\""));
    // A forged form reads nothing.
    admin.post_multipart(IMPORT, "forged", "file", "list.csv", file.as_bytes().to_vec()).await.expect(403);

    let mut other = signed_in(&app, "pav-b", "admin@pav-b.example").await;
    other.get(IMPORT).await.expect(404);
    let token = form_token(&other.get("/en/workspace/pavilions/pav-b/import").await.expect(200).text);
    other.post_multipart(IMPORT, &token, "file", "list.csv", file.as_bytes().to_vec()).await.expect(404);
}
