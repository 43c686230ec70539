//! The public site over HTTP: what a buyer reads, in each language, and only what is published.

use pavilion_tests::{Reply, TestApp, spawn_app};
use reqwest::Method;
use serde_json::json;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// An active pavilion with one approved company and one published work, then edits that are not
/// published: a private contact, a draft name, a second work. Returns (company id, work id,
/// unpublished work id).
async fn published_market(app: &TestApp) -> (String, String, String) {
    let organiser = app.organiser().await;
    app.post(
        "/api/v1/pavilions",
        Some(&organiser.access),
        json!({"slug": "hangzhou", "name": {"en": "Hangzhou Pavilion", "zh-Hans": "杭州馆"},
               "region": {"en": "Zhejiang", "zh-Hans": "浙江", "zh-Hant": "浙江"},
               "host_association": {"en": "Hangzhou Film Association"}, "location": "Hall 1, 1B",
               "status": "active"}),
    )
    .await
    .expect(201);
    let admin = app.member(&organiser.access, "hangzhou", "admin@hz.example", "pavilion_admin").await;
    let company = app
        .create_exhibitor(
            &admin.access,
            "hangzhou",
            json!({"name": {"en": "West Lake Films", "zh-Hans": "西湖影业", "zh-Hant": "西湖影業"},
                   "company_type": "sales_agent", "booth": "1B-C12",
                   "contacts": [{"name": "Sales Desk", "email": "sales@westlake.example", "public": true},
                                {"name": "PRIVATE-CONTACT", "email": "boss@westlake.example", "public": false}]}),
        )
        .await;
    let works = format!("/api/v1/pavilions/hangzhou/exhibitors/{company}/works");
    let work = app
        .post(
            &works,
            Some(&admin.access),
            json!({"title": {"en": "Love at West Lake", "zh-Hans": "西湖之恋"}, "kind": "feature",
                   "production_status": "completed", "year": 2025, "runtime_minutes": 104,
                   "genres": ["romance"], "directors": ["Chen Kai"],
                   "synopsis": {"en": "Two strangers meet on the Broken Bridge."},
                   "rights": [{"territory": "FR", "media": ["svod", "free_tv"]}, {"territory": "ASIA", "media": ["theatrical"]}]}),
        )
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let company_path = format!("/api/v1/pavilions/hangzhou/exhibitors/{company}");
    app.request(Method::POST, &format!("{company_path}/submit"), Some(&admin.access), None).await.expect(200);
    app.request(Method::POST, &format!("{company_path}/approve"), Some(&admin.access), None).await.expect(200);
    // After approval: a draft edit and a new work, neither published.
    app.patch(&company_path, Some(&admin.access), json!({"name": {"en": "DRAFT-NAME"}})).await.expect(200);
    let unpublished = app
        .post(
            &works,
            Some(&admin.access),
            json!({"title": {"en": "UNPUBLISHED-WORK"}, "kind": "short", "production_status": "development"}),
        )
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (company, work, unpublished)
}

fn assert_html_page(reply: &Reply) {
    assert_eq!(reply.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(reply.header("content-security-policy"), Some(CSP));
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
}

#[tokio::test]
async fn the_market_pavilion_company_and_work_pages_show_what_is_published_in_each_language() {
    let app = spawn_app().await;
    let (company, work, unpublished) = published_market(&app).await;

    let home = app.get("/en/", None).await.expect(200);
    assert_html_page(&home);
    assert!(home.text.contains("Hangzhou Pavilion") && home.text.contains("1 company") && home.text.contains("1 work"));
    let home = app.get("/zh-hans/", None).await.expect(200);
    assert!(home.text.contains(r#"<html lang="zh-Hans">"#) && home.text.contains("杭州馆"));
    assert!(home.text.contains("1 家公司"), "{}", home.text);

    let pavilion = app.get("/zh-hant/pavilions/hangzhou", None).await.expect(200);
    // No Traditional name: the Simplified one is shown, marked as such.
    assert!(pavilion.text.contains(r#"<h1 lang="zh-Hans">杭州馆</h1>"#), "{}", pavilion.text);
    assert!(pavilion.text.contains("西湖影業") && pavilion.text.contains("銷售代理"));
    assert!(pavilion.text.contains(r#"lang="en">Hangzhou Film Association"#));

    let company_page = app.get(&format!("/en/pavilions/hangzhou/exhibitors/{company}"), None).await.expect(200);
    assert_html_page(&company_page);
    assert!(company_page.text.contains("West Lake Films") && company_page.text.contains("sales@westlake.example"));
    assert!(
        company_page.text.contains("Love at West Lake") && company_page.text.contains("Feature film · 2025 · 104 min")
    );
    for hidden in ["PRIVATE-CONTACT", "boss@westlake.example", "DRAFT-NAME", "UNPUBLISHED-WORK"] {
        assert!(!company_page.text.contains(hidden), "{hidden} reached the public page");
    }
    assert!(company_page.text.contains(r#""@type":"Organization""#), "JSON-LD");

    let work_page =
        app.get(&format!("/en/pavilions/hangzhou/exhibitors/{company}/works/{work}"), None).await.expect(200);
    assert!(work_page.text.contains("France") && work_page.text.contains("Subscription streaming (SVOD), Free TV"));
    assert!(work_page.text.contains("<th scope=\"row\">Asia</th>") && work_page.text.contains("Theatrical"));
    assert!(work_page.text.contains(r#""@type":"Movie""#) && work_page.text.contains("Romance"));
    let work_page =
        app.get(&format!("/zh-hans/pavilions/hangzhou/exhibitors/{company}/works/{work}"), None).await.expect(200);
    assert!(work_page.text.contains("订阅流媒体（SVOD）") && work_page.text.contains("亚洲"));
    assert!(work_page.text.contains(r#"<th scope="row" lang="en">France</th>"#), "{}", work_page.text);
    assert!(work_page.text.contains("西湖之恋") && work_page.text.contains("故事片"));

    let hidden = app.get(&format!("/en/pavilions/hangzhou/exhibitors/{company}/works/{unpublished}"), None).await;
    assert_eq!(hidden.status.as_u16(), 404);
    assert_html_page(&hidden);
    assert!(hidden.text.contains("Page not found") && !hidden.text.contains("UNPUBLISHED-WORK"));
}

#[tokio::test]
async fn every_page_names_its_canonical_address_and_its_other_languages() {
    let app = spawn_app().await;
    let (company, _, _) = published_market(&app).await;
    let base = app.settings.public_url.trim_end_matches('/').to_owned();
    let rest = format!("/pavilions/hangzhou/exhibitors/{company}");
    let page = app.get(&format!("/zh-hant{rest}"), None).await.expect(200);
    for tag in [
        format!(r#"<link rel="canonical" href="{base}/zh-hant{rest}">"#),
        format!(r#"<link rel="alternate" hreflang="en" href="{base}/en{rest}">"#),
        format!(r#"<link rel="alternate" hreflang="zh-Hans" href="{base}/zh-hans{rest}">"#),
        format!(r#"<link rel="alternate" hreflang="zh-Hant" href="{base}/zh-hant{rest}">"#),
        format!(r#"<link rel="alternate" hreflang="x-default" href="{base}{rest}">"#),
        format!(r#"<meta property="og:url" content="{base}/zh-hant{rest}">"#),
        r#"<meta property="og:locale" content="zh_TW">"#.to_owned(),
        "<title>西湖影業 · ".to_owned(),
    ] {
        assert!(page.text.contains(&tag), "missing {tag}");
    }
    // The switcher keeps the page, through the address that remembers the choice.
    let switch = format!("/language/en?next=%2Fen%2Fpavilions%2Fhangzhou%2Fexhibitors%2F{company}");
    assert!(page.text.contains(&switch.replace('&', "&amp;")), "switcher link missing");
    let switched = app.get(&switch, None).await.expect(303);
    assert_eq!(switched.header("location"), Some(format!("/en{rest}").as_str()));
    assert!(switched.header("set-cookie").unwrap().starts_with("lang=en;"));
    // Never elsewhere.
    let away = app.get("/language/en?next=//evil.example/en/", None).await.expect(303);
    assert_eq!(away.header("location"), Some("/en/"));
    // The stylesheet the page names is served for a year.
    let css = page.text.split(r#"<link rel="stylesheet" href=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
    let sheet = app.get(&css, None).await.expect(200);
    assert_eq!(sheet.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert!(sheet.text.contains(":root"));
}

#[tokio::test]
async fn addresses_without_a_language_go_to_the_visitors_language() {
    let app = spawn_app().await;
    let ask = |path: &'static str, accept: &'static str, cookie: Option<&'static str>| {
        let app = &app;
        async move {
            let mut request = app.client.get(app.url(path)).header("accept-language", accept);
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            let reply = Reply::read(request.send().await.unwrap()).await.expect(303);
            reply.header("location").unwrap().to_owned()
        }
    };
    assert_eq!(ask("/", "zh-HK,zh;q=0.9,en;q=0.8", None).await, "/zh-hant/");
    assert_eq!(ask("/", "zh-CN", None).await, "/zh-hans/");
    assert_eq!(ask("/", "fr-FR", None).await, "/en/");
    assert_eq!(ask("/", "zh-CN", Some("lang=en")).await, "/en/");
    // The company link in review emails.
    assert_eq!(
        ask("/pavilions/hangzhou/exhibitors/x?ref=mail", "zh-TW", None).await,
        "/zh-hant/pavilions/hangzhou/exhibitors/x?ref=mail"
    );
}

#[tokio::test]
async fn a_pavilion_that_is_not_active_has_no_page() {
    let app = spawn_app().await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "draft-pavilion", "draft").await;
    let page = app.get("/en/pavilions/draft-pavilion", Some(&organiser.access)).await;
    assert_eq!(page.status.as_u16(), 404);
    assert!(page.text.contains("Page not found"));
    let unknown_language = app.get("/fr/", None).await;
    assert_eq!(unknown_language.status.as_u16(), 404);
    let home = app.get("/en/", None).await.expect(200);
    assert!(home.text.contains("No pavilion is open yet.") && !home.text.contains("draft-pavilion"));
}

#[tokio::test]
async fn the_sitemap_lists_every_published_page_in_every_language_and_robots_points_at_it() {
    let app = spawn_app().await;
    let (company, work, unpublished) = published_market(&app).await;
    let organiser = app.organiser().await;
    app.create_pavilion(&organiser.access, "draft-pavilion", "draft").await;
    let base = app.settings.public_url.trim_end_matches('/').to_owned();
    let robots = app.get("/robots.txt", None).await.expect(200);
    assert!(robots.text.contains(&format!("Sitemap: {base}/sitemap.xml")));
    let sitemap = app.get("/sitemap.xml", None).await.expect(200);
    assert_eq!(sitemap.header("content-type"), Some("application/xml; charset=utf-8"));
    let company_rest = format!("/pavilions/hangzhou/exhibitors/{company}");
    for lang in ["en", "zh-hans", "zh-hant"] {
        for rest in [
            "/".to_owned(),
            "/pavilions/hangzhou".to_owned(),
            company_rest.clone(),
            format!("{company_rest}/works/{work}"),
        ] {
            assert!(sitemap.text.contains(&format!("<loc>{base}/{lang}{rest}</loc>")), "{lang}{rest} missing");
        }
    }
    assert!(sitemap.text.contains(&format!(r#"hreflang="x-default" href="{base}{company_rest}""#)));
    assert!(!sitemap.text.contains(&unpublished) && !sitemap.text.contains("draft-pavilion"));
    // 4 pages (home, pavilion, company, work) in 3 languages.
    assert_eq!(sitemap.text.matches("<url>").count(), 12);
    app.get("/sitemap-0.xml", None).await.expect(200);
    assert_eq!(app.get("/sitemap-1.xml", None).await.status.as_u16(), 404);
}

#[tokio::test]
async fn the_directory_page_searches_with_every_filter_counts_and_keeps_the_query_across_pages() {
    let app = spawn_app().await;
    let (company, work, _) = published_market(&app).await;

    let found = app.get("/zh-hans/directory?q=%E8%A5%BF%E6%B9%96", None).await.expect(200);
    assert_html_page(&found);
    assert!(found.text.contains("共有 1 部作品符合条件。"), "{}", found.text);
    assert!(found.text.contains(&format!("/zh-hans/pavilions/hangzhou/exhibitors/{company}/works/{work}")));
    assert!(found.text.contains("西湖之恋") && !found.text.contains("UNPUBLISHED-WORK"));
    // The switcher keeps the search; the canonical address does not.
    assert!(found.text.contains("next=%2Fzh-hant%2Fdirectory%3Fq%3D%25E8%25A5%25BF%25E6%25B9%2596"), "{}", found.text);
    assert!(
        found.text.contains(r#"<link rel="canonical" href="http://"#) && found.text.contains(r#"/zh-hans/directory">"#)
    );

    // Every filter of the JSON directory, as a query parameter, kept in the form.
    let filtered = app
        .get("/en/directory?pavilion=hangzhou&kind=feature&genre=romance&production_status=completed&language=&territory=FR", None)
        .await
        .expect(200);
    assert!(filtered.text.contains("1 work matches this search."), "{}", filtered.text);
    for selected in [
        r#"<option value="feature" selected>"#,
        r#"<option value="romance" selected>"#,
        r#"<option value="FR" selected>"#,
    ] {
        assert!(filtered.text.contains(selected), "{selected}");
    }
    let none = app.get("/en/directory?genre=horror", None).await.expect(200);
    assert!(none.text.contains("No work matches this search."));
    // Rights for Asia are found under Asia; none cover Brazil.
    assert!(app.get("/en/directory?territory=ASIA", None).await.text.contains("1 work matches"));
    assert!(app.get("/en/directory?territory=BR", None).await.text.contains("No work matches"));

    let companies = app.get("/en/directory?show=companies&q=west&company_type=sales_agent", None).await.expect(200);
    assert!(companies.text.contains("1 company matches this search.") && companies.text.contains("West Lake Films"));
    assert!(!companies.text.contains("DRAFT-NAME") && !companies.text.contains("boss@westlake.example"));

    // A value that is not a choice: 422, the form again with the error beside the field.
    let refused = app.get("/en/directory?kind=epic&q=lake", None).await;
    assert_eq!(refused.status.as_u16(), 422);
    assert!(
        refused.text.contains(r#"<select id="kind" name="kind" aria-invalid="true" aria-describedby="kind-error">"#)
    );
    assert!(refused.text.contains(r#"value="lake""#), "the search text is kept");
}

#[tokio::test]
async fn directory_pages_link_to_the_next_page_with_the_same_query() {
    let app = spawn_app().await;
    let (company, _, _) = published_market(&app).await;
    let admin = app.member(&app.organiser().await.access, "hangzhou", "admin2@hz.example", "pavilion_admin").await;
    let works = format!("/api/v1/pavilions/hangzhou/exhibitors/{company}/works");
    for n in 0..25 {
        app.post(
            &works,
            Some(&admin.access),
            json!({"title": {"en": format!("Lake story {n}")}, "kind": "short", "production_status": "completed"}),
        )
        .await
        .expect(201);
    }
    let company_path = format!("/api/v1/pavilions/hangzhou/exhibitors/{company}");
    app.request(Method::POST, &format!("{company_path}/submit"), Some(&admin.access), None).await.expect(200);
    app.request(Method::POST, &format!("{company_path}/approve"), Some(&admin.access), None).await.expect(200);

    let first = app.get("/en/directory?q=lake&kind=short", None).await.expect(200);
    assert!(first.text.contains("25 works match this search."), "{}", first.text);
    let next =
        first.text.split(r#"rel="next""#).next().and_then(|head| head.rsplit("href=\"").next()).map(str::to_owned);
    let next = next.expect("a next link").split('"').next().unwrap().replace("&#38;", "&");
    assert!(next.starts_with("/en/directory?q=lake&kind=short&cursor="), "{next}");
    let second = app.get(&next, None).await.expect(200);
    assert_eq!(second.text.matches(r#"<li class="card">"#).count(), 1);
    assert!(second.text.contains("First page"));

    // A count is reused for a minute, as long as the page may be cached; then counted again.
    app.post(
        &works,
        Some(&admin.access),
        json!({"title": {"en": "Lake story 25"}, "kind": "short", "production_status": "completed"}),
    )
    .await
    .expect(201);
    app.request(Method::POST, &format!("{company_path}/submit"), Some(&admin.access), None).await.expect(200);
    app.request(Method::POST, &format!("{company_path}/approve"), Some(&admin.access), None).await.expect(200);
    assert!(app.get("/en/directory?q=lake&kind=short", None).await.text.contains("25 works match this search."));
    app.clock.advance(chrono::Duration::seconds(61));
    assert!(app.get("/en/directory?q=lake&kind=short", None).await.text.contains("26 works match this search."));
}
