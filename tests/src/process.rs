//! Pavilion in a process of its own: a server to be killed with SIGKILL, or one with an
//! environment of its own (the `AWS_*` variables of S3 storage), or a command such as
//! `sweep-uploads`. The test binary runs itself again with only `faults::server_process`
//! selected, which reads its settings from `PAVILION_*` variables (as `pavilion` does) and does
//! what `PAVILION_TEST_SERVER_PROCESS` says: `serve` until killed, or `sweep-uploads`.

use pavilion_core::config::Settings;
use secrecy::ExposeSecret;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The variable that turns the selected test into the server process.
pub const SERVER_PROCESS: &str = "PAVILION_TEST_SERVER_PROCESS";

pub struct ServerProcess {
    child: Child,
    pub address: String,
}

/// What a server process needs of a test's settings, as the environment `Settings::load` reads.
fn environment(settings: &Settings, port: u16) -> Vec<(&'static str, String)> {
    let mut variables = vec![
        ("PAVILION_BIND", format!("127.0.0.1:{port}")),
        ("PAVILION_PUBLIC_URL", format!("http://127.0.0.1:{port}")),
        ("PAVILION_DATA_DIR", settings.data_dir.display().to_string()),
        ("PAVILION_DB_POOL_SIZE", settings.db_pool_size.to_string()),
        ("PAVILION_HTTP_WORKERS", "2".to_owned()),
        ("PAVILION_MAIL_CONCURRENCY", "0".to_owned()),
        ("PAVILION_REMINDER_INTERVAL_MS", "0".to_owned()),
        ("PAVILION_REQUIRE_SECOND_FACTOR", settings.require_second_factor.to_string()),
        ("RUST_LOG", "warn".to_owned()),
    ];
    if let Some(url) = &settings.database_url {
        variables.push(("PAVILION_DATABASE_URL", url.expose_secret().to_owned()));
    }
    if let Some(secret) = &settings.jwt_secret {
        variables.push(("PAVILION_JWT_SECRET", secret.expose_secret().to_owned()));
    }
    if let Some(storage) = &settings.storage_url {
        variables.push(("PAVILION_STORAGE_URL", storage.clone()));
    }
    variables
}

fn command(what: &str, settings: &Settings, port: u16, extra: &[(&str, String)]) -> Command {
    let mut command = Command::new(std::env::current_exe().expect("the test binary"));
    command
        .args(["faults::server_process", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(SERVER_PROCESS, what)
        .envs(environment(settings, port))
        .envs(extra.iter().map(|(key, value)| (*key, value)));
    command
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("port").port()
}

/// Runs a command (`sweep-uploads`) in a process of its own and returns what it printed.
pub fn run(what: &str, settings: &Settings, extra: &[(&str, String)]) -> String {
    let output = command(what, settings, free_port(), extra).stderr(Stdio::inherit()).output().expect("runs");
    assert!(output.status.success(), "{what} failed: {}", String::from_utf8_lossy(&output.stdout));
    String::from_utf8(output.stdout).expect("UTF-8")
}

impl ServerProcess {
    /// Starts a server process with these settings on a free port, and waits until it is ready.
    pub async fn start(settings: &Settings) -> Self {
        Self::start_with(settings, &[]).await
    }

    /// As [`Self::start`], with more environment variables.
    pub async fn start_with(settings: &Settings, extra: &[(&str, String)]) -> Self {
        let port = free_port();
        let child = command("serve", settings, port, extra)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server process starts");
        let process = Self { child, address: format!("http://127.0.0.1:{port}") };
        process.wait_ready().await;
        process
    }

    async fn wait_ready(&self) {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(response) = client.get(format!("{}/readyz", self.address)).send().await
                && response.status().is_success()
            {
                return;
            }
            assert!(Instant::now() < deadline, "the server process did not become ready");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL: no shutdown, no flush, no goodbye.
    pub fn kill_9(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("the killed process is reaped");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
