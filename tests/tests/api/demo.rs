//! `pavilion seed-demo`: a believable market on an empty database, and only there.

use pavilion_core::services::demo::{DEMO_PASSWORD, DemoSize};
use pavilion_tests::spawn_app;
use serde_json::json;

#[tokio::test]
async fn seed_demo_fills_an_empty_database_with_a_market_to_try() {
    let app = spawn_app().await;
    let size = DemoSize { pavilions: 3, exhibitors: 5, works: 2 };
    let lines = std::sync::Mutex::new(Vec::new());
    pavilion_api::cli::seed_demo(&app.settings, size, |line| lines.lock().unwrap().push(line)).await.unwrap();
    let lines = lines.into_inner().unwrap();
    assert!(lines.iter().any(|l| l.starts_with("seeded 3/3 pavilions: 15 companies")), "{lines:?}");

    let pavilions = app.get("/api/v1/pavilions", None).await.expect(200).body;
    let slugs: Vec<&str> = pavilions["items"].as_array().unwrap().iter().map(|p| p["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, vec!["beijing", "fujian", "hangzhou"]);
    let hangzhou = app.get("/api/v1/pavilions/hangzhou", None).await.expect(200).body;
    assert_eq!(hangzhou["name"], json!({"en": "Hangzhou Pavilion", "zh-Hans": "杭州馆", "zh-Hant": "杭州館"}));
    // Each pavilion has a brand colour of its own, as a market's would.
    let mut colours = std::collections::BTreeSet::new();
    for slug in ["beijing", "fujian", "hangzhou"] {
        let pavilion = app.get(&format!("/api/v1/pavilions/{slug}"), None).await.expect(200).body;
        colours.insert(pavilion["brand_color"].as_str().unwrap_or_default().to_owned());
    }
    assert_eq!(colours.len(), 3, "{colours:?}");
    assert!(colours.iter().all(|colour| colour.len() == 7 && colour.starts_with('#')), "{colours:?}");

    // The demo accounts log in; the exhibitor keeps a draft company to edit.
    let login = json!({"email": "exhibitor@hangzhou.demo", "password": DEMO_PASSWORD});
    let exhibitor = app.post("/api/v1/pavilions/hangzhou/auth/login", None, login).await.expect(200).body;
    let token = exhibitor["access_token"].as_str().unwrap();
    let me = app.get("/api/v1/me", Some(token)).await.expect(200).body;
    let company = me["exhibitor_id"].as_str().unwrap();
    let own = app.get(&format!("/api/v1/pavilions/hangzhou/exhibitors/{company}"), Some(token)).await.expect(200);
    assert_eq!(own.body["review"]["status"], "draft");
    assert_eq!(own.body["name"]["zh-Hant"], "西湖影業");
    let login = json!({"email": "organiser@pavilion.demo", "password": DEMO_PASSWORD});
    app.post("/api/v1/auth/login", None, login).await.expect(200);

    // Published companies and works are in the directory, private contacts are not.
    let companies = app.get("/api/v1/directory/exhibitors?pavilion=hangzhou", None).await.expect(200);
    assert!(!companies.body["items"].as_array().unwrap().is_empty());
    assert!(!companies.text.contains("Li Wen"), "private contact leaked");
    let works = app.get("/api/v1/directory/works?limit=100", None).await.expect(200).body;
    assert!(works["items"].as_array().unwrap().len() >= 10, "{works}");

    // A second run refuses to mix demo data into a market.
    let again = pavilion_api::cli::seed_demo(&app.settings, size, |_| {}).await.unwrap_err();
    assert!(again.to_string().contains("already holds pavilions"), "{again}");
}

/// Every text search must find exactly the published works whose texts contain the words,
/// whichever way the database answers it: on SQLite, a rare word from the FTS5 index and a word
/// in more than 2,000 works by reading rows in order; on PostgreSQL, LIKE with trigram indexes.
#[tokio::test]
async fn directory_search_finds_the_same_works_as_reading_them_all() {
    let app = spawn_app().await;
    // 12 × 45 × 5 = 2,700 works, about 2,150 of them published: "story" is in every synopsis.
    let size = DemoSize { pavilions: 12, exhibitors: 45, works: 5 };
    pavilion_api::cli::seed_demo(&app.settings, size, |_| {}).await.unwrap();

    let all = every_work(&app, "").await;
    assert!(all.len() > 2_000, "{} published works", all.len());
    for words in ["story", "harbour", "the harbour", "港湾", "港湾的孩子", "關於港灣", "episode 4 of", "zzyzx", "翡翠"]
    {
        let expected: Vec<&String> =
            all.iter().filter(|(_, text)| words.split(' ').all(|word| text.contains(word))).map(|(id, _)| id).collect();
        let found = every_work(&app, words).await;
        let found: Vec<&String> = found.iter().map(|(id, _)| id).collect();
        assert_eq!(found.len(), expected.len(), "q={words}");
        assert_eq!(found, expected, "q={words}");
    }
}

/// Every page of the works directory for a search: (id, the work's searchable texts, lower-cased).
async fn every_work(app: &pavilion_tests::TestApp, q: &str) -> Vec<(String, String)> {
    let q: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
    let mut works = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = app.get(&format!("/api/v1/directory/works?limit=100&q={q}{cursor}"), None).await.expect(200).body;
        for work in page["items"].as_array().unwrap() {
            works.push((work["id"].as_str().unwrap().to_owned(), searchable(work)));
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => return works,
        }
    }
}

/// Titles, original title, synopsis, directors and cast, as the directory searches them.
fn searchable(work: &serde_json::Value) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for translated in ["title", "synopsis"] {
        parts.extend(work[translated].as_object().into_iter().flat_map(|t| t.values()).filter_map(|v| v.as_str()));
    }
    parts.extend(work["original_title"].as_str());
    for names in ["directors", "cast"] {
        parts.extend(work[names].as_array().into_iter().flatten().filter_map(|v| v.as_str()));
    }
    parts.join(" ").to_lowercase()
}
