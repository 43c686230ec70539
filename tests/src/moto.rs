//! An S3-compatible server for the storage tests: moto in server mode (`pip install
//! 'moto[server]'`), started on a free port and stopped when dropped.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Moto {
    child: Child,
    pub endpoint: String,
}

impl Moto {
    /// Starts moto and creates `bucket`.
    pub async fn start(bucket: &str) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("port").port();
        let child = Command::new("python3")
            .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs moto's server (pip install 'moto[server]')");
        let moto = Self { child, endpoint: format!("http://127.0.0.1:{port}") };
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(reply) = client.put(format!("{}/{bucket}", moto.endpoint)).send().await
                && reply.status().is_success()
            {
                return moto;
            }
            assert!(Instant::now() < deadline, "moto did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The keys under `prefix` in `bucket`, as S3's ListObjectsV2 reports them.
    pub async fn keys(&self, bucket: &str, prefix: &str) -> Vec<String> {
        let listing = reqwest::get(format!("{}/{bucket}?list-type=2&prefix={prefix}", self.endpoint))
            .await
            .expect("list")
            .text()
            .await
            .expect("listing");
        listing.split("<Key>").skip(1).filter_map(|part| part.split("</Key>").next()).map(str::to_owned).collect()
    }

    /// Puts an object straight into the bucket (an upload whose deletion failed, say).
    pub async fn put(&self, bucket: &str, key: &str, bytes: Vec<u8>) {
        let reply = reqwest::Client::new().put(format!("{}/{bucket}/{key}", self.endpoint)).body(bytes).send().await;
        assert!(reply.expect("put").status().is_success());
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
