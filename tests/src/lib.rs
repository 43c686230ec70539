//! The black-box test harness: a real `pavilion` server on a free port, a fresh database per
//! test (SQLite by default, PostgreSQL when `TEST_DATABASE_URL` names a server), and one helper
//! per endpoint.

// Test support: a failed set-up step should stop the test loudly, so panicking is the point.
#![allow(clippy::expect_used, clippy::unwrap_used)]

pub mod balancer;
pub mod chrome;
pub mod moto;
pub mod passkey;
pub mod process;
pub mod proxy;
pub mod smtp;
pub mod web;

use diesel::{Connection, PgConnection, RunQueryDsl};
use pavilion_api::Application;
use pavilion_core::clock::ManualClock;
use pavilion_core::config::Settings;
use reqwest::{Method, Response, StatusCode};
use secrecy::SecretString;
use serde_json::{Value, json};
use std::sync::{Arc, Once};

/// A password that passes the policy, used for every seeded account.
pub const PASSWORD: &str = "violet kettle marches sideways";

/// Where the test's data lives; removed when the test ends.
pub struct TestDb {
    pub url: String,
    pub data_dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// A fresh, empty database: a new SQLite file, or a new PostgreSQL database.
    pub fn fresh() -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        match std::env::var("TEST_DATABASE_URL").ok().filter(|url| !url.is_empty()) {
            None => {
                let url = format!("sqlite://{}", data_dir.path().join("pavilion.db").display());
                Self { url, data_dir, postgres: None }
            }
            Some(admin_url) => {
                let name = format!("pavilion_test_{}", uuid::Uuid::now_v7().simple());
                // Before libpq's first connection in this process (see the function's comment).
                pavilion_core::db::prepare_postgres_client();
                let mut admin = PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("TEST_DATABASE_URL is set but PostgreSQL is unreachable: {e}"));
                diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin).expect("create test database");
                let url = database_url_with_name(&admin_url, &name);
                Self { url, data_dir, postgres: Some((admin_url, name)) }
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }
}

/// The admin URL with its database name replaced.
pub fn database_url_with_name(admin_url: &str, name: &str) -> String {
    let mut url = url_parse(admin_url);
    url.set_path(&format!("/{name}"));
    url.to_string()
}

fn url_parse(raw: &str) -> reqwest::Url {
    reqwest::Url::parse(raw).expect("TEST_DATABASE_URL is a URL")
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = &self.postgres
            && let Ok(mut admin) = PgConnection::establish(admin_url)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin);
        }
    }
}

/// Settings for a test server: loopback, port 0, one worker, the given database.
pub fn test_settings(db: &TestDb) -> Settings {
    Settings {
        mail_poll_ms: 50,
        mail_retry_base_ms: 60_000,
        database_url: Some(SecretString::from(db.url.clone())),
        data_dir: db.data_dir.path().to_path_buf(),
        bind: "127.0.0.1:0".into(),
        jwt_secret: Some(SecretString::from("test-signing-key-test-signing-key-0123")),
        db_pool_size: 4,
        db_startup_timeout_secs: 5,
        http_workers: Some(1),
        // Reminders only where a test asks for them: another test's deadline must not mail.
        reminder_interval_ms: 0,
        // Organisers sign in with a password alone, except in the tests of that rule.
        require_second_factor: false,
        ..Settings::default()
    }
}

static LOGS: Once = Once::new();

/// Logs only when `TEST_LOG` is set.
pub fn init_logs() {
    LOGS.call_once(|| {
        if std::env::var_os("TEST_LOG").is_some() {
            pavilion_api::telemetry::init("info");
        }
    });
}

pub struct TestApp {
    pub address: String,
    /// The SMTP server this app delivers to, unless the test configured another.
    pub smtp: smtp::SmtpSink,
    pub client: reqwest::Client,
    pub clock: ManualClock,
    pub settings: Settings,
    handle: actix_web::dev::ServerHandle,
    // Dropped last: the server must stop before its database goes.
    pub db: TestDb,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // `stop` sends its command at once; the returned future only reports completion.
        drop(self.handle.stop(false));
    }
}

/// Another server process's worth of Pavilion on the same database, clock and settings: a
/// replica, as several would run behind a load balancer. Stopped when dropped.
pub struct Replica {
    pub address: String,
    handle: actix_web::dev::ServerHandle,
}

impl Drop for Replica {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

impl TestApp {
    /// Starts a replica of this app.
    pub async fn replica(&self) -> Replica {
        self.replica_with(self.settings.clone()).await
    }

    /// Starts a replica of this app with other settings (on the same database and clock).
    pub async fn replica_with(&self, settings: Settings) -> Replica {
        let server = Application::build(settings, Arc::new(self.clock.clone())).await.expect("a replica builds");
        let address = format!("http://127.0.0.1:{}", server.port());
        let handle = server.handle();
        tokio::spawn(server.run_until_stopped());
        Replica { address, handle }
    }
}

pub async fn spawn_app() -> TestApp {
    let db = TestDb::fresh();
    let settings = test_settings(&db);
    spawn_app_with(db, settings).await
}

/// Starts the app at an address known in advance, which is also its public address: a real
/// browser's `Origin` then matches the site, and the links in its emails lead to it.
pub async fn spawn_app_at_public_address() -> TestApp {
    spawn_app_at_public_host("127.0.0.1").await
}

/// As [`spawn_app_at_public_address`], its public URL naming the site by `host` (`localhost`:
/// passkeys need a domain, which an IP address is not).
pub async fn spawn_app_at_public_host(host: &str) -> TestApp {
    let db = TestDb::fresh();
    let mut settings = test_settings(&db);
    // The listener is the app's: its port is known before the app starts, and never let go of.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("address").port();
    settings.bind = format!("127.0.0.1:{port}");
    settings.public_url = format!("http://{host}:{port}");
    spawn(db, settings, Some(listener)).await
}

/// Starts the app with these settings; mail goes to a fresh SMTP sink unless `smtp_url` is set.
pub async fn spawn_app_with(db: TestDb, settings: Settings) -> TestApp {
    spawn(db, settings, None).await
}

async fn spawn(db: TestDb, mut settings: Settings, listener: Option<std::net::TcpListener>) -> TestApp {
    init_logs();
    let smtp = smtp::SmtpSink::start();
    if settings.smtp_url.is_none() {
        settings.smtp_url = Some(SecretString::from(smtp.url()));
    }
    let clock = ManualClock::default();
    let app = match listener {
        Some(listener) => Application::build_on(settings.clone(), Arc::new(clock.clone()), listener).await,
        None => Application::build(settings.clone(), Arc::new(clock.clone())).await,
    }
    .expect("server builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    TestApp { address, smtp, client, clock, settings, handle, db }
}

/// A response already read: status, headers and JSON body (or `Null`).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Reply {
    pub async fn read(response: Response) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Self { status, headers, body, text }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(self.status.as_u16(), status, "unexpected status; body: {}", self.text);
        self
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn request(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Reply {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        Reply::read(request.send().await.expect("request sent")).await
    }

    /// A download: the status, the headers and the body's bytes as sent (a CSV's byte-order
    /// mark included).
    pub async fn download(&self, path: &str, token: Option<&str>) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        let (status, headers) = (response.status(), response.headers().clone());
        (status, headers, response.bytes().await.expect("body").to_vec())
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.request(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.request(Method::POST, path, token, Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.request(Method::PATCH, path, token, Some(body)).await
    }

    /// A request carrying `If-Match`.
    pub async fn request_if_match(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        if_match: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.client.request(method, self.url(path)).header("if-match", if_match);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        Reply::read(request.send().await.expect("request sent")).await
    }

    /// Uploads a raw body (an image) with PUT.
    pub async fn put_raw(&self, path: &str, token: Option<&str>, content_type: &str, body: Vec<u8>) -> Reply {
        let mut request = self.client.put(self.url(path)).header("content-type", content_type).body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Reply::read(request.send().await.expect("request sent")).await
    }

    /// Downloads raw bytes: status, content type and body.
    pub async fn get_bytes(&self, path: &str, token: Option<&str>) -> (u16, Option<String>, Vec<u8>) {
        let (status, headers, body) = self.download(path, token).await;
        let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
        (status.as_u16(), content_type, body)
    }

    /// Sends a raw body with a content type, for malformed-input tests.
    pub async fn post_raw(&self, path: &str, token: Option<&str>, content_type: &str, body: Vec<u8>) -> Reply {
        let mut request = self.client.post(self.url(path)).header("content-type", content_type).body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Reply::read(request.send().await.expect("request sent")).await
    }

    /// Bootstraps an organiser exactly as `pavilion create-organiser` does.
    pub async fn create_organiser(&self, email: &str) {
        pavilion_api::cli::create_organiser(&self.settings, email, "Market Organiser", PASSWORD.to_owned())
            .await
            .expect("organiser created");
    }

    pub async fn login_organiser(&self, email: &str, password: &str) -> Reply {
        self.post("/api/v1/auth/login", None, json!({"email": email, "password": password})).await
    }

    /// A fresh organiser account, logged in: returns its access and refresh tokens.
    pub async fn organiser(&self) -> Tokens {
        let email = format!("organiser-{}@fair.example", uuid::Uuid::now_v7().simple());
        self.create_organiser(&email).await;
        Tokens::from(&self.login_organiser(&email, PASSWORD).await.expect(200).body)
    }

    /// Creates a pavilion as the organiser; `status` is `draft` or `active`.
    pub async fn create_pavilion(&self, organiser: &str, slug: &str, status: &str) -> Value {
        self.post(
            "/api/v1/pavilions",
            Some(organiser),
            json!({
                "slug": slug,
                "name": {"en": format!("{slug} Pavilion"), "zh-Hans": format!("{slug}馆")},
                "region": {"en": slug},
                "status": status,
            }),
        )
        .await
        .expect(201)
        .body
    }
}

impl TestApp {
    /// Direct access to this test's database, to call core use cases and storage.
    pub fn database(&self) -> pavilion_core::db::Database {
        let url = pavilion_core::config::DatabaseUrl::parse(&self.db.url).expect("test database URL");
        pavilion_core::db::Database::new(&url, 4, std::time::Duration::from_secs(5))
    }

    /// The principal behind an access token, as the server's extractor makes it: the caller of
    /// use cases called without HTTP.
    pub fn principal(&self, access: &str) -> pavilion_core::policy::Principal {
        use pavilion_core::services::accounts::{self, Authenticator};
        let signing_key = pavilion_core::auth::load_signing_key(&self.settings).expect("signing key");
        let authenticator = Authenticator::new(&signing_key, &self.settings);
        let now = pavilion_core::clock::Clock::now(&self.clock);
        self.database().run(|conn| accounts::authenticate(conn, &authenticator, now, access)).expect("a live session")
    }

    /// Polls the organiser's delivery log until message `id` reaches `status` (10 s at most).
    pub async fn wait_for_status(&self, token: &str, id: &str, status: &str) -> Value {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let log = self.get("/api/v1/emails?limit=100", Some(token)).await.expect(200).body;
            let entry = log["items"].as_array().unwrap().iter().find(|e| e["id"] == id).cloned();
            if let Some(entry) = entry.filter(|e| e["status"] == status) {
                return entry;
            }
            assert!(std::time::Instant::now() < deadline, "message {id} never became {status}: {log}");
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }
}

impl TestApp {
    /// Polls the organiser's delivery log until message `id` has had `attempts` attempts.
    pub async fn wait_for_attempts(&self, token: &str, id: &str, attempts: i64) -> Value {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let log = self.get("/api/v1/emails?limit=100", Some(token)).await.expect(200).body;
            let entry = log["items"].as_array().unwrap().iter().find(|e| e["id"] == id).cloned();
            if let Some(entry) = entry.filter(|e| e["attempts"].as_i64() >= Some(attempts) && e["status"] != "sending")
            {
                return entry;
            }
            assert!(std::time::Instant::now() < deadline, "message {id} never reached {attempts} attempts: {log}");
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
    }
}

impl TestApp {
    /// Invites `email` into the pavilion as `role` and returns the token from the link in the
    /// invitation email that arrives.
    pub async fn invite(&self, inviter: &str, slug: &str, email: &str, role: &str) -> String {
        self.invite_with(inviter, slug, json!({"email": email, "role": role})).await
    }

    /// Sends an invitation with this body and returns the token of the link it mails.
    pub async fn invite_with(&self, inviter: &str, slug: &str, body: Value) -> String {
        let email = body["email"].as_str().expect("email").to_owned();
        let before = self.smtp.received().len();
        self.post(&format!("/api/v1/pavilions/{slug}/invitations"), Some(inviter), body).await.expect(201);
        let message = self.smtp.wait_for_recipient(&email, before).await;
        link_token(&message.body("text/plain"), "/invite/")
    }

    /// Creates a company in a pavilion and returns its id.
    pub async fn create_exhibitor(&self, admin: &str, slug: &str, profile: Value) -> String {
        let reply = self.post(&format!("/api/v1/pavilions/{slug}/exhibitors"), Some(admin), profile).await.expect(201);
        reply.body["id"].as_str().expect("id").to_owned()
    }

    /// Invites and accepts: a logged-in account of one company.
    pub async fn exhibitor_member(&self, inviter: &str, slug: &str, exhibitor_id: &str, email: &str) -> Tokens {
        let body = json!({"email": email, "role": "exhibitor", "exhibitor_id": exhibitor_id});
        let token = self.invite_with(inviter, slug, body).await;
        let reply = self
            .post("/api/v1/invitations/accept", None, json!({"token": token, "name": "Zhou Min", "password": PASSWORD}))
            .await
            .expect(200);
        Tokens::from(&reply.body)
    }

    /// Invites and accepts: a logged-in pavilion account.
    pub async fn member(&self, inviter: &str, slug: &str, email: &str, role: &str) -> Tokens {
        let token = self.invite(inviter, slug, email, role).await;
        let reply = self
            .post("/api/v1/invitations/accept", None, json!({"token": token, "name": "Lin Wei", "password": PASSWORD}))
            .await
            .expect(200);
        Tokens::from(&reply.body)
    }
}

/// The token after `marker` in a link inside an email body.
pub fn link_token(body: &str, marker: &str) -> String {
    let start = body.find(marker).unwrap_or_else(|| panic!("no {marker} link in: {body}")) + marker.len();
    body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

impl From<&Value> for Tokens {
    fn from(pair: &Value) -> Self {
        Self {
            access: pair["access_token"].as_str().expect("access_token").to_owned(),
            refresh: pair["refresh_token"].as_str().expect("refresh_token").to_owned(),
        }
    }
}

/// Real images for upload tests: a gradient of the given size, encoded as `format`.
pub mod images {
    use image::{DynamicImage, ImageFormat, RgbImage};

    pub fn encoded(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
        let picture = RgbImage::from_fn(width, height, |x, y| image::Rgb([(x * 3) as u8, (y * 5) as u8, 90]));
        let mut out = std::io::Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(picture).write_to(&mut out, format).expect("encodes");
        out.into_inner()
    }

    pub fn png(width: u32, height: u32) -> Vec<u8> {
        encoded(ImageFormat::Png, width, height)
    }

    pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
        encoded(ImageFormat::Jpeg, width, height)
    }

    /// Width and height of an image as served.
    pub fn size(bytes: &[u8]) -> (u32, u32) {
        let picture = image::load_from_memory(bytes).expect("a served image decodes");
        (picture.width(), picture.height())
    }
}
