//! Importing companies from CSV: an export edited and imported back (a dry run first, which
//! writes nothing), the same file twice (the second time changes nothing), a GBK file, files of
//! the wrong form, rows in error (nothing written), and who may import.

use pavilion_tests::{TestApp, Tokens, spawn_app};
use serde_json::{Value, json};

const FORMULA: &str = "=HYPERLINK(\"http://evil.example\")";
const IMPORT: &str = "/api/v1/pavilions/pav-a/imports/exhibitors";

struct Market {
    organiser: Tokens,
    admin: String,
    silk: String,
}

async fn market(app: &TestApp) -> Market {
    let organiser = app.organiser().await;
    for slug in ["pav-a", "pav-b"] {
        app.create_pavilion(&organiser.access, slug, "active").await;
    }
    let admin = app.member(&organiser.access, "pav-a", "admin@pav-a.example", "pavilion_admin").await.access;
    let silk = app
        .create_exhibitor(
            &admin,
            "pav-a",
            json!({
                "name": {"en": "Silk Road Pictures", "zh-Hans": "丝路影业"},
                "website": "https://silkroad.example",
                "contacts": [{"name": "Li Na", "email": "li.na@silkroad.example", "phone": "+86 571 8888 0000", "public": true},
                             {"name": "Second Contact", "email": "second@silkroad.example", "public": false}],
            }),
        )
        .await;
    let company = format!("/api/v1/pavilions/pav-a/exhibitors/{silk}");
    app.post(&format!("{company}/submit"), Some(&admin), json!({})).await.expect(200);
    app.post(&format!("{company}/approve"), Some(&admin), json!({})).await.expect(200);
    app.create_exhibitor(&admin, "pav-a", json!({"name": {"en": FORMULA}})).await;
    Market { organiser, admin, silk }
}

/// The export's rows, edited by `edit` (cells by column name), written back as CSV with a BOM.
fn edited(export: &[u8], edit: impl Fn(&mut Vec<(String, String)>)) -> Vec<u8> {
    let text = export.strip_prefix(b"\xEF\xBB\xBF").unwrap();
    let mut reader = csv::Reader::from_reader(text);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(&header).unwrap();
        for record in reader.records() {
            let mut row: Vec<(String, String)> =
                header.iter().cloned().zip(record.unwrap().iter().map(str::to_owned)).collect();
            edit(&mut row);
            writer.write_record(row.iter().map(|(_, value)| value)).unwrap();
        }
    }
    out
}

fn set(row: &mut [(String, String)], column: &str, value: &str) {
    row.iter_mut().find(|(name, _)| name == column).unwrap().1 = value.to_owned();
}

fn get<'a>(row: &'a [(String, String)], column: &str) -> &'a str {
    &row.iter().find(|(name, _)| name == column).unwrap().1
}

async fn import(app: &TestApp, token: &str, file: Vec<u8>, dry_run: bool) -> pavilion_tests::Reply {
    app.post_raw(&format!("{IMPORT}?dry_run={dry_run}"), Some(token), "text/csv", file).await
}

fn actions(report: &Value) -> Vec<(u64, String)> {
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| (row["line"].as_u64().unwrap(), row["action"].as_str().unwrap().to_owned()))
        .collect()
}

async fn companies(app: &TestApp, token: &str) -> Vec<Value> {
    app.get("/api/v1/pavilions/pav-a/exhibitors?limit=100", Some(token)).await.expect(200).body["items"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn an_export_edited_in_a_spreadsheet_comes_back_after_a_dry_run_and_a_second_import_changes_nothing() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let (_, _, export) =
        app.download("/api/v1/pavilions/pav-a/exports/exhibitors.csv?version=working", Some(&market.admin)).await;

    // The export as it is: every row unchanged (the formula's apostrophe comes off again).
    let report = import(&app, &market.admin, export.clone(), true).await.expect(200).body;
    assert_eq!(actions(&report), [(2, "unchanged".to_owned()), (3, "unchanged".to_owned())], "{report}");

    // Edited: Silk Road's website; and a new company with its contact, in a new last row.
    let mut file = edited(&export, |row| {
        if get(row, "name.en") == "Silk Road Pictures" {
            set(row, "website", "https://silkroad-pictures.example");
        }
    });
    file.extend_from_slice(
        "\"\",,Lotus Films,莲花影业,,,,,,,,,,,,Wang Fang,,wang.fang@lotus.example,,yes,,,,\r\n".as_bytes(),
    );

    let dry = import(&app, &market.admin, file.clone(), true).await.expect(200).body;
    assert_eq!(
        actions(&dry),
        [(2, "update".to_owned()), (3, "unchanged".to_owned()), (4, "create".to_owned())],
        "{dry}"
    );
    assert_eq!(
        (dry["created"].as_u64(), dry["updated"].as_u64(), dry["applied"].as_bool()),
        (Some(1), Some(1), Some(false))
    );
    // The dry run wrote nothing and invited nobody.
    assert_eq!(companies(&app, &market.admin).await.len(), 2);
    let silk = format!("/api/v1/pavilions/pav-a/exhibitors/{}", market.silk);
    assert_eq!(app.get(&silk, Some(&market.admin)).await.expect(200).body["website"], "https://silkroad.example");

    let sent_before = app.smtp.received().len();
    let done = import(&app, &market.admin, file.clone(), false).await.expect(200).body;
    assert_eq!(done["applied"], true);
    let lotus_id = done["rows"][2]["id"].as_str().unwrap().to_owned();
    let silk_now = app.get(&silk, Some(&market.admin)).await.expect(200).body;
    assert_eq!(silk_now["website"], "https://silkroad-pictures.example");
    // Only the file's columns were written: the second contact, not in the file, is kept; the
    // edit took the approved company out of review, as any edit does.
    assert_eq!(silk_now["contacts"][1]["email"], "second@silkroad.example", "{silk_now}");
    assert_eq!(silk_now["review"]["status"], "draft");
    let lotus =
        app.get(&format!("/api/v1/pavilions/pav-a/exhibitors/{lotus_id}"), Some(&market.admin)).await.expect(200).body;
    assert_eq!(lotus["name"]["zh-Hans"], "莲花影业");
    assert_eq!(lotus["contacts"][0]["public"], true);
    let invitation = app.smtp.wait_for_recipient("wang.fang@lotus.example", sent_before).await;
    assert!(invitation.body("text/plain").contains("/invite/"));
    let audit = app.get("/api/v1/pavilions/pav-a/audit?action=exhibitors_imported", Some(&market.admin)).await;
    assert_eq!(audit.expect(200).body["items"][0]["target"], "created 1, updated 1");

    // The same file again: Lotus is matched by its name, nothing changes, nobody is invited.
    let again = import(&app, &market.admin, file, false).await.expect(200).body;
    assert_eq!(actions(&again).iter().filter(|(_, action)| action == "unchanged").count(), 3, "{again}");
    assert_eq!(again["applied"], false);
    assert_eq!(companies(&app, &market.admin).await.len(), 3);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let invitations = app.smtp.received().iter().filter(|m| m.to.iter().any(|to| to.contains("lotus.example"))).count();
    assert_eq!(invitations, 1);
}

#[tokio::test]
async fn a_gbk_file_is_converted_and_files_of_the_wrong_form_are_refused_with_what_to_do() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let (gbk, _, _) = encoding_rs::GBK.encode(
        "name.zh-Hans,city.zh-Hans,contact_name,contact_email\n杭州新丝路影业有限公司,杭州,王芳,xin@silk.example\n",
    );
    let report = import(&app, &market.admin, gbk.into_owned(), true).await.expect(200).body;
    assert_eq!(report["converted_from"], "GB18030");
    assert_eq!(report["rows"][0]["name"], "杭州新丝路影业有限公司");
    assert_eq!(report["rows"][0]["action"], "create");

    let refused = |body: Value| (body["errors"][0]["field"].clone(), body["errors"][0]["code"].clone());
    let semicolons = import(&app, &market.admin, b"name.en;website\nA;https://a.example\n".to_vec(), true).await;
    assert_eq!(refused(semicolons.expect(422).body), (json!("file"), json!("wrong_delimiter")));
    let latin1 = import(&app, &market.admin, b"name.en\nCaf\xe9 Films\n".to_vec(), true).await.expect(422);
    assert!(latin1.text.contains("CSV UTF-8"), "{}", latin1.text);
    let unknown = import(&app, &market.admin, b"name.en,fax\nA,1\n".to_vec(), true).await.expect(422);
    assert!(unknown.text.contains("unknown columns: fax"), "{}", unknown.text);
    let nameless = import(&app, &market.admin, b"website\nhttps://a.example\n".to_vec(), true).await.expect(422);
    assert_eq!(refused(nameless.body).1, "missing_columns");
    let many = format!("name.en\n{}", (0..5001).map(|i| format!("Company {i}\n")).collect::<String>());
    let too_many = import(&app, &market.admin, many.into_bytes(), true).await.expect(422);
    assert_eq!(refused(too_many.body).1, "too_many_rows");
    assert_eq!(companies(&app, &market.admin).await.len(), 2);
}

#[tokio::test]
async fn rows_in_error_are_reported_by_line_and_column_and_a_real_import_then_writes_nothing() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let file = "id,name.en,website,contact_name,contact_email,pavilion\n\
                ,Good Films,https://good.example,Gao,good@good.example,pav-a\n\
                01900000-0000-7000-8000-000000000000,Ghost Films,,,,\n\
                ,Bad Site Films,not a url,,,\n\
                ,Elsewhere Films,,,,pav-b\n\
                ,good films,,,,\n";
    let reply = import(&app, &market.admin, file.as_bytes().to_vec(), false).await.expect(422).body;
    assert_eq!(reply["applied"], false);
    assert_eq!(reply["errors"], 4, "{reply}");
    let errors = |line: usize| -> Vec<(Value, String)> {
        reply["rows"][line - 2]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["column"].clone(), e["message"].as_str().unwrap().to_owned()))
            .collect()
    };
    assert_eq!(reply["rows"][0]["action"], "create");
    assert_eq!(errors(3)[0].0, "id");
    assert_eq!(errors(4)[0].0, "website");
    assert_eq!(errors(5)[0].0, "pavilion");
    assert_eq!(errors(6), [(Value::Null, "the same company as line 2".to_owned())]);
    // Nothing written: not even the good row; nobody invited.
    assert_eq!(companies(&app, &market.admin).await.len(), 2);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!app.smtp.received().iter().any(|m| m.to.iter().any(|to| to.contains("good.example"))));
}

#[tokio::test]
async fn only_the_pavilions_admins_and_the_organiser_import_into_it() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let admin_b = app.member(&market.organiser.access, "pav-b", "admin@pav-b.example", "pavilion_admin").await.access;
    let file = b"name.en\nIntruder Films\n".to_vec();
    import(&app, &admin_b, file.clone(), false).await.expect(404);
    app.post_raw(IMPORT, None, "text/csv", file.clone()).await.expect(401);
    let by_organiser = import(&app, &market.organiser.access, file, false).await.expect(200).body;
    assert_eq!(by_organiser["created"], 1);
}
