//! The pages in a real browser (headless Chromium): the journeys of the people Pavilion is for,
//! axe-core on every page type (no serious or critical violation), and screenshots of the main
//! pages at phone, tablet and desktop widths under `target/tmp/browser-screenshots/`.

use pavilion_core::services::demo::{DEMO_PASSWORD, DemoSize};
use pavilion_tests::chrome::Chrome;
use pavilion_tests::{PASSWORD, TestApp, link_token, spawn_app_at_public_address, spawn_app_at_public_host};
use std::path::PathBuf;

fn shots(test: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots").join(test)
}

/// The demo market: what a new user browses after `pavilion seed-demo`.
async fn demo_market() -> TestApp {
    let app = spawn_app_at_public_address().await;
    let size = DemoSize { pavilions: 2, exhibitors: 6, works: 3 };
    pavilion_api::cli::seed_demo(&app.settings, size, |_| {}).await.expect("demo seeded");
    app
}

#[tokio::test]
async fn a_buyer_browses_searches_and_switches_language_and_the_demo_exhibitor_signs_in_and_out() {
    let app = demo_market().await;
    let Some(chrome) = Chrome::start(&app.address, shots("browse")).await else { return };

    chrome.open("/").await;
    chrome.expect_path("/en/").await; // English, from the browser's language
    chrome.check_page("home").await;

    chrome.click("a[href='/en/pavilions/hangzhou']").await;
    assert_eq!(chrome.text("h1").await, "Hangzhou Pavilion");
    chrome.check_page("pavilion").await;
    chrome.click("ul.cards li.card h3 a").await;
    chrome.expect_path_starting("/en/pavilions/hangzhou/exhibitors/").await;
    chrome.check_page("company").await;

    // The directory: search 西湖, open a work.
    chrome.click("nav.main a[href='/en/directory']").await;
    chrome.fill("q", "西湖").await;
    chrome.click("form.search button[type=submit]").await;
    chrome.expect_path_starting("/en/directory?q=%E8%A5%BF%E6%B9%96").await;
    assert!(chrome.text("p.summary").await.contains("match this search"));
    chrome.check_page("directory").await;
    chrome.click("ul.cards li.card h2 a").await;
    let work = chrome.expect_path_starting("/en/pavilions/").await;
    assert!(work.contains("/works/"), "{work}");
    chrome.check_page("work").await;

    // The switcher keeps the page; Traditional Chinese is remembered for the next visit.
    chrome.click("nav.languages a[hreflang='zh-Hant']").await;
    chrome.expect_path(&work.replacen("/en/", "/zh-hant/", 1)).await;
    assert_eq!(chrome.attribute("html", "lang").await.as_deref(), Some("zh-Hant"));
    chrome.check_page("work-zh-hant").await;
    chrome.open("/").await;
    chrome.expect_path("/zh-hant/").await;
    chrome.check_page("home-zh-hant").await;
    chrome.open("/zh-hans/directory?show=companies").await;
    chrome.check_page("directory-zh-hans").await;

    // The demo exhibitor signs in at the pavilion's page, and out.
    chrome.open("/zh-hant/pavilions/hangzhou/sign-in").await;
    chrome.check_page("sign-in-zh-hant").await;
    chrome.fill("email", "exhibitor@hangzhou.demo").await;
    chrome.fill("password", DEMO_PASSWORD).await;
    chrome.click("form.stacked button[type=submit]").await;
    chrome.expect_path("/zh-hant/workspace").await;
    assert!(chrome.text("main").await.contains("參展商"));
    chrome.check_page("workspace-zh-hant").await;
    chrome.click("a[href='/zh-hant/workspace/account']").await;
    chrome.check_page("account-zh-hant").await;
    chrome.click("form.sign-out button").await;
    chrome.expect_path("/zh-hant/").await;
    chrome.open("/zh-hant/workspace").await;
    chrome.expect_path("/zh-hant/sign-in?next=%2Fzh-hant%2Fworkspace").await; // signed out, and back here after
    chrome.check_page("sign-in-organisers-zh-hant").await;

    chrome.open("/en/no-such-page").await;
    chrome.check_page("not-found").await;
    chrome.close().await;
}

#[tokio::test]
async fn an_invited_admin_goes_from_the_email_to_a_signed_in_page_and_a_password_is_reset_from_its_email() {
    let app = demo_market().await;
    let Some(chrome) = Chrome::start(&app.address, shots("links")).await else { return };
    let admin = app
        .post(
            "/api/v1/pavilions/hangzhou/auth/login",
            None,
            serde_json::json!({"email": "admin@hangzhou.demo", "password": DEMO_PASSWORD}),
        )
        .await
        .expect(200)
        .body["access_token"]
        .as_str()
        .unwrap()
        .to_owned();

    // The invitation email's link, as the email has it.
    let token = app.invite(&admin, "hangzhou", "colleague@hangzhou.example", "pavilion_admin").await;
    let link = format!("{}/invite/{token}", app.settings.public_url);
    chrome.client.goto(&link).await.unwrap();
    chrome.expect_path("/en/invite").await; // the token left the address bar
    assert!(chrome.text("main").await.contains("colleague@hangzhou.example"));
    chrome.check_page("invitation").await;
    chrome.fill("name", "Chen Yu").await;
    chrome.fill("password", "short").await;
    chrome.click("form.stacked button[type=submit]").await;
    assert!(chrome.text("#password-error").await.contains("at least 12 characters"));
    chrome.check_page("invitation-refused").await;
    chrome.fill("password", PASSWORD).await;
    chrome.click("form.stacked button[type=submit]").await;
    chrome.expect_path("/en/workspace").await;
    assert!(chrome.text("h1").await.contains("Chen Yu"));
    chrome.click("a[href='/en/workspace/pavilions/hangzhou/accounts']").await;
    assert!(chrome.text("main").await.contains("exhibitor@hangzhou.demo"));
    chrome.check_page("accounts").await;
    chrome.open("/zh-hans/workspace/pavilions/hangzhou/accounts").await;
    chrome.check_page("accounts-zh-hans").await;
    chrome.open("/en/workspace/pavilions/hangzhou/invitations").await;
    chrome.fill("email", "new-colleague@hangzhou.example").await;
    chrome.click("form.stacked button[type=submit]").await;
    assert!(chrome.text("div.notice").await.contains("on its way"));
    chrome.check_page("invitations").await;
    chrome.open("/zh-hant/workspace/pavilions/hangzhou/invitations").await;
    chrome.check_page("invitations-zh-hant").await;
    chrome.click("form.sign-out button").await;
    chrome.expect_path("/zh-hant/").await;

    // Forgot password, then the reset email's link.
    chrome.open("/en/pavilions/hangzhou/forgot-password").await;
    chrome.check_page("forgot-password").await;
    let before = app.smtp.received().len();
    chrome.fill("email", "colleague@hangzhou.example").await;
    chrome.click("form.stacked button[type=submit]").await;
    assert!(chrome.text("div.notice").await.contains("is on its way"));
    let message = app.smtp.wait_for_recipient("colleague@hangzhou.example", before).await;
    let token = link_token(&message.body("text/plain"), "/reset/");
    chrome.client.goto(&format!("{}/reset/{token}", app.settings.public_url)).await.unwrap();
    chrome.expect_path("/en/reset").await;
    chrome.check_page("reset").await;
    chrome.fill("password", "quiet harbour lights at dawn").await;
    chrome.click("form.stacked button[type=submit]").await;
    chrome.expect_path("/en/workspace").await;

    // The same link again explains itself.
    chrome.client.goto(&format!("{}/reset/{token}", app.settings.public_url)).await.unwrap();
    assert!(chrome.text("h1").await.contains("already used"));
    chrome.check_page("reset-used").await;
    chrome.close().await;
}

/// Signs out and waits for the signed-out home: opening another page before the sign-out's
/// answer arrives would race it.
async fn sign_out(chrome: &Chrome) {
    chrome.click("form.sign-out button").await;
    chrome.wait_for_path("a signed-out home page", |path| ["/en/", "/zh-hans/", "/zh-hant/"].contains(&path)).await;
}

/// Signs in at a pavilion's sign-in page in `lang` and waits for the workspace.
async fn sign_in(chrome: &Chrome, lang: &str, email: &str, password: &str) {
    chrome.open(&format!("/{lang}/pavilions/hangzhou/sign-in")).await;
    chrome.fill("email", email).await;
    chrome.fill("password", password).await;
    chrome.click("form.stacked button[type=submit]").await;
    chrome.expect_path(&format!("/{lang}/workspace")).await;
}

/// The journeys of a company's season: the pavilion's admin adds a company and invites its
/// contact; the contact follows the email, fills the profile in Chinese and English (Traditional
/// filled from Simplified), uploads a logo, adds a work with rights in two territories and
/// submits. The admin finds it under "needs my review" and asks for a change; the contact gets
/// the comment by email, follows its link, fixes and resubmits; the admin approves, and the
/// public page shows the new profile. axe and screenshots on every workspace page type.
#[tokio::test]
async fn a_company_is_invited_completes_its_profile_is_sent_back_once_and_is_published() {
    let app = demo_market().await;
    let Some(chrome) = Chrome::start(&app.address, shots("workspace")).await else { return };

    // The admin adds the company and invites its contact.
    sign_in(&chrome, "en", "admin@hangzhou.demo", DEMO_PASSWORD).await;
    chrome.click("a[href='/en/workspace/pavilions/hangzhou/companies']").await;
    chrome.fill("name.en", "Silk Road Pictures").await;
    chrome.fill("contact_email", "li.na@silkroad.example").await;
    let before = app.smtp.received().len();
    chrome.click("form[action$='/companies'] button[type=submit]").await;
    let created = chrome.expect_path_starting("/en/workspace/pavilions/hangzhou/companies/").await;
    let home = created.trim_end_matches("?done=created").to_owned();
    assert!(chrome.text("div.notice").await.contains("its contact has been invited"));
    sign_out(&chrome).await;

    // The contact follows the invitation.
    let invitation = app.smtp.wait_for_recipient("li.na@silkroad.example", before).await;
    let token = link_token(&invitation.body("text/plain"), "/invite/");
    chrome.client.goto(&format!("{}/invite/{token}", app.settings.public_url)).await.unwrap();
    chrome.expect_path("/en/invite").await;
    chrome.fill("name", "Li Na").await;
    chrome.fill("password", PASSWORD).await;
    chrome.click("form.stacked button[type=submit]").await;
    chrome.expect_path("/en/workspace").await;
    chrome.click("ul.next-steps li:first-child a").await;
    chrome.expect_path(&home).await;
    chrome.check_page("company-home").await;

    // The profile: Chinese and English, Traditional filled from Simplified, a public contact.
    chrome.click("nav.tabs a[href$='/profile']").await;
    chrome.fill("name.zh-Hans", "丝路影业").await;
    chrome.click("button[name=fill][value='name.zh-Hant']").await;
    assert_eq!(chrome.value("name.zh-Hant").await, "絲路影業");
    chrome.fill("description.en", "Drama and documentary from the Silk Road.").await;
    chrome.fill("description.zh-Hans", "来自丝绸之路的剧集和纪录片。").await;
    chrome.fill("contacts.0.name", "Li Na").await;
    chrome.fill("contacts.0.email", "li.na@silkroad.example").await;
    chrome.click("input[name='contacts.0.public']").await;
    chrome.check_page("profile-editor").await;
    chrome.click("form.editor .actions button[type=submit]").await;
    chrome.expect_path(&format!("{home}/profile?done=saved")).await;

    // The logo, sent by the page's script with its progress.
    let logo = std::env::temp_dir().join(format!("pavilion-logo-{}.png", std::process::id()));
    std::fs::write(&logo, pavilion_tests::images::png(120, 120)).expect("logo written");
    chrome.choose_file("logo", &logo).await;
    chrome.click("form[data-upload] button[type=submit]").await;
    chrome.expect_path(&format!("{home}/profile?done=logo")).await;
    assert!(chrome.attribute("img.logo.large", "src").await.is_some_and(|src| src.ends_with("/logo")));
    let _ = std::fs::remove_file(logo);
    // A file that is no image is refused before it is sent.
    let notes = std::env::temp_dir().join(format!("pavilion-notes-{}.txt", std::process::id()));
    std::fs::write(&notes, "not an image").expect("notes written");
    chrome.choose_file("logo", &notes).await;
    assert_eq!(chrome.text("#logo-file-error").await, "Choose a PNG, JPEG or WebP image.");
    chrome.click("form[data-upload] button[type=submit]").await;
    chrome.expect_path(&format!("{home}/profile?done=logo")).await; // still here: nothing sent
    let _ = std::fs::remove_file(notes);

    // A work with rights in two territories.
    chrome.click("nav.tabs a[href$='/works']").await;
    chrome.check_page("works-empty").await;
    chrome.click("a.button[href$='/works/new']").await;
    chrome.fill("title.en", "Tea Road").await;
    chrome.fill("title.zh-Hans", "茶路").await;
    chrome.fill("rights.0.territory", "France (FR)").await;
    chrome.click("input[name='rights.0.media.svod']").await;
    chrome.fill("rights.1.territory", "Greater China (GREATER_CHINA)").await;
    chrome.click("input[name='rights.1.media.free_tv']").await;
    chrome.click("form.editor .actions button[type=submit]").await;
    let work = chrome.expect_path_starting(&format!("{home}/works/")).await;
    assert!(work.ends_with("?done=created"), "{work}");
    assert_eq!(chrome.value("rights.1.territory").await, "Greater China (GREATER_CHINA)");
    chrome.check_page("work-editor").await;
    chrome.click("nav.tabs a[href$='/works']").await;
    chrome.check_page("works").await;
    chrome.click("nav.tabs a[href$='/preview']").await;
    assert_eq!(chrome.text("h1").await, "Silk Road Pictures");
    chrome.check_page("preview").await;

    // Submitted.
    chrome.open(&home).await;
    chrome.click("form[action$='/submit'] button").await;
    chrome.expect_path(&format!("{home}?done=submitted")).await;
    sign_out(&chrome).await;

    // The admin reads it under "needs my review", in Simplified Chinese, and asks for a change.
    sign_in(&chrome, "zh-hans", "admin@hangzhou.demo", DEMO_PASSWORD).await;
    chrome.click("a[href='/zh-hans/workspace/pavilions/hangzhou/companies']").await;
    assert!(chrome.text("nav.views a[aria-current=page]").await.contains("待我审核（1）"));
    chrome.check_page("companies-zh-hans").await;
    chrome.click("table.data td a").await;
    let review = home.replacen("/en/", "/zh-hans/", 1);
    chrome.expect_path(&review).await;
    chrome.check_page("review-zh-hans").await;
    let before = app.smtp.received().len();
    chrome.fill("comment", "请补充公司网站。").await;
    chrome.click("form[action$='/request-changes'] button").await;
    chrome.expect_path(&format!("{review}?done=changes-requested")).await;
    sign_out(&chrome).await;

    // The contact gets the comment by email and follows its link: sign in, then the company.
    let asked = app.smtp.wait_for_recipient("li.na@silkroad.example", before).await;
    assert!(asked.body("text/plain").contains("请补充公司网站。"));
    let id = home.rsplit('/').next().unwrap();
    let link = format!("{}/workspace/pavilions/hangzhou/companies/{id}", app.settings.public_url);
    assert!(asked.body("text/plain").contains(&link), "{}", asked.body("text/plain"));
    chrome.client.goto(&link).await.unwrap();
    chrome.expect_path_starting("/en/pavilions/hangzhou/sign-in?next=").await;
    chrome.fill("email", "li.na@silkroad.example").await;
    chrome.fill("password", PASSWORD).await;
    chrome.click("form.stacked button[type=submit]").await;
    chrome.expect_path(&home).await;
    assert!(chrome.text("div.comment").await.contains("请补充公司网站。"));
    chrome.click("nav.tabs a[href$='/profile']").await;
    chrome.fill("website", "https://silkroad.example").await;
    chrome.click("form.editor .actions button[type=submit]").await;
    chrome.expect_path(&format!("{home}/profile?done=saved")).await;
    chrome.open(&home).await;
    chrome.click("form[action$='/submit'] button").await;
    chrome.expect_path(&format!("{home}?done=submitted")).await;
    sign_out(&chrome).await;

    // The admin approves; the public page shows the profile.
    sign_in(&chrome, "en", "admin@hangzhou.demo", DEMO_PASSWORD).await;
    chrome.open(&home).await;
    chrome.click("form[action$='/approve'] button").await;
    chrome.expect_path(&format!("{home}?done=approved")).await;
    let public = home.replacen("/workspace/pavilions/hangzhou/companies/", "/pavilions/hangzhou/exhibitors/", 1);
    chrome.open(&public).await;
    assert_eq!(chrome.text("h1").await, "Silk Road Pictures");
    assert!(chrome.text("main").await.contains("https://silkroad.example"));
    chrome.open(&public.replacen("/en/", "/zh-hant/", 1)).await;
    assert_eq!(chrome.text("h1").await, "絲路影業");

    // The pavilion's other admin pages, in Traditional Chinese.
    chrome.open("/zh-hant/workspace/pavilions/hangzhou/settings").await;
    chrome.check_page("settings-zh-hant").await;
    chrome.click("nav.tabs a[href$='/emails']").await;
    chrome.check_page("emails-zh-hant").await;
    chrome.click("nav.tabs a[href$='/audit']").await;
    assert!(chrome.text("main").await.contains("通過資料"));
    chrome.check_page("audit-zh-hant").await;
    sign_out(&chrome).await;

    // The organiser's list of every pavilion.
    chrome.open("/en/sign-in").await;
    chrome.fill("email", "organiser@pavilion.demo").await;
    chrome.fill("password", DEMO_PASSWORD).await;
    chrome.click("form.stacked button[type=submit]").await;
    chrome.expect_path("/en/workspace").await;
    chrome.click("a[href='/en/workspace/pavilions']").await;
    chrome.check_page("pavilions").await;
    chrome.close().await;
}

/// The organiser reads the market at a glance in the three languages, sorts the pavilions by
/// their median completeness, and follows the late one (its deadline is in five days) to its
/// admin home. axe and screenshots on both pages.
#[tokio::test]
async fn the_organiser_reads_the_market_and_follows_a_late_pavilion() {
    let app = demo_market().await;
    let organiser = app.login_organiser("organiser@pavilion.demo", DEMO_PASSWORD).await.expect(200).body;
    let now = pavilion_core::clock::Clock::now(&app.clock);
    let deadline = (now + chrono::Duration::days(5)).to_rfc3339();
    app.patch(
        "/api/v1/pavilions/hangzhou",
        organiser["access_token"].as_str(),
        serde_json::json!({"profile_deadline": deadline}),
    )
    .await
    .expect(200);
    let Some(chrome) = Chrome::start(&app.address, shots("market")).await else { return };
    chrome.open("/en/sign-in").await;
    chrome.fill("email", "organiser@pavilion.demo").await;
    chrome.fill("password", DEMO_PASSWORD).await;
    chrome.click("form.stacked button[type=submit]").await;
    chrome.expect_path("/en/workspace").await;
    chrome.click("a[href='/en/workspace/market']").await;
    chrome.expect_path("/en/workspace/market").await;
    assert_eq!(chrome.text("#states-heading").await, "Companies by review state");
    assert_eq!(chrome.attribute("svg.chart", "role").await.as_deref(), Some("img"));
    chrome.check_page("market").await;
    for lang in ["zh-hans", "zh-hant"] {
        chrome.open(&format!("/{lang}/workspace/market")).await;
        chrome.check_page(&format!("market-{lang}")).await;
    }
    chrome.open("/en/workspace/market").await;
    chrome.click("th a[href$='sort=median&dir=asc']").await;
    assert_eq!(chrome.attribute("th[aria-sort]", "aria-sort").await.as_deref(), Some("ascending"));
    // The late pavilion is marked so, and its name leads to its home.
    let late = chrome.text("tr.late th[scope=row] a").await;
    assert!(late.contains("Hangzhou"), "{late}");
    chrome.click("tr.late th[scope=row] a").await;
    chrome.expect_path("/en/workspace/pavilions/hangzhou").await;
    assert!(chrome.text("main").await.contains("To do"));
    chrome.check_page("pavilion-home").await;

    // From its to-do list, an announcement to its companies, in its name: only they receive it.
    chrome.click("a[href$='/announcements?audience=exhibitor']").await;
    chrome.expect_path_starting("/en/workspace/pavilions/hangzhou/announcements").await;
    assert_eq!(chrome.attribute("input[name='audience.exhibitor']", "checked").await.as_deref(), Some("true"));
    chrome.fill("subject.en", "Five days left").await;
    chrome.fill("body.en", "Please complete and submit your profile by Friday.").await;
    chrome.check_page("announcement-form").await;
    let before = app.smtp.received().len();
    chrome.click("form.stacked .actions button[type=submit]").await;
    chrome.expect_path_starting("/en/workspace/pavilions/hangzhou/announcements?sent=").await;
    assert!(chrome.text("div.notice").await.contains("Queued for"));
    let mail = app.smtp.wait_for_recipient("exhibitor@hangzhou.demo", before).await;
    assert_eq!(mail.header("Subject").as_deref(), Some("Five days left"));
    let outside: Vec<String> = app
        .smtp
        .received()
        .into_iter()
        .skip(before)
        .flat_map(|mail| mail.to)
        .filter(|to| !to.trim_end_matches('>').ends_with("@hangzhou.demo"))
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
    chrome.check_page("announcements").await;
    for lang in ["zh-hans", "zh-hant"] {
        chrome.open(&format!("/{lang}/workspace/pavilions/hangzhou/announcements")).await;
        chrome.check_page(&format!("announcements-{lang}")).await;
    }

    // An import: the file checked (sent with its progress, the report shown), then imported.
    chrome.open("/en/workspace/pavilions/hangzhou/import").await;
    chrome.check_page("import").await;
    let list = shots("market").join("companies.csv");
    std::fs::write(
        &list,
        "name.en,name.zh-Hans,contact_name,contact_email\nLotus Films,莲花影业,Wang Fang,wang.fang@lotus.example\n",
    )
    .unwrap();
    chrome.choose_file("file", &list).await;
    chrome.click("form[data-upload] button[type=submit]").await;
    chrome.wait_for_text("main", "1 new, 0 changed").await;
    chrome.check_page("import-report").await;
    chrome.click("form[action$='/import']:not([data-upload]) button").await;
    chrome.expect_path_starting("/en/workspace/pavilions/hangzhou/import?created=1").await;
    assert!(chrome.text("div.notice").await.contains("Imported: 1 new"));
    chrome.close().await;
}

/// Two browsers of the same company edit its profile at once: the second save is told that the
/// first saved meanwhile, with the first's change taken into its form and its own kept; saving
/// again keeps both.
#[tokio::test]
async fn two_browsers_of_one_company_save_its_profile_at_once_and_nothing_is_lost() {
    let app = demo_market().await;
    let Some(first) = Chrome::start(&app.address, shots("conflict")).await else { return };
    let second = first.another().await;
    for chrome in [&first, &second] {
        sign_in(chrome, "en", "exhibitor@hangzhou.demo", DEMO_PASSWORD).await;
        chrome.click("ul.next-steps li:nth-child(2) a").await; // edit the company profile
        chrome.expect_path_starting("/en/workspace/pavilions/hangzhou/companies/").await;
    }
    let editor = first.path().await;
    assert!(editor.ends_with("/profile"), "{editor}");

    first.fill("city.en", "Hangzhou, Zhejiang").await;
    first.click("form.editor .actions button[type=submit]").await;
    first.expect_path(&format!("{editor}?done=saved")).await;

    second.fill("booth", "B-12").await;
    second.click("form.editor .actions button[type=submit]").await;
    assert!(second.text("div.alert").await.contains("Someone else saved this profile while you were editing (City)."));
    assert_eq!(second.value("booth").await, "B-12");
    assert_eq!(second.value("city.en").await, "Hangzhou, Zhejiang");
    second.check_page("profile-conflict").await;
    second.click("form.editor .actions button[type=submit]").await;
    second.expect_path(&format!("{editor}?done=saved")).await;

    first.open(&editor).await;
    assert_eq!(first.value("city.en").await, "Hangzhou, Zhejiang");
    assert_eq!(first.value("booth").await, "B-12");
    second.close().await;
    first.close().await;
}

/// Two-step sign-in in the browser: the organiser adds an authenticator app from the account page
/// (the test reads the key off the page and computes the app's code), keeps the recovery codes,
/// signs out, and signs in again with password and code. axe and screenshots on each page.
#[tokio::test]
async fn an_organiser_adds_an_authenticator_app_and_signs_in_with_its_code() {
    use pavilion_core::auth::second_factor::TotpSecret;
    use pavilion_core::clock::Clock;
    let app = spawn_app_at_public_address().await;
    app.create_organiser("chair@fair.example").await;
    let Some(chrome) = Chrome::start(&app.address, shots("second-factor")).await else { return };
    let sign_in = async || {
        chrome.open("/en/sign-in").await;
        chrome.fill("email", "chair@fair.example").await;
        chrome.fill("password", PASSWORD).await;
        chrome.click("form.stacked button[type=submit]").await;
    };
    sign_in().await;
    chrome.expect_path("/en/workspace").await;

    chrome.open("/en/workspace/account").await;
    chrome.check_page("account-second-factor-off").await;
    chrome.click("form[action='/en/workspace/account/authenticator'] button").await;
    chrome.expect_path("/en/workspace/account/authenticator").await;
    chrome.check_page("authenticator").await;
    let key = chrome.text("code.secret").await.replace(' ', "");
    let app_secret = TotpSecret::from_base32(&key).expect("the key on the page is base32");
    chrome.fill("code", &app_secret.code_at(app.clock.now()).unwrap()).await;
    chrome.click("form[action='/en/workspace/account/authenticator/confirm'] button").await;
    assert_eq!(chrome.text("h1").await, "Your recovery codes");
    assert_eq!(chrome.text(".recovery-codes").await.lines().filter(|line| !line.trim().is_empty()).count(), 10);
    // Still signed in, and the header says so.
    assert!(chrome.text("nav.main").await.contains("Market Organiser"));
    assert_eq!(chrome.text("form.sign-out button").await, "Sign out");
    chrome.check_page("recovery-codes").await;
    chrome.click("a.button").await;
    chrome.expect_path("/en/workspace/account").await;
    assert!(chrome.text("main").await.contains("10 recovery codes left."));
    chrome.check_page("account-second-factor-on").await;

    chrome.click("form.sign-out button").await;
    sign_in().await;
    assert_eq!(chrome.text("h1").await, "Enter your sign-in code");
    chrome.check_page("second-factor").await;
    app.clock.advance(chrome_step());
    chrome.fill("code", &app_secret.code_at(app.clock.now()).unwrap()).await;
    chrome.click("form.stacked button[type=submit]").await;
    chrome.expect_path("/en/workspace").await;

    chrome.open("/zh-hant/workspace/account").await;
    chrome.check_page("account-second-factor-zh-hant").await;
    chrome.open("/zh-hans/workspace/account").await;
    chrome.check_page("account-second-factor-zh-hans").await;
    chrome.close().await;
}

#[tokio::test]
async fn an_organiser_adds_a_passkey_and_signs_in_with_it_after_the_password_and_alone() {
    // Passkeys need the site named by a domain: `localhost`, which browsers trust as secure.
    let app = spawn_app_at_public_host("localhost").await;
    app.create_organiser("chair@fair.example").await;
    let Some(chrome) = Chrome::start(&app.settings.public_url, shots("passkeys")).await else { return };
    chrome.add_virtual_authenticator().await;
    let sign_in = async || {
        chrome.open("/en/sign-in").await;
        chrome.fill("email", "chair@fair.example").await;
        chrome.fill("password", PASSWORD).await;
        chrome.click("form.stacked button[type=submit]").await;
    };
    sign_in().await;
    chrome.expect_path("/en/workspace").await;

    chrome.open("/en/workspace/account").await;
    assert!(chrome.text("#passkeys").await.contains("No passkeys yet."));
    chrome.click("a[href='/en/workspace/account/passkeys/new']").await;
    chrome.expect_path("/en/workspace/account/passkeys/new").await;
    chrome.check_page("passkey-new").await;
    chrome.fill("name", "Work laptop").await;
    chrome.click("form[data-passkey] button[type=submit]").await;
    // The account's first second factor: its recovery codes, this once.
    assert_eq!(chrome.text("h1").await, "Your recovery codes");
    assert_eq!(chrome.text(".recovery-codes").await.lines().filter(|line| !line.trim().is_empty()).count(), 10);
    chrome.check_page("passkey-recovery-codes").await;
    chrome.click("a.button").await;
    chrome.expect_path("/en/workspace/account").await;
    assert_eq!(chrome.attribute("#passkeys input[name=name]", "value").await.as_deref(), Some("Work laptop"));
    assert!(chrome.text("#passkeys").await.contains("not used yet"));
    chrome.check_page("account-passkey").await;

    // After the password, the passkey finishes the sign-in.
    chrome.click("form.sign-out button").await;
    sign_in().await;
    assert_eq!(chrome.text("h1").await, "Confirm it is you");
    chrome.check_page("second-factor-passkey").await;
    chrome.click("form[data-passkey] button[type=submit]").await;
    chrome.expect_path("/en/workspace").await;

    // Alone, with no email or password.
    chrome.click("form.sign-out button").await;
    chrome.open("/en/sign-in").await;
    chrome.click("form.passkey-offer button").await;
    chrome.expect_path("/en/sign-in/passkey").await;
    chrome.check_page("passkey-sign-in").await;
    chrome.click("form[data-passkey] button[type=submit]").await;
    chrome.expect_path("/en/workspace").await;
    chrome.open("/en/workspace/account").await;
    assert!(chrome.text("#passkeys").await.contains("last used"));

    for lang in ["zh-hans", "zh-hant"] {
        chrome.open(&format!("/{lang}/workspace/account")).await;
        chrome.check_page(&format!("account-passkey-{lang}")).await;
        chrome.open(&format!("/{lang}/workspace/account/passkeys/new")).await;
        chrome.check_page(&format!("passkey-new-{lang}")).await;
    }
    chrome.click("form.sign-out button").await;
    chrome.open("/zh-hans/sign-in").await;
    chrome.check_page("sign-in-passkey-offer-zh-hans").await;
    chrome.fill("email", "chair@fair.example").await;
    chrome.fill("password", PASSWORD).await;
    chrome.click("form.stacked button[type=submit]").await;
    assert_eq!(chrome.text("h1").await, "确认是您本人");
    chrome.check_page("second-factor-passkey-zh-hans").await;
    chrome.open("/zh-hans/sign-in").await;
    chrome.click("form.passkey-offer button").await;
    chrome.check_page("passkey-sign-in-zh-hans").await;
    chrome.close().await;
}

/// The next 30-second step: the code that confirmed the app is used.
fn chrome_step() -> chrono::Duration {
    chrono::Duration::seconds(30)
}
