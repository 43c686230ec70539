//! Exports of companies and works as CSV and XLSX: the columns, the published and the working
//! copies, formula injection neutralised, Chinese intact, pages joined without a gap, and who
//! may export what.

use pavilion_core::services::demo::DemoSize;
use pavilion_core::services::exports::{EXHIBITOR_COLUMNS, WORK_COLUMNS};
use pavilion_tests::{TestApp, Tokens, spawn_app};
use serde_json::json;
use std::collections::HashMap;
use std::io::Read;

const BOM: &[u8] = b"\xEF\xBB\xBF";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"click\")";

struct Market {
    organiser: Tokens,
    admin_a: String,
    admin_b: String,
}

/// A: Silk Road Pictures (approved, with a contact and a work with rights) and a draft company
/// whose name is a formula; B: one company.
async fn market(app: &TestApp) -> Market {
    let organiser = app.organiser().await;
    for slug in ["pav-a", "pav-b"] {
        app.create_pavilion(&organiser.access, slug, "active").await;
    }
    let admin_a = app.member(&organiser.access, "pav-a", "admin@pav-a.example", "pavilion_admin").await.access;
    let admin_b = app.member(&organiser.access, "pav-b", "admin@pav-b.example", "pavilion_admin").await.access;
    let silk = app
        .create_exhibitor(
            &admin_a,
            "pav-a",
            json!({
                "name": {"en": "Silk Road Pictures", "zh-Hans": "丝路影业", "zh-Hant": "絲路影業"},
                "company_type": "production",
                "city": {"en": "Hangzhou", "zh-Hans": "杭州"},
                "languages": ["zh", "en"],
                "contacts": [{"name": "Li Na", "email": "li.na@silkroad.example", "phone": "+86 571 8888 0000", "public": true}],
            }),
        )
        .await;
    let work = json!({
        "title": {"en": "West Lake", "zh-Hans": "西湖"}, "kind": "feature", "production_status": "completed",
        "year": 2026, "runtime_minutes": 104, "genres": ["drama", "romance"], "directors": ["Chen Kaige"],
        "rights": [{"territory": "FR", "media": ["theatrical", "svod"]}, {"territory": "GREATER_CHINA", "media": ["free_tv"]}],
    });
    let company = format!("/api/v1/pavilions/pav-a/exhibitors/{silk}");
    app.post(&format!("{company}/works"), Some(&admin_a), work).await.expect(201);
    app.post(&format!("{company}/submit"), Some(&admin_a), json!({})).await.expect(200);
    app.post(&format!("{company}/approve"), Some(&admin_a), json!({})).await.expect(200);
    app.create_exhibitor(&admin_a, "pav-a", json!({"name": {"en": FORMULA}})).await;
    app.create_exhibitor(&admin_b, "pav-b", json!({"name": {"en": "B Films"}})).await;
    Market { organiser, admin_a, admin_b }
}

/// The rows of a CSV export, by column name, after checking the byte-order mark and the header.
fn csv_rows(bytes: &[u8], columns: &[&str]) -> Vec<HashMap<String, String>> {
    let text =
        bytes.strip_prefix(BOM).unwrap_or_else(|| panic!("no byte-order mark: {:?}", &bytes[..bytes.len().min(8)]));
    let mut reader = csv::Reader::from_reader(text);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, columns);
    reader
        .records()
        .map(|record| header.iter().cloned().zip(record.unwrap().iter().map(str::to_owned)).collect())
        .collect()
}

/// The first sheet of an XLSX export, as its XML.
fn sheet_xml(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"PK"), "not a zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    archive.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut sheet).unwrap();
    sheet
}

#[tokio::test]
async fn a_pavilion_exports_its_published_and_working_companies_as_csv() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let (status, headers, bytes) =
        app.download("/api/v1/pavilions/pav-a/exports/exhibitors.csv", Some(&market.admin_a)).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(headers["content-disposition"], "attachment; filename=\"pavilion-pav-a-exhibitors-published.csv\"");
    assert_eq!(headers["cache-control"], "no-store");
    // The published copy: only the approved company.
    let published = csv_rows(&bytes, EXHIBITOR_COLUMNS);
    assert_eq!(published.len(), 1);
    let silk = &published[0];
    assert_eq!(silk["name.en"], "Silk Road Pictures");
    assert_eq!(silk["name.zh-Hans"], "丝路影业");
    assert_eq!(silk["name.zh-Hant"], "絲路影業");
    assert_eq!(silk["city.zh-Hant"], "");
    assert_eq!(silk["languages"], "zh; en");
    assert_eq!(silk["contact_email"], "li.na@silkroad.example");
    // A phone number is text a spreadsheet would compute: it starts with an apostrophe.
    assert_eq!(silk["contact_phone"], "'+86 571 8888 0000");
    assert_eq!(silk["status"], "published");
    assert_eq!(silk["pavilion"], "pav-a");

    // The working copy: both companies, the formula neutralised.
    let (_, headers, bytes) =
        app.download("/api/v1/pavilions/pav-a/exports/exhibitors.csv?version=working", Some(&market.admin_a)).await;
    assert_eq!(headers["content-disposition"], "attachment; filename=\"pavilion-pav-a-exhibitors-working.csv\"");
    let working = csv_rows(&bytes, EXHIBITOR_COLUMNS);
    assert_eq!(working.len(), 2);
    let formula = working.iter().find(|row| row["name.en"].contains("HYPERLINK")).unwrap();
    assert_eq!(formula["name.en"], format!("'{FORMULA}"));
    assert_eq!(formula["status"], "draft");
    assert!(working.iter().any(|row| row["status"] == "approved" && row["completeness"].parse::<u8>().is_ok()));
    assert!(!String::from_utf8_lossy(&bytes).contains("B Films"));
}

#[tokio::test]
async fn works_export_with_rights_in_words_as_csv_and_xlsx() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let (_, _, bytes) = app.download("/api/v1/pavilions/pav-a/exports/works.csv", Some(&market.admin_a)).await;
    let works = csv_rows(&bytes, WORK_COLUMNS);
    assert_eq!(works.len(), 1);
    let west_lake = &works[0];
    assert_eq!(west_lake["title.zh-Hans"], "西湖");
    assert_eq!(west_lake["company"], "Silk Road Pictures");
    assert_eq!(west_lake["genres"], "drama; romance");
    assert_eq!(west_lake["year"], "2026");
    assert_eq!(west_lake["rights"], "France (FR): theatrical, svod; Greater China (GREATER_CHINA): free_tv");
    assert!(!west_lake["published_at"].is_empty());

    // XLSX: a workbook whose one sheet holds the same row; numbers as numbers, text as text,
    // the formula neutralised there too.
    let (status, headers, bytes) =
        app.download("/api/v1/pavilions/pav-a/exports/works.xlsx?version=working", Some(&market.admin_a)).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let sheet = sheet_xml(&bytes);
    assert!(sheet.contains("西湖"), "{sheet}");
    assert!(sheet.contains("<v>2026</v>"), "{sheet}");
    assert!(sheet.contains("France (FR): theatrical, svod"));
    let (_, _, bytes) =
        app.download("/api/v1/pavilions/pav-a/exports/exhibitors.xlsx?version=working", Some(&market.admin_a)).await;
    let sheet = sheet_xml(&bytes);
    assert!(sheet.contains("'=HYPERLINK") || sheet.contains("&apos;=HYPERLINK"), "{sheet}");
    assert!(!sheet.contains("<f>"), "no formula cell: {sheet}");
    assert!(sheet.contains("丝路影业"));
}

#[tokio::test]
async fn the_organiser_exports_the_market_or_chosen_pavilions_and_nobody_else_can() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let organiser = Some(market.organiser.access.as_str());
    let (status, headers, bytes) = app.download("/api/v1/exports/exhibitors.csv?version=working", organiser).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-disposition"], "attachment; filename=\"market-exhibitors-working.csv\"");
    let every = csv_rows(&bytes, EXHIBITOR_COLUMNS);
    let pavilions: Vec<&str> = every.iter().map(|row| row["pavilion"].as_str()).collect();
    assert_eq!(pavilions, ["pav-a", "pav-a", "pav-b"]);
    let (_, _, bytes) = app.download("/api/v1/exports/exhibitors.csv?version=working&pavilion=pav-b", organiser).await;
    assert_eq!(csv_rows(&bytes, EXHIBITOR_COLUMNS).len(), 1);
    let (_, _, bytes) = app.download("/api/v1/exports/exhibitors.csv?pavilion=pav-b,pav-a", organiser).await;
    assert_eq!(csv_rows(&bytes, EXHIBITOR_COLUMNS).len(), 1, "published: only Silk Road");

    // Refused, each with its reason.
    let unknown = app.get("/api/v1/exports/exhibitors.csv?pavilion=pav-z", organiser).await.expect(422);
    assert!(unknown.text.contains("no pavilion is called pav-z"), "{}", unknown.text);
    app.get("/api/v1/exports/exhibitors.csv?version=draft", organiser).await.expect(422);
    app.get("/api/v1/exports/secrets.csv", organiser).await.expect(404);
    app.get("/api/v1/exports/works.pdf", organiser).await.expect(404);
    app.get("/api/v1/exports/exhibitors.csv", Some(&market.admin_a)).await.expect(403);
    app.get("/api/v1/exports/exhibitors.csv", None).await.expect(401);
    app.get("/api/v1/pavilions/pav-a/exports/exhibitors.csv", Some(&market.admin_b)).await.expect(404);
    app.get("/api/v1/pavilions/pav-a/exports/exhibitors.csv", None).await.expect(401);
}

#[tokio::test]
async fn a_large_export_is_read_in_pages_that_join_without_a_gap_or_a_repeat() {
    let app = spawn_app().await;
    // Two pavilions of 110 companies with 5 works each: 550 works apiece, more than a page.
    pavilion_api::cli::seed_demo(&app.settings, DemoSize { pavilions: 2, exhibitors: 110, works: 5 }, |_| {})
        .await
        .expect("demo seeded");
    let organiser = app.login_organiser("organiser@pavilion.demo", pavilion_core::services::demo::DEMO_PASSWORD).await;
    let token = organiser.expect(200).body["access_token"].as_str().unwrap().to_owned();
    for version in ["published", "working"] {
        let (_, _, bytes) = app.download(&format!("/api/v1/exports/works.csv?version={version}"), Some(&token)).await;
        let works = csv_rows(&bytes, WORK_COLUMNS);
        let mut ids: Vec<&str> = works.iter().map(|row| row["id"].as_str()).collect();
        let total = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), total, "{version}: a work twice");
        let overview = app.get("/api/v1/market/overview", Some(&token)).await.expect(200).body;
        let expected = &overview["totals"]["works"][if version == "working" { "all" } else { "published" }];
        assert_eq!(json!(total), *expected, "{version}");
        assert!(total > 500, "{version}: more than a page ({total})");
    }
}
