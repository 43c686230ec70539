//! The organiser's market overview page and a pavilion's admin home: the figures of the JSON
//! overview as a sortable table and as SVG charts with their numbers as tables.

use pavilion_tests::web::WebClient;
use pavilion_tests::{PASSWORD, TestApp, Tokens, spawn_app};
use serde_json::json;

/// Two pavilions: A with three companies (one waiting for review) and a deadline in a week,
/// B with one company and no deadline.
async fn market(app: &TestApp) -> Tokens {
    app.create_organiser("organiser@fair.example").await;
    let organiser = Tokens::from(&app.login_organiser("organiser@fair.example", PASSWORD).await.expect(200).body);
    for slug in ["pav-a", "pav-b"] {
        app.create_pavilion(&organiser.access, slug, "active").await;
        app.member(&organiser.access, slug, &format!("admin@{slug}.example"), "pavilion_admin").await;
    }
    let now = pavilion_core::clock::Clock::now(&app.clock);
    let deadline = (now + chrono::Duration::days(7)).to_rfc3339();
    app.patch("/api/v1/pavilions/pav-a", Some(&organiser.access), json!({"profile_deadline": deadline}))
        .await
        .expect(200);
    let waiting = app.create_exhibitor(&organiser.access, "pav-a", json!({"name": {"en": "Waiting Films"}})).await;
    app.create_exhibitor(&organiser.access, "pav-a", json!({"name": {"en": "Draft Films"}})).await;
    app.create_exhibitor(&organiser.access, "pav-a", json!({"name": {"en": "Other Films"}})).await;
    app.create_exhibitor(&organiser.access, "pav-b", json!({"name": {"en": "B Films"}})).await;
    app.post(&format!("/api/v1/pavilions/pav-a/exhibitors/{waiting}/submit"), Some(&organiser.access), json!({}))
        .await
        .expect(200);
    organiser
}

async fn signed_in<'a>(app: &'a TestApp, page: &str, email: &str) -> WebClient<'a> {
    let mut web = app.web();
    web.submit(page, page, &[("email", email), ("password", PASSWORD)]).await.expect(303);
    web
}

/// The rows of the market table, by the pavilions' names, in the order shown.
fn row_order(html: &str) -> Vec<&str> {
    ["pav-a Pavilion", "pav-b Pavilion"]
        .into_iter()
        .filter_map(|name| html.find(&format!(r#"{name}</a> <span class="badge small">"#)).map(|at| (at, name)))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect()
}

#[tokio::test]
async fn the_organiser_sees_every_pavilion_sorted_charted_and_linked_to_its_pages() {
    let app = spawn_app().await;
    market(&app).await;
    let mut organiser = signed_in(&app, "/en/sign-in", "organiser@fair.example").await;
    let page = organiser.get("/en/workspace/market").await.expect(200).text;
    // The table: one row per pavilion, linked to its admin home; A is late (deadline in 7 days,
    // nobody approved), B has no deadline.
    assert!(page.contains(r#"<a href="/en/workspace/pavilions/pav-a">pav-a Pavilion</a>"#), "{page}");
    assert_eq!(row_order(&page), ["pav-a Pavilion", "pav-b Pavilion"]);
    assert_eq!(page.matches(r#"<strong class="late-flag">late</strong>"#).count(), 1, "{page}");
    assert!(
        page.contains(
            r#"<th scope="col" aria-sort="ascending"><a href="/en/workspace/market?sort=name&#38;dir=desc">Pavilion"#
        ),
        "{page}"
    );
    assert!(page.contains("<strong>1</strong><br><span class=\"hint\">the oldest since today</span>"), "{page}");
    // Totals.
    assert!(page.contains("<dt>Companies</dt><dd>4</dd>"), "{page}");
    assert!(page.contains("<dt>Waiting for review</dt><dd>1<small>the oldest since today</small></dd>"), "{page}");
    // The charts: SVG named by a title and a description, with the numbers as a table.
    assert!(page.contains(r#"role="img" aria-labelledby="market-by-state-title market-by-state-desc""#));
    assert!(page.contains(r#"<title id="market-by-state-title">Companies by review state</title>"#));
    assert!(page.contains("One bar for each of the 2 pavilions in the table above"));
    assert!(page.contains("<title>Waiting for review: 1</title>"), "{page}");
    assert!(page.contains(r#"<title id="market-completeness-title">How complete the profiles are</title>"#));
    assert!(page.contains("4 companies by completeness in steps of ten percent"), "{page}");
    assert!(page.contains(r#"<th scope="col">0–9%</th><th scope="col">10–19%</th>"#), "{page}");
    let zeros = "<td>0</td>".repeat(10);
    assert!(page.contains(&format!(r#"<th scope="row">Companies</th><td>4</td>{zeros}</tr>"#)), "{page}");
    // No chart script: the page's one script is the site's own enhancement script.
    assert_eq!(page.matches("<script").count(), 1);

    // Sorted by companies, most first: A (3) before B (1); and the other way round.
    let sorted = organiser.get("/en/workspace/market?sort=companies&dir=desc").await.expect(200).text;
    assert!(sorted.contains(r#"aria-sort="descending"><a href="/en/workspace/market?sort=companies&#38;dir=asc">"#));
    assert_eq!(row_order(&sorted), ["pav-a Pavilion", "pav-b Pavilion"]);
    let reversed = organiser.get("/en/workspace/market?sort=companies&dir=asc").await.expect(200).text;
    assert_eq!(row_order(&reversed), ["pav-b Pavilion", "pav-a Pavilion"]);
    // An unknown column sorts by name.
    organiser.get("/en/workspace/market?sort=salary").await.expect(200);

    // In Chinese, with the pavilion's Chinese name.
    let chinese = organiser.get("/zh-hans/workspace/market").await.expect(200).text;
    assert!(chinese.contains("<h1>全场概览</h1>"));
    assert!(chinese.contains(r#"<a href="/zh-hans/workspace/pavilions/pav-a">pav-a馆</a>"#), "{chinese}");
    let traditional = organiser.get("/zh-hant/workspace/market").await.expect(200).text;
    assert!(traditional.contains("<h1>全場概覽</h1>"));

    // The organiser follows A to its home.
    let home = organiser.get("/en/workspace/pavilions/pav-a").await.expect(200).text;
    assert!(home.contains(r#"aria-current="page">Overview</a>"#), "{home}");
    assert!(home.contains("<dt>Waiting for review</dt><dd>1</dd>"), "{home}");
}

#[tokio::test]
async fn a_pavilion_admin_sees_its_own_home_and_neither_the_market_nor_another_pavilion() {
    let app = spawn_app().await;
    market(&app).await;
    let mut admin = signed_in(&app, "/en/pavilions/pav-a/sign-in", "admin@pav-a.example").await;
    let home = admin.get("/en/workspace/pavilions/pav-a").await.expect(200).text;
    assert!(home.contains("<dt>Companies</dt><dd>3</dd>"), "{home}");
    assert!(home.contains("<dt>Draft</dt><dd>2</dd>"), "{home}");
    // What to act on, each a link to the page that does it.
    assert!(
        home.contains(
            r#"<a href="/en/workspace/pavilions/pav-a/companies">Needs my review (1): the oldest since today</a>"#
        ),
        "{home}"
    );
    assert!(
        home.contains(
            r#"<a href="/en/workspace/pavilions/pav-a/companies?view=all">3 companies are not approved yet</a>"#
        ),
        "{home}"
    );
    assert!(home.contains(r#"<title id="pavilion-by-state-title">Companies by review state</title>"#));
    let zeros = "<td>0</td>".repeat(10);
    assert!(home.contains(&format!(r#"<th scope="row">Companies</th><td>3</td>{zeros}</tr>"#)), "{home}");
    // The workspace's home links to it.
    let workspace = admin.get("/en/workspace").await.expect(200).text;
    assert!(workspace.contains(r#"<a href="/en/workspace/pavilions/pav-a">pav-a Pavilion at a glance"#), "{workspace}");

    admin.get("/en/workspace/pavilions/pav-b").await.expect(404);
    admin.get("/en/workspace/market").await.expect(404);
    let mut anonymous = app.web();
    let away = anonymous.get("/en/workspace/market").await.expect(303);
    assert!(away.header("location").unwrap_or_default().contains("sign-in"));
    anonymous.get("/en/workspace/pavilions/pav-a").await.expect(303);
}
