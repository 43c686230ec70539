//! Headless Chromium for the browser tests, driven through chromedriver (Debian's `chromium` and
//! `chromium-driver`; nothing is downloaded). Each test starts its own driver on a free port; a
//! lock runs one browser at a time, so two cores are not shared by several Chromiums.
//!
//! Without chromedriver, a browser test says so and passes, unless `PAVILION_REQUIRE_BROWSER` is
//! set (CI sets it): then it fails.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// axe-core, vendored (see `tests/fixtures/axe-core/README`).
const AXE: &str = include_str!("../fixtures/axe-core/axe.min.js");

/// The widths every screenshot is taken at: a phone, a tablet, a desktop.
pub const WIDTHS: [u32; 3] = [375, 768, 1280];

pub struct Chrome {
    pub client: Client,
    driver: std::sync::Arc<Driver>,
    base: String,
    shots: PathBuf,
}

/// A running chromedriver, shared by the sessions of one test; stopped when the last goes.
struct Driver {
    child: std::sync::Mutex<Child>,
    port: u16,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // A failed test still stops its driver (and the browsers it started).
        if let Ok(child) = self.child.get_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A new browser (its own profile and cookies) through the driver at `port`.
async fn session(port: u16) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--hide-scrollbars", "--lang=en-GB", "--window-size=1280,1000"],
            "prefs": {"intl.accept_languages": "en-GB,en"}
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a WebDriver session")
}

impl Chrome {
    /// A browser for the site at `base`, saving screenshots in `shots`. `None` when chromedriver
    /// is missing and not required.
    pub async fn start(base: &str, shots: PathBuf) -> Option<Self> {
        let test = shots.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let driver_path = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|path| std::path::Path::new(path).exists());
        let Some(driver_path) = driver_path else {
            assert!(
                std::env::var_os("PAVILION_REQUIRE_BROWSER").is_none(),
                "chromedriver is not installed (apt-get install chromium chromium-driver)"
            );
            eprintln!("{test}: skipped, chromedriver is not installed (apt-get install chromium chromium-driver)");
            return None;
        };
        let turn = ONE_AT_A_TIME.lock().await;
        let port =
            std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("address").port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not listen on {port}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let driver = std::sync::Arc::new(Driver { child: std::sync::Mutex::new(driver), port, _turn: turn });
        let client = session(port).await;
        std::fs::create_dir_all(&shots).expect("screenshot folder");
        Some(Self { client, driver, base: base.trim_end_matches('/').to_owned(), shots })
    }

    /// A second browser of its own (another profile: other cookies, another session) on the
    /// same driver, saving its screenshots beside this one's.
    pub async fn another(&self) -> Self {
        let client = session(self.driver.port).await;
        Self { client, driver: self.driver.clone(), base: self.base.clone(), shots: self.shots.clone() }
    }

    /// Opens a path of the site.
    pub async fn open(&self, path: &str) {
        self.client.goto(&format!("{}{path}", self.base)).await.expect("page loads");
    }

    /// The path (and query) the browser shows in its address bar.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("current URL");
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Waits (up to 10 s) until the address bar shows `expected`; fails naming what it shows
    /// and the page's heading. A navigation may still be committing when a click returns.
    pub async fn expect_path(&self, expected: &str) {
        self.wait_for_path(expected, |path| path == expected).await;
    }

    /// As [`Chrome::expect_path`], for an address that starts with `prefix` (a query follows).
    pub async fn expect_path_starting(&self, prefix: &str) -> String {
        self.wait_for_path(prefix, |path| path.starts_with(prefix)).await
    }

    /// Waits (up to 10 s) until the address bar shows a path `fits` accepts (`wanted` says
    /// which, for the failure's message).
    pub async fn wait_for_path(&self, wanted: &str, fits: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let path = self.path().await;
            if fits(&path) {
                return path;
            }
            if Instant::now() >= deadline {
                let heading = match self.client.find(Locator::Css("h1")).await {
                    Ok(h1) => h1.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                panic!("expected {wanted}, the browser shows {path} ({heading:?})");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn text(&self, css: &str) -> String {
        self.element(css).await.text().await.expect("text")
    }

    /// Waits (up to 10 s) until the element `css` finds shows `wanted`: a page a script writes
    /// (an upload's answer) comes after the click returns.
    pub async fn wait_for_text(&self, css: &str, wanted: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let shown = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if shown.contains(wanted) {
                return;
            }
            assert!(Instant::now() < deadline, "{css} never showed {wanted:?}; it shows {shown:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn attribute(&self, css: &str, name: &str) -> Option<String> {
        self.element(css).await.attr(name).await.expect("attribute")
    }

    /// The first element `css` finds, waiting up to 10 s for it: after a click, the next page
    /// may still be loading.
    pub async fn element(&self, css: &str) -> fantoccini::elements::Element {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(error) if Instant::now() >= deadline => panic!("{css}: {error}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// Types into the field named `name` (replacing what is there).
    pub async fn fill(&self, name: &str, value: &str) {
        let Ok(field) = self.client.find(Locator::Css(&format!("[name='{name}']"))).await else {
            panic!("no field {name} at {}: {}", self.path().await, self.client.source().await.unwrap_or_default());
        };
        field.clear().await.expect("clear");
        field.send_keys(value).await.expect("type");
    }

    /// Chooses a file for the file input named `name`.
    pub async fn choose_file(&self, name: &str, path: &std::path::Path) {
        let input = self.element(&format!("input[type=file][name='{name}']")).await;
        input.send_keys(&path.to_string_lossy()).await.expect("file chosen");
    }

    /// What the field named `name` holds now (typed, or filled by the page).
    pub async fn value(&self, name: &str) -> String {
        let field = self.element(&format!("[name='{name}']")).await;
        field.prop("value").await.expect("value").unwrap_or_default()
    }

    /// Clicks what `css` names and waits for the next page.
    pub async fn click(&self, css: &str) {
        let element = self.element(css).await;
        // Marks the page clicked on: a navigation replaces it, marker and all.
        self.client.execute("window.pavilionClickedPage = true", vec![]).await.expect("mark the page");
        element.click().await.expect("click");
        self.settle().await;
    }

    /// Waits until a navigation started by a click or a submit has finished. The old page still
    /// reads "complete" for a moment after the click, so the new one is recognised by the marker
    /// `click` left on the old one being gone; a click that starts no navigation (a checkbox)
    /// keeps it, and is taken as done after a short grace.
    async fn settle(&self) {
        let grace = Instant::now() + Duration::from_millis(500);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.client.execute("return window.pavilionClickedPage === true", vec![]).await {
                Ok(Value::Bool(true)) if Instant::now() < grace => {}
                Ok(Value::Bool(true)) => return,
                Ok(_) => break,
                // Between two documents.
                Err(_) => assert!(Instant::now() < deadline, "the page did not finish loading"),
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        loop {
            let ready = self.client.execute("return document.readyState", vec![]).await.ok();
            if ready == Some(Value::from("complete")) {
                return;
            }
            assert!(Instant::now() < deadline, "the page did not finish loading");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs axe-core on the page and returns its serious and critical violations, each as
    /// `rule: target…`. WCAG 2.1 A and AA rules.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        self.client.execute(AXE, vec![]).await.expect("axe loads");
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})
              .then(result => done(result.violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
              .catch(error => done(['axe failed: ' + error]));
        "#;
        let found = self.client.execute_async(script, vec![]).await.expect("axe runs");
        found
            .as_array()
            .map(|list| list.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    }

    /// Asserts axe finds nothing serious, then saves the page at every width as `{name}-{width}.png`.
    pub async fn check_page(&self, name: &str) {
        let violations = self.accessibility_violations().await;
        assert!(violations.is_empty(), "{name} ({}): {violations:#?}", self.path().await);
        for width in WIDTHS {
            self.client.set_window_size(width, 1000).await.expect("resize");
            // The whole page, however long: the window grows to the document's height.
            let height = self
                .client
                .execute("return Math.ceil(document.documentElement.scrollHeight)", vec![])
                .await
                .ok()
                .and_then(|v| v.as_u64())
                .unwrap_or(1000)
                .clamp(600, 6000) as u32;
            self.client.set_window_size(width, height).await.expect("resize");
            let png = self.client.screenshot().await.expect("screenshot");
            std::fs::write(self.shots.join(format!("{name}-{width}.png")), png).expect("screenshot saved");
        }
        self.client.set_window_size(1280, 1000).await.expect("resize");
    }

    /// Gives this browser a passkey authenticator of its own: Chromium's virtual authenticator,
    /// through WebDriver's WebAuthn extension. It keeps passkeys (discoverable ones too) and
    /// answers at once, its user verified, with no dialog.
    pub async fn add_virtual_authenticator(&self) {
        self.client.issue_cmd(AddVirtualAuthenticator).await.expect("a virtual authenticator");
    }

    /// Ends the WebDriver session; dropping then stops the driver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

/// `POST /session/{id}/webauthn/authenticator` (WebAuthn, "Add Virtual Authenticator"): a
/// platform authenticator that does user verification, as a laptop's fingerprint reader does.
#[derive(Debug)]
struct AddVirtualAuthenticator;

impl fantoccini::wd::WebDriverCompatibleCommand for AddVirtualAuthenticator {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/webauthn/authenticator", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (reqwest::Method, Option<String>) {
        let options = json!({
            "protocol": "ctap2",
            "transport": "internal",
            "hasResidentKey": true,
            "hasUserVerification": true,
            "isUserConsenting": true,
            "isUserVerified": true,
        });
        (reqwest::Method::POST, Some(options.to_string()))
    }
}
