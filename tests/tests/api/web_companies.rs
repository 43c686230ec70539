//! A company's workspace pages: the exhibitor's home, profile editor (stale saves merged, never
//! overwritten; Chinese filled from the other script), logo, catalogue and submission; the
//! admin's review on the same pages; the deadline's lock; and who may see them.

use pavilion_tests::web::{WebClient, form_fields, with_fields};
use pavilion_tests::{PASSWORD, TestApp, Tokens, images, spawn_app};
use serde_json::json;

struct Market {
    admin: String,
    company: String,
    other_company: String,
}

/// Pavilion `pav-a` (admin `admin@pav-a.example`) with two companies: West Lake Films with an
/// exhibitor account `exhibitor@pav-a.example`, and Jade River (no account); pavilion `pav-b`
/// with its own admin.
async fn market(app: &TestApp) -> Market {
    app.create_organiser("organiser@fair.example").await;
    let organiser = Tokens::from(&app.login_organiser("organiser@fair.example", PASSWORD).await.expect(200).body);
    for slug in ["pav-a", "pav-b"] {
        app.create_pavilion(&organiser.access, slug, "active").await;
        app.member(&organiser.access, slug, &format!("admin@{slug}.example"), "pavilion_admin").await;
    }
    let login = json!({"email": "admin@pav-a.example", "password": PASSWORD});
    let admin =
        Tokens::from(&app.post("/api/v1/pavilions/pav-a/auth/login", None, login).await.expect(200).body).access;
    let company = app.create_exhibitor(&admin, "pav-a", json!({"name": {"en": "West Lake Films"}})).await;
    let other_company = app.create_exhibitor(&admin, "pav-a", json!({"name": {"en": "Jade River"}})).await;
    app.exhibitor_member(&admin, "pav-a", &company, "exhibitor@pav-a.example").await;
    Market { admin, company, other_company }
}

async fn signed_in<'a>(app: &'a TestApp, slug: &str, email: &str) -> WebClient<'a> {
    let mut web = app.web();
    let page = format!("/en/pavilions/{slug}/sign-in");
    web.submit(&page, &page, &[("email", email), ("password", PASSWORD)]).await.expect(303);
    web
}

fn home(company: &str) -> String {
    format!("/en/workspace/pavilions/pav-a/companies/{company}")
}

/// Reads the profile editor and posts it with `set` changed, as the browser would.
async fn save_profile(web: &mut WebClient<'_>, company: &str, set: &[(&str, &str)]) -> pavilion_tests::Reply {
    let editor = format!("{}/profile", home(company));
    let page = web.get(&editor).await.expect(200);
    let fields = with_fields(form_fields(&page.text, &editor), set, &[]);
    web.post_fields(&editor, &fields).await
}

#[tokio::test]
async fn an_exhibitor_fills_the_profile_and_submits_it_and_the_admin_asks_for_changes_then_approves() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let company = &market.company;
    let mut exhibitor = signed_in(&app, "pav-a", "exhibitor@pav-a.example").await;

    // The workspace leads to the company; its home says what is missing and where to fix it.
    let workspace = exhibitor.get("/en/workspace").await.expect(200);
    assert!(workspace.text.contains(&format!(r#"href="{}""#, home(company))), "{}", workspace.text);
    let overview = exhibitor.get(&home(company)).await.expect(200);
    assert_eq!(overview.header("cache-control"), Some("private, no-store"));
    assert!(overview.text.contains("Draft") && overview.text.contains("Not submitted yet"));
    let description_link =
        format!(r#"<a href="{}/profile#description.en">Description in all three languages</a>"#, home(company));
    assert!(overview.text.contains(&description_link), "{}", overview.text);
    assert!(overview.text.contains(&format!(r#"href="{}/works">At least one work</a>"#, home(company))));

    // The profile in Chinese and English, with a public contact.
    let saved = save_profile(
        &mut exhibitor,
        company,
        &[
            ("name.zh-Hans", "西湖影业"),
            ("description.en", "Documentaries from Hangzhou."),
            ("description.zh-Hans", "来自杭州的纪录片。"),
            ("company_type", "production"),
            ("website", "https://westlake.example"),
            ("city.en", "Hangzhou"),
            ("languages.zh", "on"),
            ("languages.other", "nl"),
            ("contacts.0.name", "Li Na"),
            ("contacts.0.email", "li.na@westlake.example"),
            ("contacts.0.public", "on"),
        ],
    )
    .await
    .expect(303);
    let editor = format!("{}/profile", home(company));
    assert_eq!(saved.header("location"), Some(&*format!("{editor}?done=saved")));
    let stored =
        app.get(&format!("/api/v1/pavilions/pav-a/exhibitors/{company}"), Some(&market.admin)).await.expect(200);
    let profile = &stored.body;
    assert_eq!(profile["name"], json!({"en": "West Lake Films", "zh-Hans": "西湖影业"}));
    assert_eq!(profile["languages"], json!(["zh", "nl"]));
    assert_eq!(profile["contacts"][0]["public"], true);
    let shown = exhibitor.get(&format!("{editor}?done=saved")).await.expect(200);
    assert!(shown.text.contains("Saved. Submit for review when the profile is ready."));

    // "Fill from Simplified": a suggestion in the form, with Taiwan's or Hong Kong's usage;
    // nothing saved until the person saves.
    let page = exhibitor.get(&editor).await.expect(200);
    let fields =
        with_fields(form_fields(&page.text, &editor), &[("fill", "description.zh-Hant"), ("phrasing", "hk")], &[]);
    let suggested = exhibitor.post_fields(&editor, &fields).await.expect(200);
    assert!(suggested.text.contains("來自杭州的紀錄片。"), "{}", suggested.text);
    assert!(suggested.text.contains("Converted from the other script"));
    let stored =
        app.get(&format!("/api/v1/pavilions/pav-a/exhibitors/{company}"), Some(&market.admin)).await.expect(200);
    assert!(stored.body["description"].get("zh-Hant").is_none());
    let nothing = with_fields(form_fields(&page.text, &editor), &[("fill", "name.zh-Hant")], &["name.zh-Hans"]);
    let refused = exhibitor.post_fields(&editor, &nothing).await.expect(422);
    assert!(refused.text.contains("Write the Simplified Chinese text first"));

    // A refused field is explained beside it, with what was typed kept.
    let refused = save_profile(&mut exhibitor, company, &[("website", "not a web address"), ("booth", "1B-C12")]).await;
    let refused = refused.expect(422);
    assert!(refused.text.contains("Some fields need attention"));
    assert!(refused.text.contains(r#"id="website-error""#) && refused.text.contains(r#"value="not a web address""#));
    assert!(refused.text.contains(r#"value="1B-C12""#));

    // Submit: what will be reviewed, then the admins' review.
    let overview = exhibitor.get(&home(company)).await.expect(200);
    assert!(overview.text.contains("The pavilion will review the profile and its 0 works."));
    let submitted = exhibitor.submit(&home(company), &format!("{}/submit", home(company)), &[]).await.expect(303);
    assert_eq!(submitted.header("location"), Some(&*format!("{}?done=submitted", home(company))));
    let mut admin = signed_in(&app, "pav-a", "admin@pav-a.example").await;
    let review = admin.get(&home(company)).await.expect(200);
    assert!(review.text.contains("Submitted: it waits for your review below."), "{}", review.text);
    let asked = admin.submit(&home(company), &format!("{}/request-changes", home(company)), &[("comment", " ")]).await;
    assert!(asked.expect(422).text.contains("Say what should change."));
    let comment = "Please add a logo and a public contact.";
    admin
        .submit(&home(company), &format!("{}/request-changes", home(company)), &[("comment", comment)])
        .await
        .expect(303);
    let overview = exhibitor.get(&home(company)).await.expect(200);
    assert!(overview.text.contains("Changes requested") && overview.text.contains(comment));

    // The email's link leads to the company's page, through the pavilion's sign-in.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mail = loop {
        let found = app.smtp.received().into_iter().find(|m| m.body("text/plain").contains(comment));
        if let Some(found) = found {
            break found;
        }
        assert!(std::time::Instant::now() < deadline, "the comment's email did not arrive");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let link =
        format!("{}/workspace/pavilions/pav-a/companies/{company}", app.settings.public_url.trim_end_matches('/'));
    assert!(mail.body("text/plain").contains(&link), "{}", mail.body("text/plain"));
    let mut reader = app.web();
    let to_language = reader.get(&format!("/workspace/pavilions/pav-a/companies/{company}")).await.expect(303);
    assert_eq!(to_language.header("location"), Some(&*home(company)));
    let to_sign_in = reader.get(&home(company)).await.expect(303);
    let next =
        format!("/en/pavilions/pav-a/sign-in?next=%2Fen%2Fworkspace%2Fpavilions%2Fpav-a%2Fcompanies%2F{company}");
    assert_eq!(to_sign_in.header("location"), Some(&*next));
    let form = reader.get(&next).await.expect(200);
    let fields = with_fields(
        form_fields(&form.text, "/en/pavilions/pav-a/sign-in"),
        &[("email", "exhibitor@pav-a.example"), ("password", PASSWORD)],
        &[],
    );
    let signed = reader.post_fields("/en/pavilions/pav-a/sign-in", &fields).await.expect(303);
    assert_eq!(signed.header("location"), Some(&*home(company)));
    // Only a workspace page of this site is a place to come back to.
    for elsewhere in ["https://evil.example/en/workspace", "//evil.example/en/workspace", "/en/directory"] {
        let mut other = app.web();
        let page = "/en/pavilions/pav-a/sign-in";
        let fields = [("email", "exhibitor@pav-a.example"), ("password", PASSWORD), ("next", elsewhere)];
        let signed = other.submit(page, page, &fields).await.expect(303);
        assert_eq!(signed.header("location"), Some("/en/workspace"), "{elsewhere}");
    }

    // Resubmitted; an approval of the version read before the resubmission is refused.
    exhibitor.submit(&home(company), &format!("{}/submit", home(company)), &[]).await.expect(303);
    let approve = format!("{}/approve", home(company));
    let fresh = admin.get(&home(company)).await.expect(200);
    let fields = form_fields(&fresh.text, &approve);
    let version: i64 = fields.iter().find(|(name, _)| name == "version").unwrap().1.parse().unwrap();
    let stale_fields = with_fields(fields.clone(), &[("version", &(version - 1).to_string())], &[]);
    let refused = admin.post_fields(&approve, &stale_fields).await.expect(412);
    assert!(refused.text.contains("The company changed its profile after you opened this page."));
    let approved = admin.post_fields(&approve, &fields).await.expect(303);
    assert_eq!(approved.header("location"), Some(&*format!("{}?done=approved", home(company))));

    // The public page shows the new profile, the public contact, and not the private address.
    let public = app.web().get(&format!("/zh-hans/pavilions/pav-a/exhibitors/{company}")).await.expect(200);
    assert!(public.text.contains("西湖影业") && public.text.contains("来自杭州的纪录片。"));
    assert!(public.text.contains("li.na@westlake.example"));

    // The next review shows each field changed since that publication, before and after.
    save_profile(&mut exhibitor, company, &[("city.en", "Hangzhou, Zhejiang")]).await.expect(303);
    exhibitor.submit(&home(company), &format!("{}/submit", home(company)), &[]).await.expect(303);
    let review = admin.get(&home(company)).await.expect(200);
    assert!(review.text.contains("Changed since the last publication"), "{}", review.text);
    assert!(review.text.contains(r#"<th scope="row">City</th>"#));
    assert!(review.text.contains(r#"class="before">English: Hangzhou</td>"#));
    assert!(review.text.contains(r#"class="after">English: Hangzhou, Zhejiang</td>"#));
    assert!(!review.text.contains(r#"<th scope="row">Website</th>"#));
}

#[tokio::test]
async fn a_stale_save_shows_what_someone_else_changed_and_loses_nothing() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let company = &market.company;
    let editor = format!("{}/profile", home(company));
    let mut first = signed_in(&app, "pav-a", "exhibitor@pav-a.example").await;
    let mut second = signed_in(&app, "pav-a", "exhibitor@pav-a.example").await;
    let first_page = first.get(&editor).await.expect(200);
    let second_page = second.get(&editor).await.expect(200);

    // The first saves the description and the city.
    let fields = with_fields(
        form_fields(&first_page.text, &editor),
        &[("description.en", "Documentaries."), ("city.en", "Hangzhou")],
        &[],
    );
    first.post_fields(&editor, &fields).await.expect(303);

    // The second, from the page read before, changes the website and the city: nothing is saved;
    // the first's description is taken into the form, the city shown with both values.
    let fields = with_fields(
        form_fields(&second_page.text, &editor),
        &[("website", "https://westlake.example"), ("city.en", "Hang-zhou")],
        &[],
    );
    let conflict = second.post_fields(&editor, &fields).await.expect(412);
    assert!(conflict.text.contains("Someone else saved this profile while you were editing"), "{}", conflict.text);
    assert!(
        conflict.text.contains("Saved meanwhile by someone else: <q lang=\"en\">Hangzhou</q>"),
        "{}",
        conflict.text
    );
    assert!(
        conflict.text.contains(r#"value="Hang-zhou""#) && conflict.text.contains(r#"value="https://westlake.example""#)
    );
    assert!(conflict.text.contains(">Documentaries.</textarea>"));
    let stored =
        app.get(&format!("/api/v1/pavilions/pav-a/exhibitors/{company}"), Some(&market.admin)).await.expect(200);
    assert_eq!(stored.body["city"], json!({"en": "Hangzhou"}));
    assert!(stored.body.get("website").is_none_or(serde_json::Value::is_null));

    // Saving the merged form again applies the second's edits on top of the first's.
    let merged = form_fields(&conflict.text, &editor);
    second.post_fields(&editor, &merged).await.expect(303);
    let stored =
        app.get(&format!("/api/v1/pavilions/pav-a/exhibitors/{company}"), Some(&market.admin)).await.expect(200);
    let profile = &stored.body;
    assert_eq!(profile["description"], json!({"en": "Documentaries."}));
    assert_eq!(profile["city"], json!({"en": "Hang-zhou"}));
    assert_eq!(profile["website"], "https://westlake.example");
}

#[tokio::test]
async fn works_with_rights_by_territory_and_medium_are_added_edited_and_deleted() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let company = &market.company;
    let mut exhibitor = signed_in(&app, "pav-a", "exhibitor@pav-a.example").await;
    let works = format!("{}/works", home(company));
    let list = exhibitor.get(&works).await.expect(200);
    assert!(list.text.contains("No works yet."));
    let new = format!("{works}/new");
    let page = exhibitor.get(&new).await.expect(200);
    // Territories are chosen by name from a list of the regions and every country.
    assert!(page.text.contains(r#"<option value="Greater China (GREATER_CHINA)">"#), "{}", page.text);
    assert!(page.text.contains(r#"<option value="France (FR)""#));
    let fields = with_fields(
        form_fields(&page.text, &new),
        &[
            ("title.en", "River Town"),
            ("title.zh-Hans", "江城"),
            ("kind", "series"),
            ("production_status", "completed"),
            ("genres.drama", "on"),
            ("episodes", "24"),
            ("directors", "Wang Wei\nChen Jing"),
            ("rights.0.territory", "France (FR)"),
            ("rights.0.media.svod", "on"),
            ("rights.0.media.free_tv", "on"),
            ("rights.1.territory", "Greater China"),
            ("rights.1.media.theatrical", "on"),
        ],
        &[],
    );
    let created = exhibitor.post_fields(&new, &fields).await.expect(303);
    let location = created.header("location").unwrap().to_owned();
    assert!(location.starts_with(&format!("{works}/")) && location.ends_with("?done=created"), "{location}");
    let work_id = location.trim_start_matches(&format!("{works}/")).trim_end_matches("?done=created").to_owned();
    let api = format!("/api/v1/pavilions/pav-a/exhibitors/{company}/works/{work_id}");
    let stored = app.get(&api, Some(&market.admin)).await.expect(200).body;
    assert_eq!(
        stored["rights"],
        json!([{"territory": "FR", "media": ["free_tv", "svod"]}, {"territory": "GREATER_CHINA", "media": ["theatrical"]}])
    );
    assert_eq!(stored["directors"], json!(["Wang Wei", "Chen Jing"]));
    assert_eq!(stored["episodes"], 24);

    // The editor shows the rights by name; an unknown territory or a number that is none is
    // refused beside its field, in the page's language.
    let edit = format!("{works}/{work_id}");
    let page = exhibitor.get(&edit).await.expect(200);
    assert!(
        page.text.contains(r#"value="France (FR)""#) && page.text.contains(r#"value="Greater China (GREATER_CHINA)""#)
    );
    let fields = with_fields(
        form_fields(&page.text, &edit),
        &[("rights.2.territory", "Atlantis"), ("rights.2.media.svod", "on"), ("year", "soon")],
        &[],
    );
    let refused = exhibitor.post_fields(&edit, &fields).await.expect(422);
    assert!(refused.text.contains(r#"id="rights.2.territory-error""#), "{}", refused.text);
    assert!(refused.text.contains(r#"id="year-error""#) && refused.text.contains(r#"value="soon""#));

    // Removing a territory is emptying its row.
    let fields = with_fields(form_fields(&page.text, &edit), &[("rights.0.territory", "")], &[]);
    exhibitor.post_fields(&edit, &fields).await.expect(303);
    let stored = app.get(&api, Some(&market.admin)).await.expect(200).body;
    assert_eq!(stored["rights"], json!([{"territory": "GREATER_CHINA", "media": ["theatrical"]}]));

    // The list, then delete (guarded by the version it showed).
    let list = exhibitor.get(&works).await.expect(200);
    assert!(list.text.contains("River Town") && list.text.contains("1 territory"));
    let delete = format!("{works}/{work_id}/delete");
    let fields = form_fields(&list.text, &delete);
    let stale = with_fields(fields.clone(), &[("version", "1")], &[]);
    exhibitor.post_fields(&delete, &stale).await.expect(412);
    let deleted = exhibitor.post_fields(&delete, &fields).await.expect(303);
    assert_eq!(deleted.header("location"), Some(&*format!("{works}?done=deleted")));
    app.get(&api, Some(&market.admin)).await.expect(404);
}

#[tokio::test]
async fn a_logo_is_uploaded_from_the_form_and_a_wrong_file_is_refused_in_words() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let company = &market.company;
    let mut exhibitor = signed_in(&app, "pav-a", "exhibitor@pav-a.example").await;
    let editor = format!("{}/profile", home(company));
    let page = exhibitor.get(&editor).await.expect(200);
    let token = pavilion_tests::web::form_token(&page.text);
    let logo = format!("{}/logo", home(company));

    let uploaded = exhibitor.post_multipart(&logo, &token, "logo", "logo.png", images::png(64, 64)).await.expect(303);
    assert_eq!(uploaded.header("location"), Some(&*format!("{editor}?done=logo#logo")));
    let shown = exhibitor.get(&editor).await.expect(200);
    assert!(shown.text.contains(&format!(r#"<img class="logo large" src="{logo}""#)));
    let image = exhibitor.get(&logo).await.expect(200);
    assert_eq!(image.header("content-type"), Some("image/png"));

    let refused = exhibitor.post_multipart(&logo, &token, "logo", "notes.png", b"not an image".to_vec()).await;
    assert!(refused.expect(415).text.contains("Choose a PNG, JPEG or WebP image."));
    // Without the form's token, nothing is read or stored.
    exhibitor.post_multipart(&logo, "forged", "logo", "logo.png", images::png(8, 8)).await.expect(403);

    exhibitor.submit(&editor, &format!("{logo}/remove"), &[]).await.expect(303);
    let stored =
        app.get(&format!("/api/v1/pavilions/pav-a/exhibitors/{company}"), Some(&market.admin)).await.expect(200);
    assert!(stored.body["logo_url"].is_null());
}

#[tokio::test]
async fn after_the_deadline_the_forms_are_read_only_and_say_who_can_unlock() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let company = &market.company;
    let past = "2020-01-01T00:00:00Z";
    let settings = json!({"profile_deadline": past, "contact_email": "office@pav-a.example"});
    app.patch("/api/v1/pavilions/pav-a", Some(&market.admin), settings).await.expect(200);
    let mut exhibitor = signed_in(&app, "pav-a", "exhibitor@pav-a.example").await;
    let editor = format!("{}/profile", home(company));
    let page = exhibitor.get(&editor).await.expect(423);
    assert!(page.text.contains("The deadline for profiles has passed"), "{}", page.text);
    assert!(page.text.contains("write to office@pav-a.example"));
    assert!(
        page.text.contains(r#"id="name.en" name="name.en" type="text" lang="en" value="West Lake Films" disabled"#)
    );
    let token = pavilion_tests::web::form_token(&page.text);
    let posted =
        exhibitor.post_form(&editor, &[("csrf_token", &token), ("name.en", "Renamed"), ("version", "1")]).await;
    assert!(posted.expect(423).text.contains("The deadline for profiles has passed"));
    exhibitor.get(&format!("{}/works/new", home(company))).await.expect(423);

    // The admin unlocks; the company edits again.
    let mut admin = signed_in(&app, "pav-a", "admin@pav-a.example").await;
    let overview = admin.get(&home(company)).await.expect(200);
    assert!(overview.text.contains("Unlock for the company"));
    admin.submit(&home(company), &format!("{}/unlock", home(company)), &[]).await.expect(303);
    save_profile(&mut exhibitor, company, &[("booth", "1B-C12")]).await.expect(303);
}

#[tokio::test]
async fn only_the_company_and_its_pavilion_reach_its_workspace() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let mut exhibitor = signed_in(&app, "pav-a", "exhibitor@pav-a.example").await;
    // Another company of the same pavilion: not found while unpublished, forbidden once public.
    let other = home(&market.other_company);
    exhibitor.get(&other).await.expect(404);
    exhibitor.get(&format!("{other}/profile")).await.expect(404);
    let company_path = format!("/api/v1/pavilions/pav-a/exhibitors/{}", market.other_company);
    app.post(&format!("{company_path}/submit"), Some(&market.admin), json!({})).await.expect(200);
    app.post(&format!("{company_path}/approve"), Some(&market.admin), json!({})).await.expect(200);
    let refused = exhibitor.get(&other).await.expect(403);
    assert!(refused.text.contains("Not your company"));
    let token = pavilion_tests::web::form_token(&exhibitor.get(&home(&market.company)).await.text);
    let fields = [("csrf_token", token.as_str()), ("name.en", "Taken over"), ("version", "3")];
    exhibitor.post_form(&format!("{other}/profile"), &fields).await.expect(403);

    // Another pavilion's admin finds nothing, and changes nothing.
    let mut stranger = signed_in(&app, "pav-b", "admin@pav-b.example").await;
    stranger.get(&home(&market.company)).await.expect(404);
    stranger.get(&format!("{}/works", home(&market.company))).await.expect(404);
    let token = pavilion_tests::web::form_token(&stranger.get("/en/workspace/account").await.text);
    stranger.post_form(&format!("{}/submit", home(&market.company)), &[("csrf_token", &token)]).await.expect(404);
    let stored = app.get(&format!("/api/v1/pavilions/pav-a/exhibitors/{}", market.company), Some(&market.admin)).await;
    assert_eq!(stored.expect(200).body["review"]["status"], "draft");
}

#[tokio::test]
async fn the_admin_adds_a_company_with_its_contact_and_finds_what_waits_for_review_first() {
    let app = spawn_app().await;
    let market = market(&app).await;
    let mut admin = signed_in(&app, "pav-a", "admin@pav-a.example").await;
    let list = "/en/workspace/pavilions/pav-a/companies";
    let workspace = admin.get("/en/workspace").await.expect(200);
    assert!(workspace.text.contains(&format!(r#"href="{list}""#)));

    // "Needs my review" comes first, and is empty.
    let page = admin.get(list).await.expect(200);
    assert!(page.text.contains(r#"aria-current="page">Needs my review</a>"#), "{}", page.text);
    assert!(page.text.contains("No company is waiting for review."));

    // A company with its contact, invited by email in the language chosen.
    let refused = admin
        .submit(list, list, &[("name.en", ""), ("contact_email", "not-an-address"), ("contact_locale", "zh-Hans")])
        .await
        .expect(422);
    assert!(refused.text.contains(r#"id="name-error""#) && refused.text.contains(r#"id="contact_email-error""#));
    assert!(refused.text.contains(r#"value="not-an-address""#));
    let added = admin
        .submit(
            list,
            list,
            &[
                ("name.en", "Silk Road Pictures"),
                ("name.zh-Hans", "丝路影业"),
                ("contact_email", "li@silkroad.example"),
                ("contact_locale", "zh-Hans"),
            ],
        )
        .await
        .expect(303);
    let location = added.header("location").unwrap().to_owned();
    assert!(location.starts_with(&format!("{list}/")) && location.ends_with("?done=created"), "{location}");
    let shown = admin.get(&location).await.expect(200);
    assert!(shown.text.contains("The company is added; its contact has been invited by email."));
    let invitations = app.get("/api/v1/pavilions/pav-a/invitations", Some(&market.admin)).await.expect(200).body;
    let invited = invitations["items"].as_array().unwrap().iter().find(|i| i["email"] == "li@silkroad.example");
    assert_eq!(invited.expect("invited")["locale"], "zh-Hans");
    let taken = admin
        .submit(
            list,
            list,
            &[("name.en", "Another"), ("contact_email", "exhibitor@pav-a.example"), ("contact_locale", "en")],
        )
        .await
        .expect(409);
    assert!(taken.text.contains("This address already has an account in this pavilion."));

    // Every company, filtered by state and completeness.
    let all = admin.get(&format!("{list}?view=all")).await.expect(200);
    for name in ["West Lake Films", "Jade River", "Silk Road Pictures"] {
        assert!(all.text.contains(name), "{name}");
    }
    let complete = admin.get(&format!("{list}?view=all&completeness=complete")).await.expect(200);
    assert!(complete.text.contains("No company matches these filters."));

    // Once West Lake submits, it waits first.
    let mut exhibitor = signed_in(&app, "pav-a", "exhibitor@pav-a.example").await;
    exhibitor.submit(&home(&market.company), &format!("{}/submit", home(&market.company)), &[]).await.expect(303);
    let waiting = admin.get(list).await.expect(200);
    assert!(waiting.text.contains("Needs my review (1)") && waiting.text.contains("West Lake Films"));
    assert!(!waiting.text.contains("Jade River"));
    let submitted = admin.get(&format!("{list}?view=all&status=submitted")).await.expect(200);
    assert!(submitted.text.contains("West Lake Films") && !submitted.text.contains("Silk Road Pictures"));

    // Another pavilion's admin finds no such list, and adds nothing to it.
    let mut stranger = signed_in(&app, "pav-b", "admin@pav-b.example").await;
    stranger.get(list).await.expect(404);
    let token = pavilion_tests::web::form_token(&stranger.get("/en/workspace/account").await.text);
    stranger
        .post_form(list, &[("csrf_token", &token), ("name.en", "Intruder"), ("contact_locale", "en")])
        .await
        .expect(404);
    exhibitor.get(list).await.expect(404);
}
