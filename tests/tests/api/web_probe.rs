//! What an outside probe of the pages and the acceptance runs found, each held by a test: Enter
//! in an editor saves, a planted visitor token acts for nobody, long texts are taken, image
//! decodes share a memory bound, odd bytes in an address are not found, another pavilion's
//! company is not found, `next` stays in the workspace, every 429 says when to try again, and
//! the recovery codes' address explains itself.

use pavilion_tests::web::{WebClient, form_fields, form_token, implicit_submission, with_fields};
use pavilion_tests::{PASSWORD, TestApp, TestDb, Tokens, images, spawn_app, spawn_app_with, test_settings};
use serde_json::json;

struct Market {
    admin: String,
    company: String,
    /// A published company of pavilion `pav-b`.
    company_b: String,
}

/// Pavilion `pav-a` (admin `admin@pav-a.example`) with West Lake Films and its exhibitor
/// `exhibitor@pav-a.example`; pavilion `pav-b` with its admin and one published company.
async fn market(app: &TestApp) -> Market {
    app.create_organiser("organiser@fair.example").await;
    let organiser = Tokens::from(&app.login_organiser("organiser@fair.example", PASSWORD).await.expect(200).body);
    for slug in ["pav-a", "pav-b"] {
        app.create_pavilion(&organiser.access, slug, "active").await;
        app.member(&organiser.access, slug, &format!("admin@{slug}.example"), "pavilion_admin").await;
    }
    let company = app.create_exhibitor(&organiser.access, "pav-a", json!({"name": {"en": "West Lake Films"}})).await;
    app.exhibitor_member(&organiser.access, "pav-a", &company, "exhibitor@pav-a.example").await;
    let company_b = app.create_exhibitor(&organiser.access, "pav-b", json!({"name": {"en": "Min River"}})).await;
    let base = format!("/api/v1/pavilions/pav-b/exhibitors/{company_b}");
    app.post(&format!("{base}/submit"), Some(&organiser.access), json!({})).await.expect(200);
    app.post(&format!("{base}/approve"), Some(&organiser.access), json!({})).await.expect(200);
    let login = json!({"email": "admin@pav-a.example", "password": PASSWORD});
    let admin = Tokens::from(&app.post("/api/v1/pavilions/pav-a/auth/login", None, login).await.expect(200).body);
    Market { admin: admin.access, company, company_b }
}

async fn signed_in<'a>(app: &'a TestApp, slug: &str, email: &str) -> WebClient<'a> {
    let mut web = app.web();
    let page = format!("/en/pavilions/{slug}/sign-in");
    web.submit(&page, &page, &[("email", email), ("password", PASSWORD)]).await.expect(303);
    web
}

fn company_page(company: &str, rest: &str) -> String {
    format!("/en/workspace/pavilions/pav-a/companies/{company}{rest}")
}

#[tokio::test]
async fn pressing_enter_in_the_profile_and_work_editors_saves() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let mut exhibitor = signed_in(&app, "pav-a", "exhibitor@pav-a.example").await;

    let editor = company_page(&market.company, "/profile");
    let page = exhibitor.get(&editor).await.expect(200);
    let enter = with_fields(implicit_submission(&page.text, &editor), &[("city.en", "Hangzhou")], &[]);
    exhibitor.post_fields(&editor, &enter).await.expect(303);
    let stored = app
        .get(&format!("/api/v1/pavilions/pav-a/exhibitors/{}", market.company), Some(&market.admin))
        .await
        .expect(200);
    assert_eq!(stored.body["city"]["en"], "Hangzhou", "{}", stored.body);

    let new_work = company_page(&market.company, "/works/new");
    let page = exhibitor.get(&new_work).await.expect(200);
    let enter = with_fields(implicit_submission(&page.text, &new_work), &[("title.en", "Tea Hills")], &[]);
    exhibitor.post_fields(&new_work, &enter).await.expect(303);
    let works = app
        .get(&format!("/api/v1/pavilions/pav-a/exhibitors/{}/works", market.company), Some(&market.admin))
        .await
        .expect(200);
    assert_eq!(works.body["items"][0]["title"]["en"], "Tea Hills", "{}", works.body);
}

#[tokio::test]
async fn a_visitor_token_planted_in_a_signed_in_browser_changes_nothing() {
    let app = spawn_app().await;
    market(&app).await;
    // Anyone who opens a page gets a visitor cookie and the token that goes with it.
    let mut attacker = app.web();
    let page = attacker.get("/en/sign-in").await.expect(200);
    let planted_cookie = attacker.cookie("pavilion-form").expect("a visitor cookie").to_owned();
    let planted_token = form_token(&page.text);

    let mut victim = app.web();
    victim.set_cookie("pavilion-form", &planted_cookie);
    let sign_in = "/en/pavilions/pav-a/sign-in";
    let form = victim.get(sign_in).await.expect(200);
    let fields = [
        ("csrf_token", form_token(&form.text)),
        ("email", "exhibitor@pav-a.example".to_owned()),
        ("password", PASSWORD.to_owned()),
    ];
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
    victim.post_form(sign_in, &pairs).await.expect(303);
    // Signing in renews the visitor cookie (login CSRF) …
    assert_ne!(victim.cookie("pavilion-form"), Some(planted_cookie.as_str()));

    // … and once signed in, only the session's own token counts: the planted pair, posted
    // without the headers a browser of this site sends, is refused.
    victim.set_cookie("pavilion-form", &planted_cookie);
    let forged = [("csrf_token", planted_token.as_str()), ("name", "Mallory"), ("locale", "en")];
    victim.post_form_with("/en/workspace/account/profile", &forged, &[]).await.expect(403);
    let account = victim.get("/en/workspace/account").await.expect(200);
    assert!(!account.text.contains("Mallory"));
}

#[tokio::test]
async fn a_long_announcement_is_sent_and_a_form_past_the_body_limit_gets_a_page_in_its_language() {
    let app = spawn_app().await;
    market(&app).await;
    let mut admin = signed_in(&app, "pav-a", "admin@pav-a.example").await;
    let page = "/en/workspace/pavilions/pav-a/announcements";
    // 2,000 Chinese characters: 18 KB as a browser encodes them, past actix's 16 KiB default.
    let body = "展".repeat(2_000);
    let before = app.smtp.received().len();
    admin
        .submit(page, page, &[("audience.exhibitor", "on"), ("subject.zh-Hans", "通知"), ("body.zh-Hans", &body)])
        .await
        .expect(303);
    app.smtp.wait_for_recipient("exhibitor@pav-a.example", before).await;

    // Past the configured limit (1 MiB): a page in the reader's language, nothing sent.
    let huge = "展".repeat(130_000);
    let token = form_token(&admin.get(page).await.text);
    let zh_page = "/zh-hans/workspace/pavilions/pav-a/announcements";
    let refused = admin
        .post_form(zh_page, &[("csrf_token", &token), ("audience.exhibitor", "on"), ("body.zh-Hans", &huge)])
        .await
        .expect(413);
    assert_eq!(refused.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(refused.text.contains("表单内容过长") && refused.text.contains("1 MB"), "{}", refused.text);
}

#[tokio::test]
async fn image_decodes_at_once_share_one_memory_bound() {
    let db = TestDb::fresh();
    let mut settings = test_settings(&db);
    // Room for one 3000 × 3000 picture at a time (27 MB of pixels, and a copy while encoding).
    settings.image_decode_bytes = 64 * 1024 * 1024;
    let app = spawn_app_with(db, settings).await;
    let market = market(&app).await;
    let logo = format!("/api/v1/pavilions/pav-a/exhibitors/{}/logo", market.company);

    // One picture that needs more than the whole bound is too large, whatever else runs.
    let too_large = app.put_raw(&logo, Some(&market.admin), "image/png", images::png(4_000, 4_000)).await;
    assert_eq!(too_large.expect(422).body["errors"][0]["code"], "image_too_large");

    let picture = images::png(3_000, 3_000);
    let uploads = (0..6).map(|_| app.put_raw(&logo, Some(&market.admin), "image/png", picture.clone()));
    let replies = futures_util::future::join_all(uploads).await;
    let statuses: Vec<u16> = replies.iter().map(|reply| reply.status.as_u16()).collect();
    assert!(statuses.iter().all(|status| matches!(status, 200 | 503)), "{statuses:?}");
    assert!(statuses.contains(&200) && statuses.contains(&503), "{statuses:?}");
    for busy in replies.iter().filter(|reply| reply.status == 503) {
        assert!(busy.header("retry-after").is_some());
        assert_eq!(busy.body["code"], "busy");
    }
    // The bound is given back: one upload alone goes through.
    app.put_raw(&logo, Some(&market.admin), "image/png", picture).await.expect(200);
}

#[tokio::test]
async fn control_characters_and_spaces_in_an_address_are_the_not_found_page() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let mut admin = signed_in(&app, "pav-a", "admin@pav-a.example").await;
    for path in [
        "/en/workspace/pavilions/a%0a/companies/x",
        "/en/workspace/pavilions/a%0d%0a/companies/x",
        "/en/workspace/pavilions/a%7f/companies/x",
        "/en/workspace/pavilions/a%20b/companies/x",
        "/pavilions/pav%20a",
        "/en/pavilions/pav-a%0a",
    ] {
        let reply = admin.get(path).await.expect(404);
        assert!(reply.text.contains("<html"), "{path}: {}", reply.text);
        assert!(reply.header("location").is_none(), "{path}");
    }
    // A form posted to such an address is not found either (and changes nothing).
    let token = form_token(&admin.get("/en/workspace/account").await.text);
    admin.post_form("/en/workspace/pavilions/a%0a/settings", &[("csrf_token", &token)]).await.expect(404);
    let api = app.get("/api/v1/pavilions/pav-a%0a", Some(&market.admin)).await.expect(404);
    assert_eq!(api.body["code"], "not_found");
}

#[tokio::test]
async fn another_pavilions_published_company_is_not_found_in_the_workspace() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let company_b = format!("/en/workspace/pavilions/pav-b/companies/{}", market.company_b);
    for (slug, email) in [("pav-a", "exhibitor@pav-a.example"), ("pav-a", "admin@pav-a.example")] {
        let mut stranger = signed_in(&app, slug, email).await;
        for rest in ["", "/profile", "/works", "/preview"] {
            stranger.get(&format!("{company_b}{rest}")).await.expect(404);
        }
    }
}

#[tokio::test]
async fn next_is_checked_as_the_browser_resolves_it() {
    let app = spawn_app().await;
    market(&app).await;
    let sign_in = "/en/pavilions/pav-a/sign-in";
    for (next, lands) in [
        ("/en/workspace/../../evil", "/en/workspace"),
        ("/en/workspace/%2e%2e/%2e%2e/evil", "/en/workspace"),
        ("/en/workspace/./account", "/en/workspace/account"),
        ("/zh-hant/workspace/account?done=x", "/zh-hant/workspace/account?done=x"),
    ] {
        let mut web = app.web();
        let page = web.get(&format!("{sign_in}?next={}", urlencode(next))).await.expect(200);
        let fields = with_fields(
            form_fields(&page.text, sign_in),
            &[("email", "exhibitor@pav-a.example"), ("password", PASSWORD)],
            &[],
        );
        let signed_in = web.post_fields(sign_in, &fields).await.expect(303);
        assert_eq!(signed_in.header("location"), Some(lands), "next={next}");
    }
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn the_forgot_password_pages_429_says_when_to_try_again() {
    let app = spawn_app().await;
    market(&app).await;
    let mut web = app.web();
    let page = "/en/pavilions/pav-a/forgot-password";
    let mut limited = None;
    for _ in 0..10 {
        let reply = web.submit(page, page, &[("email", "nobody@pav-a.example")]).await;
        if reply.status == 429 {
            limited = Some(reply);
            break;
        }
        reply.expect(200);
    }
    let limited = limited.expect("the reset requests are limited");
    let wait: i64 = limited.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!(wait >= 1);
    assert!(limited.text.contains("Too many attempts. Please wait"), "{}", limited.text);
}

#[tokio::test]
async fn the_recovery_codes_address_explains_in_every_language_and_leads_back_to_the_account() {
    let app = spawn_app().await;
    market(&app).await;
    let mut web = signed_in(&app, "pav-a", "exhibitor@pav-a.example").await;
    for (lang, words) in [("en", "shown only once"), ("zh-hans", "只在生成"), ("zh-hant", "只在產生")] {
        let page = web.get(&format!("/{lang}/workspace/account/recovery-codes")).await.expect(200);
        assert!(page.text.contains(words), "{}", page.text);
        assert!(page.text.contains(&format!(r#"href="/{lang}/workspace/account""#)));
        assert_eq!(page.header("cache-control"), Some("private, no-store"));
    }
    let mut visitor = app.web();
    visitor.get("/en/workspace/account/recovery-codes").await.expect(303);
}
