//! Exhibitor companies: the review workflow and its emails, permissions per role, the
//! published/draft split, optimistic concurrency and the deadline lock.

use pavilion_tests::images::{jpeg, png, size};
use pavilion_tests::{PASSWORD, TestApp, Tokens, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

/// A pavilion `hangzhou` (active), an admin, and a company whose contact accepted the invitation.
struct Fixture {
    app: TestApp,
    organiser: Tokens,
    admin: Tokens,
    exhibitor: Tokens,
    company: String,
}

const COMPANY: &str = "/api/v1/pavilions/hangzhou/exhibitors";

async fn fixture() -> Fixture {
    fixture_with(|_| {}).await
}

/// As [`fixture`], on a server with changed settings.
async fn fixture_with(change: impl FnOnce(&mut pavilion_core::config::Settings)) -> Fixture {
    let db = pavilion_tests::TestDb::fresh();
    let mut settings = pavilion_tests::test_settings(&db);
    change(&mut settings);
    let app = pavilion_tests::spawn_app_with(db, settings).await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "hangzhou", "active").await;
    let admin = app.member(&organiser.access, "hangzhou", "desk@hz-assoc.example", "pavilion_admin").await;
    let before = app.smtp.received().len();
    let created = app
        .post(
            COMPANY,
            Some(&admin.access),
            json!({"name": {"en": "West Lake Films", "zh-Hans": "西湖影业"}, "company_type": "production",
                   "contact_email": "zhou@westlake.example", "contact_locale": "zh-Hans"}),
        )
        .await
        .expect(201)
        .body;
    let company = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["review"]["status"], "draft");
    // The contact is invited into the company, in the language asked for.
    let invitation = app.smtp.wait_for_recipient("zhou@westlake.example", before).await;
    assert_eq!(invitation.header("Subject").unwrap(), "Lin Wei邀请您加入hangzhou馆");
    let token = pavilion_tests::link_token(&invitation.body("text/plain"), "/invite/");
    let exhibitor = Tokens::from(
        &app.post(
            "/api/v1/invitations/accept",
            None,
            json!({"token": token, "name": "Zhou Min", "password": PASSWORD}),
        )
        .await
        .expect(200)
        .body,
    );
    Fixture { app, organiser, admin, exhibitor, company }
}

fn url(company: &str, rest: &str) -> String {
    format!("{COMPANY}/{company}{rest}")
}

#[tokio::test]
async fn a_company_goes_from_draft_to_published_with_an_email_at_each_step() {
    let Fixture { app, admin, exhibitor, company, .. } = fixture().await;
    let me = app.get("/api/v1/me", Some(&exhibitor.access)).await.expect(200).body;
    assert_eq!((me["role"].as_str(), me["exhibitor_id"].as_str()), (Some("exhibitor"), Some(company.as_str())));

    // The exhibitor fills in its profile and adds a work; nothing is public yet.
    let read = app.get(&url(&company, ""), Some(&exhibitor.access)).await.expect(200);
    let etag = read.header("etag").unwrap().to_owned();
    let profile = json!({
        "description": {"en": "Romance and costume drama from Hangzhou.", "zh-Hans": "来自杭州的爱情与古装剧。"},
        "website": "https://westlake.example",
        "contacts": [
            {"name": "Zhou Min", "title": "Sales", "email": "sales@westlake.example", "public": true},
            {"name": "Chen Private", "phone": "+86 571 0000 0000", "public": false},
        ],
        "languages": ["zh", "en"],
    });
    app.request_if_match(Method::PATCH, &url(&company, ""), Some(&exhibitor.access), &etag, Some(profile))
        .await
        .expect(200);
    app.post(
        &url(&company, "/works"),
        Some(&exhibitor.access),
        json!({"title": {"zh-Hans": "西湖之恋", "en": "Love at West Lake"}, "kind": "series",
               "production_status": "completed", "episodes": 36, "episode_minutes": 45, "genres": ["romance"],
               "rights": [{"territory": "WW", "media": ["svod", "free_tv"]}]}),
    )
    .await
    .expect(201);
    app.get(&url(&company, ""), None).await.expect(404);
    assert_eq!(app.get(COMPANY, None).await.expect(200).body["items"], json!([]));

    // Submit: the pavilion's admins are told.
    let before = app.smtp.received().len();
    let submitted = app.post(&url(&company, "/submit"), Some(&exhibitor.access), json!({})).await.expect(200).body;
    assert_eq!(submitted["review"]["status"], "submitted");
    let notice = app.smtp.wait_for_recipient("desk@hz-assoc.example", before).await;
    assert_eq!(notice.header("Subject").unwrap(), "West Lake Films submitted its profile for review");
    assert!(notice.body("text/plain").contains("Zhou Min submitted the profile of West Lake Films"));
    app.post(&url(&company, "/submit"), Some(&exhibitor.access), json!({})).await.expect(409);
    // Only the pavilion decides.
    app.post(&url(&company, "/approve"), Some(&exhibitor.access), json!({})).await.expect(403);

    // Changes requested: the company gets the comment, in its language.
    let before = app.smtp.received().len();
    let comment = "请补充英文简介。\nPlease add an English synopsis.";
    let sent_back = app
        .post(&url(&company, "/request-changes"), Some(&admin.access), json!({"comment": comment}))
        .await
        .expect(200);
    assert_eq!(sent_back.body["review"]["status"], "changes_requested");
    assert_eq!(sent_back.body["review"]["review_comment"], comment);
    let notice = app.smtp.wait_for_recipient("zhou@westlake.example", before).await;
    assert_eq!(notice.header("Subject").unwrap(), "hangzhou馆请西湖影业修改资料");
    assert!(notice.body("text/plain").contains("Please add an English synopsis."));
    let blank = json!({"comment": " "});
    app.post(&url(&company, "/request-changes"), Some(&admin.access), blank).await.expect(422);
    let again = json!({"comment": "More?"});
    let not_submitted = app.post(&url(&company, "/request-changes"), Some(&admin.access), again).await.expect(409);
    insta::assert_json_snapshot!("review_needs_submission", not_submitted.body);

    // Resubmit, approve: the company is told and the public sees it, private contacts hidden.
    app.post(&url(&company, "/submit"), Some(&exhibitor.access), json!({})).await.expect(200);
    let before = app.smtp.received().len();
    let approved = app.post(&url(&company, "/approve"), Some(&admin.access), json!({})).await.expect(200).body;
    assert_eq!(approved["review"]["status"], "approved");
    let notice = app.smtp.wait_for_recipient("zhou@westlake.example", before).await;
    assert_eq!(notice.header("Subject").unwrap(), "您在hangzhou馆的资料已通过审核");
    let public = app.get(&url(&company, ""), None).await.expect(200);
    assert!(public.header("etag").is_some());
    assert!(public.body.get("review").is_none());
    assert_eq!(public.body["contacts"].as_array().unwrap().len(), 1);
    assert!(!public.text.contains("Chen Private"), "{}", public.text);
    let works = app.get(&url(&company, "/works"), None).await.expect(200).body;
    assert_eq!(works["items"][0]["title"]["zh-Hans"], "西湖之恋");
    assert_eq!(app.get(COMPANY, None).await.expect(200).body["items"][0]["id"], company.as_str());

    // A later edit waits for the next approval; the admins see what changed.
    app.patch(&url(&company, ""), Some(&exhibitor.access), json!({"website": "https://westlake.example/en"}))
        .await
        .expect(200);
    let work_id = works["items"][0]["id"].as_str().unwrap();
    app.patch(&url(&company, &format!("/works/{work_id}")), Some(&exhibitor.access), json!({"year": 2025}))
        .await
        .expect(200);
    let draft = app.get(&url(&company, ""), Some(&admin.access)).await.expect(200).body;
    assert_eq!(draft["review"]["status"], "draft");
    assert_eq!(draft["review"]["changed_since_published"], json!(["website", "works"]));
    let public = app.get(&url(&company, ""), None).await.expect(200).body;
    assert_eq!(public["website"], "https://westlake.example");
    let public_work = app.get(&url(&company, &format!("/works/{work_id}")), None).await.expect(200).body;
    assert!(public_work.get("year").is_none() && public_work.get("version").is_none(), "{public_work}");
    // Admins filter their list by review state and completeness.
    let drafts = app.get(&format!("{COMPANY}?status=draft"), Some(&admin.access)).await.expect(200).body;
    assert_eq!(drafts["items"].as_array().unwrap().len(), 1);
    let complete = app.get(&format!("{COMPANY}?min_completeness=90"), Some(&admin.access)).await.expect(200).body;
    assert_eq!(complete["items"], json!([]));
    let score = &drafts["items"][0]["review"]["completeness"];
    assert_eq!(score["missing"], json!(["name", "description", "city", "logo"]), "{score}");
    assert_eq!(score["score"], 55);
}

#[tokio::test]
async fn a_stale_if_match_gets_412_and_changes_nothing() {
    let Fixture { app, admin, exhibitor, company, .. } = fixture().await;
    // Two staff read the same version.
    let first = app.get(&url(&company, ""), Some(&exhibitor.access)).await.expect(200);
    let second = app.get(&url(&company, ""), Some(&admin.access)).await.expect(200);
    let etag = first.header("etag").unwrap().to_owned();
    assert_eq!(second.header("etag"), Some(etag.as_str()));

    let saved = app
        .request_if_match(
            Method::PATCH,
            &url(&company, ""),
            Some(&exhibitor.access),
            &etag,
            Some(json!({"booth": "1B-C12"})),
        )
        .await
        .expect(200);
    assert_ne!(saved.header("etag"), Some(etag.as_str()));
    let stale = app
        .request_if_match(Method::PATCH, &url(&company, ""), Some(&admin.access), &etag, Some(json!({"booth": "9Z"})))
        .await
        .expect(412);
    insta::assert_json_snapshot!("stale_if_match", stale.body);
    let now = app.get(&url(&company, ""), Some(&admin.access)).await.expect(200).body;
    assert_eq!(now["booth"], "1B-C12");
    // An ETag of no version of ours never matches.
    app.request_if_match(Method::PATCH, &url(&company, ""), Some(&admin.access), "\"bogus\"", Some(json!({})))
        .await
        .expect(412);

    // The same for works, including deletion.
    let work = app
        .post(
            &url(&company, "/works"),
            Some(&exhibitor.access),
            json!({"title": {"en": "Tea Road"}, "kind": "documentary", "production_status": "post_production"}),
        )
        .await
        .expect(201);
    let work_url = url(&company, &format!("/works/{}", work.body["id"].as_str().unwrap()));
    let work_etag = app.get(&work_url, Some(&admin.access)).await.expect(200).header("etag").unwrap().to_owned();
    assert_eq!(Some(work_etag.as_str()), work.header("etag"));
    app.request_if_match(Method::PATCH, &work_url, Some(&exhibitor.access), &work_etag, Some(json!({"year": 2026})))
        .await
        .expect(200);
    app.request_if_match(Method::PATCH, &work_url, Some(&admin.access), &work_etag, Some(json!({"year": 1999})))
        .await
        .expect(412);
    app.request_if_match(Method::DELETE, &work_url, Some(&admin.access), &work_etag, None).await.expect(412);
    assert_eq!(app.get(&work_url, Some(&admin.access)).await.expect(200).body["year"], 2026);
    app.request(Method::DELETE, &work_url, Some(&admin.access), None).await.expect(204);
    app.get(&work_url, Some(&admin.access)).await.expect(404);
}

#[tokio::test]
async fn after_the_deadline_the_company_is_locked_until_an_admin_unlocks_it() {
    let Fixture { app, organiser, admin, exhibitor, company } = fixture().await;
    app.patch(
        "/api/v1/pavilions/hangzhou",
        Some(&organiser.access),
        json!({"profile_deadline": "2026-01-31T16:00:00Z"}),
    )
    .await
    .expect(200);
    let read = app.get(&url(&company, ""), Some(&exhibitor.access)).await.expect(200).body;
    assert_eq!(read["review"]["edits_locked"], true);
    let locked = app.patch(&url(&company, ""), Some(&exhibitor.access), json!({"booth": "A1"})).await.expect(423);
    insta::assert_json_snapshot!("edits_locked", locked.body);
    let work = json!({"title": {"en": "Late"}, "kind": "short", "production_status": "completed"});
    app.post(&url(&company, "/works"), Some(&exhibitor.access), work.clone()).await.expect(423);
    app.post(&url(&company, "/submit"), Some(&exhibitor.access), json!({})).await.expect(423);
    // The pavilion's admins are not bound by the deadline.
    app.patch(&url(&company, ""), Some(&admin.access), json!({"booth": "A2"})).await.expect(200);

    let unlocked = app.post(&url(&company, "/unlock"), Some(&admin.access), json!({})).await.expect(200).body;
    assert_eq!(
        (unlocked["review"]["edits_locked"].clone(), unlocked["review"]["edits_unlocked"].clone()),
        (json!(false), json!(true))
    );
    app.post(&url(&company, "/works"), Some(&exhibitor.access), work).await.expect(201);
    app.post(&url(&company, "/submit"), Some(&exhibitor.access), json!({})).await.expect(200);
    // Approval ends the exception.
    app.post(&url(&company, "/approve"), Some(&admin.access), json!({})).await.expect(200);
    app.patch(&url(&company, ""), Some(&exhibitor.access), json!({"booth": "A3"})).await.expect(423);
}

#[tokio::test]
async fn each_role_reaches_only_what_it_may() {
    let Fixture { app, organiser, admin, exhibitor, company } = fixture().await;
    app.create_pavilion(&organiser.access, "beijing", "active").await;
    let other_admin = app.member(&organiser.access, "beijing", "desk@bj.example", "pavilion_admin").await;
    let neighbour = app.create_exhibitor(&admin.access, "hangzhou", json!({"name": {"en": "Neighbour Co"}})).await;

    // An exhibitor neither creates companies nor touches another one of its pavilion.
    app.post(COMPANY, Some(&exhibitor.access), json!({"name": {"en": "Mine too"}})).await.expect(403);
    app.patch(&url(&neighbour, ""), Some(&exhibitor.access), json!({"booth": "X"})).await.expect(403);
    app.get(&url(&neighbour, ""), Some(&exhibitor.access)).await.expect(404); // unpublished
    app.post(&url(&company, "/unlock"), Some(&exhibitor.access), json!({})).await.expect(403);
    // Nor does it invite people (that is the pavilion's business).
    let invite = json!({"email": "colleague@westlake.example", "role": "exhibitor", "exhibitor_id": company});
    app.post("/api/v1/pavilions/hangzhou/invitations", Some(&exhibitor.access), invite.clone()).await.expect(403);
    // The admins add colleagues to a company; not to another pavilion's.
    app.exhibitor_member(&admin.access, "hangzhou", &company, "colleague@westlake.example").await;
    let foreign = json!({"email": "x@bj.example", "role": "exhibitor", "exhibitor_id": company});
    let refused = app.post("/api/v1/pavilions/beijing/invitations", Some(&other_admin.access), foreign).await;
    assert_eq!(refused.status.as_u16(), 422, "{}", refused.text);
    assert_eq!(refused.body["errors"][0]["code"], "unknown_exhibitor");
    // Another pavilion's admin finds nothing, even at its own pavilion's address.
    app.get(&url(&company, ""), Some(&other_admin.access)).await.expect(404);
    app.patch(&url(&company, ""), Some(&other_admin.access), json!({"booth": "X"})).await.expect(404);
    app.get(&format!("/api/v1/pavilions/beijing/exhibitors/{company}"), Some(&other_admin.access)).await.expect(404);
    // Both company accounts see the working copy.
    let colleague = Tokens::from(
        &app.post(
            "/api/v1/pavilions/hangzhou/auth/login",
            None,
            json!({"email": "colleague@westlake.example", "password": PASSWORD}),
        )
        .await
        .expect(200)
        .body,
    );
    assert!(app.get(&url(&company, ""), Some(&colleague.access)).await.expect(200).body.get("review").is_some());
}

#[tokio::test]
async fn invalid_profiles_and_works_are_refused_field_by_field() {
    let Fixture { app, admin, company, .. } = fixture().await;
    let bad_profile = app
        .post(
            COMPANY,
            Some(&admin.access),
            json!({"name": {"en": ""}, "company_type": "studio", "website": "westlake",
                   "contacts": [{"name": "Li", "email": "not-an-email"}], "contact_email": "nope"}),
        )
        .await
        .expect(422);
    insta::assert_json_snapshot!("invalid_profile", bad_profile.body);
    let bad_work = app
        .post(
            &url(&company, "/works"),
            Some(&admin.access),
            json!({"title": {}, "kind": "telenovela", "production_status": "completed", "year": 1700,
                   "genres": ["romance", "soap"], "trailer_url": "javascript:alert(1)",
                   "rights": [{"territory": "XX", "media": []}, {"territory": "fr", "media": ["radio"]}]}),
        )
        .await
        .expect(422);
    insta::assert_json_snapshot!("invalid_work", bad_work.body);
    let wrong_type = app
        .post(&url(&company, "/works"), Some(&admin.access), json!({"title": {"en": "X"}, "kind": 3}))
        .await
        .expect(422);
    assert_eq!(wrong_type.body["errors"][0]["field"], "kind");
    let logo = app.patch(&url(&company, ""), Some(&admin.access), json!({"logo": "x.png"})).await.expect(422);
    assert_eq!(logo.body["errors"][0]["code"], "read_only");
    // Nothing was stored by the failed attempts.
    let works = app.get(&url(&company, "/works"), Some(&admin.access)).await.expect(200).body;
    assert_eq!(works["items"], json!([]));
}

/// Publishes one company with these works in a new active pavilion; returns its id.
async fn publish(app: &TestApp, organiser: &Tokens, slug: &str, profile: Value, works: &[Value]) -> String {
    app.create_pavilion(&organiser.access, slug, "active").await;
    let company = app.create_exhibitor(&organiser.access, slug, profile).await;
    for work in works {
        app.post(
            &format!("/api/v1/pavilions/{slug}/exhibitors/{company}/works"),
            Some(&organiser.access),
            work.clone(),
        )
        .await
        .expect(201);
    }
    let base = format!("/api/v1/pavilions/{slug}/exhibitors/{company}");
    app.post(&format!("{base}/submit"), Some(&organiser.access), json!({})).await.expect(200);
    app.post(&format!("{base}/approve"), Some(&organiser.access), json!({})).await.expect(200);
    company
}

fn titles(page: &Value) -> Vec<String> {
    let mut titles: Vec<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["title"]["en"].as_str().or(w["name"]["en"].as_str()).unwrap_or_default().to_owned())
        .collect();
    titles.sort();
    titles
}

#[tokio::test]
async fn the_directory_finds_published_works_in_every_language_with_filters() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    publish(
        &app,
        &organiser,
        "hangzhou",
        json!({"name": {"en": "West Lake Films", "zh-Hans": "西湖影业", "zh-Hant": "西湖影業"},
               "company_type": "production",
               "contacts": [{"name": "Secret Person", "email": "secret@westlake.example"}]}),
        &[
            json!({"title": {"en": "Love at West Lake", "zh-Hans": "西湖之恋", "zh-Hant": "西湖之戀"},
                   "kind": "series", "production_status": "completed", "genres": ["romance", "costume"],
                   "languages": ["zh"], "rights": [{"territory": "WW", "media": ["svod"]}]}),
            json!({"title": {"en": "Tea Road", "zh-Hans": "茶路"}, "kind": "documentary",
                   "production_status": "post_production", "genres": ["history"], "languages": ["zh", "en"],
                   "rights": [{"territory": "FR", "media": ["free_tv"]}, {"territory": "DE", "media": ["svod"]}]}),
        ],
    )
    .await;
    publish(
        &app,
        &organiser,
        "shanghai",
        json!({"name": {"en": "Bund Pictures", "zh-Hans": "外滩影业"}, "company_type": "distribution"}),
        &[json!({"title": {"en": "Night Shanghai", "zh-Hans": "夜上海"}, "kind": "feature",
                 "production_status": "completed", "genres": ["crime"], "directors": ["Wang Lake"],
                 "rights": [{"territory": "CN", "media": ["theatrical"]}]})],
    )
    .await;
    // A company of a draft pavilion is never listed, even once approved.
    publish(&app, &organiser, "fujian", json!({"name": {"en": "Hidden Lake Co"}}), &[]).await;
    app.patch("/api/v1/pavilions/fujian", Some(&organiser.access), json!({"status": "archived"})).await.expect(200);

    let works = |query: String| {
        let app = &app;
        async move { titles(&app.get(&format!("/api/v1/directory/works?{query}"), None).await.expect(200).body) }
    };
    let q = |text: &str| format!("q={}", urlencode(text));
    assert_eq!(works(q("西湖")).await, vec!["Love at West Lake"]);
    assert_eq!(works(q("之戀")).await, vec!["Love at West Lake"]);
    assert_eq!(works(q("west LAKE")).await, vec!["Love at West Lake"]);
    // Every word must match somewhere: the director's name counts.
    assert_eq!(works(q("lake")).await, vec!["Love at West Lake", "Night Shanghai"]);
    assert_eq!(works(q("茶")).await, vec!["Tea Road"]);
    assert_eq!(works("kind=documentary".into()).await, vec!["Tea Road"]);
    assert_eq!(works("genre=romance".into()).await, vec!["Love at West Lake"]);
    assert_eq!(works("production_status=completed&pavilion=shanghai".into()).await, vec!["Night Shanghai"]);
    assert_eq!(works("language=en".into()).await, vec!["Tea Road"]);
    // Worldwide rights match every territory.
    assert_eq!(works("territory=fr".into()).await, vec!["Love at West Lake", "Tea Road"]);
    assert_eq!(works("territory=CN".into()).await, vec!["Love at West Lake", "Night Shanghai"]);
    assert_eq!(works("territory=JP".into()).await, vec!["Love at West Lake"]);
    // A named region stands for its countries, both ways: rights for China are rights in Asia,
    // and rights in France and Germany are found under Europe; China's are not Taiwan's.
    assert_eq!(works("territory=ASIA".into()).await, vec!["Love at West Lake", "Night Shanghai"]);
    assert_eq!(works("territory=europe".into()).await, vec!["Love at West Lake", "Tea Road"]);
    assert_eq!(works("territory=GREATER_CHINA".into()).await, vec!["Love at West Lake", "Night Shanghai"]);
    assert_eq!(works("territory=TW".into()).await, vec!["Love at West Lake"]);
    // Worldwide asked for is the whole world at once.
    assert_eq!(works("territory=WW".into()).await, vec!["Love at West Lake"]);
    // The same answer as reading every work's rights, for every territory a person can choose.
    let rights: [(&str, &[&str]); 3] =
        [("Love at West Lake", &["WW"]), ("Night Shanghai", &["CN"]), ("Tea Road", &["FR", "DE"])];
    for wanted in pavilion_core::domain::Territory::all() {
        let mut expected: Vec<&str> = rights
            .iter()
            .filter(|(_, held)| {
                held.iter().any(|code| pavilion_core::domain::Territory::from_code(code).unwrap().covers(wanted))
            })
            .map(|(title, _)| *title)
            .collect();
        expected.sort_unstable();
        assert_eq!(works(format!("territory={}", wanted.code())).await, expected, "territory={}", wanted.code());
    }
    assert_eq!(works("pavilion=nowhere".into()).await, Vec::<String>::new());
    let invalid = app.get("/api/v1/directory/works?territory=XX&kind=opera", None).await.expect(422).body;
    let fields: Vec<&str> =
        invalid["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, vec!["kind", "territory"]);

    let companies = app.get("/api/v1/directory/exhibitors", None).await.expect(200);
    assert_eq!(titles(&companies.body), vec!["Bund Pictures", "West Lake Films"]);
    assert!(!companies.text.contains("Secret Person"), "private contacts never appear: {}", companies.text);
    let found = app.get(&format!("/api/v1/directory/exhibitors?q={}", urlencode("影業")), None).await.expect(200);
    assert_eq!(titles(&found.body), vec!["West Lake Films"]);
    assert_eq!(found.body["items"][0]["pavilion"], "hangzhou");
    let distributors = app.get("/api/v1/directory/exhibitors?company_type=distribution", None).await.expect(200);
    assert_eq!(titles(&distributors.body), vec!["Bund Pictures"]);

    // Pages follow each other without repeats.
    let first = app.get("/api/v1/directory/works?limit=2", None).await.expect(200).body;
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app.get(&format!("/api/v1/directory/works?limit=2&cursor={cursor}"), None).await.expect(200).body;
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert!(second["next_cursor"].is_null());
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn logos_and_posters_are_checked_by_content_and_size_and_published_with_the_profile() {
    let Fixture { app, organiser, admin, exhibitor, company } = fixture().await;
    let logo = url(&company, "/logo");
    // A script named .png is still a script.
    let fake = app.put_raw(&logo, Some(&exhibitor.access), "image/png", b"<svg onload=alert(1)>".to_vec()).await;
    assert_eq!(fake.status.as_u16(), 415, "{}", fake.text);
    insta::assert_json_snapshot!("upload_not_an_image", fake.body);
    let mut huge = png(4, 4);
    huge.resize(5 * 1024 * 1024 + 1, 0);
    let too_big = app.put_raw(&logo, Some(&exhibitor.access), "image/png", huge).await;
    assert_eq!(too_big.status.as_u16(), 413, "{}", too_big.text);
    // Another pavilion's admin is refused before anything is stored.
    app.create_pavilion(&organiser.access, "beijing", "active").await;
    let stranger = app.member(&organiser.access, "beijing", "desk@bj.example", "pavilion_admin").await;
    app.put_raw(&logo, Some(&stranger.access), "image/png", png(4, 4)).await.expect(404);
    app.put_raw(&logo, None, "image/png", png(4, 4)).await.expect(401);

    // A real PNG, sent as octet-stream: the content decides.
    let saved = app.put_raw(&logo, Some(&exhibitor.access), "application/octet-stream", png(40, 20)).await.expect(200);
    assert_eq!(saved.body["logo_url"], format!("/api/v1/pavilions/hangzhou/exhibitors/{company}/logo"));
    assert!(saved.body.get("logo").is_none(), "the storage key stays inside: {}", saved.text);
    assert!(!saved.body["review"]["completeness"]["missing"].as_array().unwrap().contains(&json!("logo")));
    let (status, content_type, bytes) = app.get_bytes(&logo, Some(&exhibitor.access)).await;
    assert_eq!((status, content_type.as_deref(), size(&bytes)), (200, Some("image/png"), (40, 20)));
    assert_eq!(app.get_bytes(&logo, None).await.0, 404, "not public before approval");

    // A poster for a work, the same way.
    let poster = format!("{}/poster", add_work(&app, &exhibitor.access, &company).await);
    let with_poster = app.put_raw(&poster, Some(&exhibitor.access), "image/jpeg", jpeg(30, 45)).await.expect(200);
    assert!(with_poster.body["poster_url"].as_str().unwrap().ends_with("/poster"));
    assert_eq!(app.get_bytes(&poster, Some(&admin.access)).await.1.as_deref(), Some("image/jpeg"));

    app.post(&url(&company, "/submit"), Some(&exhibitor.access), json!({})).await.expect(200);
    app.post(&url(&company, "/approve"), Some(&admin.access), json!({})).await.expect(200);
    let (status, content_type, bytes) = app.get_bytes(&logo, None).await;
    assert_eq!((status, content_type.as_deref(), size(&bytes)), (200, Some("image/png"), (40, 20)));
    assert_eq!(size(&app.get_bytes(&poster, None).await.2), (30, 45));
    let public = app.get(&url(&company, ""), None).await.expect(200).body;
    assert_eq!(public["logo_url"], format!("/api/v1/pavilions/hangzhou/exhibitors/{company}/logo"));

    // Removing the logo waits for the next approval like any other edit.
    app.patch(&url(&company, ""), Some(&exhibitor.access), json!({"logo": null})).await.expect(200);
    assert_eq!(app.get_bytes(&logo, Some(&exhibitor.access)).await.0, 404);
    assert_eq!(app.get_bytes(&logo, None).await.0, 200);
}

#[tokio::test]
async fn an_edit_during_review_withdraws_the_submission_and_a_stale_approval_is_refused() {
    let Fixture { app, admin, exhibitor, company, .. } = fixture().await;
    app.post(&url(&company, "/submit"), Some(&exhibitor.access), json!({})).await.expect(200);
    // The admin reads what was submitted…
    let reviewed = app.get(&url(&company, ""), Some(&admin.access)).await.expect(200);
    let etag = reviewed.header("etag").unwrap().to_owned();
    // …while the company adds a work: the submission is withdrawn, nothing unseen gets approved.
    let work = json!({"title": {"en": "Late addition"}, "kind": "short", "production_status": "completed"});
    app.post(&url(&company, "/works"), Some(&exhibitor.access), work).await.expect(201);
    let now = app.get(&url(&company, ""), Some(&exhibitor.access)).await.expect(200).body;
    assert_eq!(now["review"]["status"], "draft");
    app.post(&url(&company, "/approve"), Some(&admin.access), json!({})).await.expect(409);
    // Submitted again, the version the admin reviewed is no longer the one on the table.
    app.post(&url(&company, "/submit"), Some(&exhibitor.access), json!({})).await.expect(200);
    app.request_if_match(Method::POST, &url(&company, "/approve"), Some(&admin.access), &etag, Some(json!({})))
        .await
        .expect(412);
    let current = app.get(&url(&company, ""), Some(&admin.access)).await.expect(200);
    let current = current.header("etag").unwrap().to_owned();
    app.request_if_match(Method::POST, &url(&company, "/approve"), Some(&admin.access), &current, Some(json!({})))
        .await
        .expect(200);
    let public = app.get(&url(&company, "/works"), None).await.expect(200).body;
    assert_eq!(public["items"][0]["title"]["en"], "Late addition");
}

/// Adds a work to the company's catalogue; returns its address.
async fn add_work(app: &TestApp, token: &str, company: &str) -> String {
    let work = json!({"title": {"en": "Tea Road"}, "kind": "short", "production_status": "completed"});
    let created = app.post(&url(company, "/works"), Some(token), work).await.expect(201).body;
    url(company, &format!("/works/{}", created["id"].as_str().unwrap()))
}

/// A logo told apart from the others by its width.
fn logo_of_width(width: u32) -> Vec<u8> {
    png(width, 10)
}

/// The width of the logo served at `url`.
async fn served_width(app: &TestApp, url: &str, token: Option<&str>) -> u32 {
    size(&app.get_bytes(url, token).await.2).0
}

/// The files under a folder, at any depth.
fn stored_paths(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir).map_or(Vec::new(), |entries| {
        entries
            .flatten()
            .flat_map(|e| if e.path().is_dir() { stored_paths(&e.path()) } else { vec![e.path()] })
            .collect()
    })
}

/// Every file stored under the data directory's uploads.
fn stored_files(app: &TestApp) -> usize {
    stored_paths(&app.db.data_dir.path().join("uploads")).len()
}

#[tokio::test]
async fn replaced_and_deleted_files_go_as_soon_as_no_copy_shows_them() {
    let Fixture { app, admin, exhibitor, company, .. } = fixture().await;
    let logo = url(&company, "/logo");
    // Logo 1 is approved; logo 2 replaces it in the draft, and logo 3 replaces logo 2, which no
    // copy ever showed: it goes at once. Logo 1 stays while the public sees it.
    app.put_raw(&logo, Some(&exhibitor.access), "image/png", logo_of_width(1)).await.expect(200);
    app.post(&url(&company, "/submit"), Some(&exhibitor.access), json!({})).await.expect(200);
    app.post(&url(&company, "/approve"), Some(&admin.access), json!({})).await.expect(200);
    app.put_raw(&logo, Some(&exhibitor.access), "image/png", logo_of_width(2)).await.expect(200);
    app.put_raw(&logo, Some(&exhibitor.access), "image/png", logo_of_width(3)).await.expect(200);
    assert_eq!(stored_files(&app), 2, "logos 1 and 3");
    assert_eq!(served_width(&app, &logo, None).await, 1, "the public still sees the approved logo");
    assert_eq!(served_width(&app, &logo, Some(&exhibitor.access)).await, 3);
    // A logo cleared by a merge patch goes too, unless the public still sees it.
    app.patch(&url(&company, ""), Some(&exhibitor.access), json!({"logo": null})).await.expect(200);
    assert_eq!(stored_files(&app), 1, "logo 3 went; logo 1 is published, so it stays");
    app.put_raw(&logo, Some(&exhibitor.access), "image/png", logo_of_width(3)).await.expect(200);
    // A work's poster goes with the work, since no copy showed it.
    let work = add_work(&app, &exhibitor.access, &company).await;
    app.put_raw(&format!("{work}/poster"), Some(&exhibitor.access), "image/png", png(8, 8)).await.expect(200);
    assert_eq!(stored_files(&app), 3);
    app.request(Method::DELETE, &work, Some(&exhibitor.access), None).await.expect(204);
    assert_eq!(stored_files(&app), 2);
    // Once logo 3 is approved, logo 1 has no copy left and goes with the approval.
    app.post(&url(&company, "/submit"), Some(&exhibitor.access), json!({})).await.expect(200);
    app.post(&url(&company, "/approve"), Some(&admin.access), json!({})).await.expect(200);
    assert_eq!(stored_files(&app), 1);
    assert_eq!(served_width(&app, &logo, None).await, 3);
}

#[tokio::test]
async fn sweeping_uploads_deletes_only_files_no_copy_points_at() {
    use pavilion_api::cli::{SweepOptions, sweep_uploads};
    let Fixture { app, exhibitor, company, .. } = fixture().await;
    let logo = url(&company, "/logo");
    let sweep_with = |dry_run: bool, min_age_minutes: i64| {
        let options = SweepOptions { dry_run, min_age: chrono::Duration::minutes(min_age_minutes) };
        sweep_uploads(&app.settings, options, |_| {})
    };
    let sweep = |min_age_minutes: i64| sweep_with(false, min_age_minutes);
    // Logo 2 replaces logo 1; then, as if its deletion had failed, logo 1's file is put back:
    // an orphan for the sweep.
    app.put_raw(&logo, Some(&exhibitor.access), "image/png", logo_of_width(1)).await.expect(200);
    let uploads = app.db.data_dir.path().join("uploads");
    let first = stored_paths(&uploads);
    let kept: Vec<(std::path::PathBuf, Vec<u8>)> =
        first.iter().map(|p| (p.clone(), std::fs::read(p).unwrap())).collect();
    app.put_raw(&logo, Some(&exhibitor.access), "image/png", logo_of_width(2)).await.expect(200);
    for (path, bytes) in kept {
        std::fs::write(path, bytes).unwrap();
    }
    // An unrelated file in the storage is not the sweep's to judge.
    std::fs::write(app.db.data_dir.path().join("uploads/notes.txt"), "kept").unwrap();

    // Fresh files are kept whatever points at them.
    let kept = sweep(60).await.unwrap();
    assert_eq!((kept.files, kept.deleted.len()), (2, 0), "{kept:?}");
    // A dry run lists what would go and deletes nothing.
    let listed = sweep_with(true, 0).await.unwrap();
    assert_eq!((listed.files, listed.deleted.len()), (2, 1), "{listed:?}");
    let swept = sweep(0).await.unwrap();
    assert_eq!((swept.files, swept.companies, swept.deleted.len()), (2, 1, 1), "{swept:?}");
    assert_eq!(served_width(&app, &logo, Some(&exhibitor.access)).await, 2);
    assert_eq!(sweep(0).await.unwrap().deleted, Vec::<String>::new(), "nothing left to sweep");
    assert!(app.db.data_dir.path().join("uploads/notes.txt").exists());
}

#[tokio::test]
async fn like_wildcards_in_a_search_are_matched_literally() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    publish(
        &app,
        &organiser,
        "hangzhou",
        json!({"name": {"en": "West Lake Films"}}),
        &[
            json!({"title": {"en": "Abc Percent"}, "kind": "feature", "production_status": "completed"}),
            json!({"title": {"en": "50% Chance"}, "kind": "feature", "production_status": "completed"}),
            json!({"title": {"en": "File_Name"}, "kind": "feature", "production_status": "completed"}),
            json!({"title": {"en": "Back\\Slash"}, "kind": "feature", "production_status": "completed"}),
        ],
    )
    .await;
    let works = |text: &str| {
        let url = format!("/api/v1/directory/works?q={}", urlencode(text));
        let app = &app;
        async move { titles(&app.get(&url, None).await.expect(200).body) }
    };
    assert_eq!(works("%").await, vec!["50% Chance"], "a lone % is a percent sign, not everything");
    assert_eq!(works("50%").await, vec!["50% Chance"]);
    assert_eq!(works("a_c").await, Vec::<String>::new(), "_ is an underscore, not any character");
    assert_eq!(works("file_name").await, vec!["File_Name"]);
    assert_eq!(works("k\\s").await, vec!["Back\\Slash"]);
}

#[tokio::test]
async fn uploads_are_decoded_and_cleaned_before_they_are_kept() {
    let Fixture { app, exhibitor, company, .. } = fixture().await;
    let logo = url(&company, "/logo");
    // A PNG signature followed by zeros is no image, however it starts.
    let mut zeros = b"\x89PNG\r\n\x1a\n".to_vec();
    zeros.resize(4_500_000, 0);
    let refused = app.put_raw(&logo, Some(&exhibitor.access), "image/png", zeros).await.expect(422);
    assert_eq!(refused.body["errors"][0]["code"], "invalid_image");
    insta::assert_json_snapshot!("upload_not_decodable", refused.body);
    // A small file that claims to be 20000 pixels wide: refused before its pixels are allocated.
    let bomb = app.put_raw(&logo, Some(&exhibitor.access), "image/png", png(20_000, 1)).await.expect(422);
    assert_eq!(bomb.body["errors"][0]["code"], "image_too_large");
    assert_eq!(stored_files(&app), 0, "nothing refused was kept");

    // A camera's JPEG with its position in an Exif segment: the pixels are kept, the position not.
    let photo = jpeg(64, 48);
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(b"GPSLatitude 30.2741N GPSLongitude 120.1551E");
    let length = u16::try_from(exif.len() + 2).unwrap().to_be_bytes();
    let mut tagged = vec![0xFF, 0xD8, 0xFF, 0xE1, length[0], length[1]];
    tagged.extend_from_slice(&exif);
    tagged.extend_from_slice(&photo[2..]);
    app.put_raw(&logo, Some(&exhibitor.access), "image/jpeg", tagged).await.expect(200);
    let (_, content_type, served) = app.get_bytes(&logo, Some(&exhibitor.access)).await;
    assert_eq!((content_type.as_deref(), size(&served)), (Some("image/jpeg"), (64, 48)));
    assert!(!served.windows(3).any(|w| w == b"GPS"), "the position was stripped");
}

#[tokio::test]
async fn a_company_stores_at_most_its_share_and_uploads_are_rate_limited() {
    let Fixture { app, exhibitor, company, .. } = fixture_with(|s| s.company_storage_bytes = 60_000).await;
    let poster = format!("{}/poster", add_work(&app, &exhibitor.access, &company).await);
    // Noise compresses badly: each of these takes some 40 kB once stored.
    let noisy = || {
        let picture = image::RgbImage::from_fn(120, 120, |x, y| {
            let n = x.wrapping_mul(2_654_435_761).wrapping_add(y.wrapping_mul(40_503)) ^ (x * y);
            image::Rgb([n as u8, (n >> 8) as u8, (n >> 16) as u8])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(picture).write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    app.put_raw(&url(&company, "/logo"), Some(&exhibitor.access), "image/png", noisy()).await.expect(200);
    let full = app.put_raw(&poster, Some(&exhibitor.access), "image/png", noisy()).await.expect(409);
    assert_eq!(full.body["code"], "storage_quota_exceeded");
    insta::assert_json_snapshot!("storage_quota_exceeded", full.body, {".detail" => "[detail]"});
    // Replacing the logo keeps one logo stored: small images still fit.
    for width in 1..=28 {
        app.put_raw(&url(&company, "/logo"), Some(&exhibitor.access), "image/png", png(width, 4)).await.expect(200);
    }
    assert_eq!(stored_files(&app), 1);
    // Thirty uploads an hour, refused or not; then one a minute.
    let limited = app.put_raw(&poster, Some(&exhibitor.access), "image/png", png(4, 4)).await.expect(429);
    assert_eq!(limited.header("retry-after"), Some("60"));
    app.clock.advance(chrono::Duration::seconds(60));
    app.put_raw(&poster, Some(&exhibitor.access), "image/png", png(4, 4)).await.expect(200);
}
