//! A Pavilion server in a process of its own, to be killed with SIGKILL: the test binary runs
//! itself again with only `faults::server_process` selected, which serves with the settings it
//! is given in `PAVILION_*` variables (as `pavilion serve` would) until it is killed.

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
        ("RUST_LOG", "warn".to_owned()),
    ];
    if let Some(url) = &settings.database_url {
        variables.push(("PAVILION_DATABASE_URL", url.expose_secret().to_owned()));
    }
    if let Some(secret) = &settings.jwt_secret {
        variables.push(("PAVILION_JWT_SECRET", secret.expose_secret().to_owned()));
    }
    variables
}

impl ServerProcess {
    /// Starts a server process with these settings on a free port, and waits until it is ready.
    pub async fn start(settings: &Settings) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("port").port();
        let child = Command::new(std::env::current_exe().expect("the test binary"))
            .args(["faults::server_process", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env(SERVER_PROCESS, "1")
            .envs(environment(settings, port))
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
