//! A small load balancer, as an orchestrator puts in front of replicas: it forwards each client
//! connection to the next server in rotation, and keeps in rotation only the servers whose
//! `/readyz` answers 200 (asked every 50 ms). A server that begins shutting down leaves the
//! rotation as soon as its `/readyz` turns 503, as a Kubernetes Service's endpoints do.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone)]
struct Server {
    address: String,
    ready: bool,
}

pub struct Balancer {
    pub address: String,
    servers: Arc<Mutex<Vec<Server>>>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Balancer {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the balancer");
        let address = format!("http://{}", listener.local_addr().expect("address"));
        let servers: Arc<Mutex<Vec<Server>>> = Arc::default();
        let next = Arc::new(AtomicUsize::new(0));
        let rotation = servers.clone();
        let forward = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let ready: Vec<String> = rotation
                    .lock()
                    .unwrap()
                    .iter()
                    .filter(|server| server.ready)
                    .map(|server| server.address.clone())
                    .collect();
                let first = next.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(async move {
                    // The next server in rotation; one that refuses the connection is skipped.
                    for offset in 0..ready.len() {
                        let target = &ready[(first + offset) % ready.len()];
                        if let Ok(mut server) = TcpStream::connect(target).await {
                            let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                            return;
                        }
                    }
                });
            }
        });
        let checked = servers.clone();
        let health = tokio::spawn(async move {
            let client = reqwest::Client::builder().timeout(Duration::from_millis(500)).build().expect("client");
            loop {
                let addresses: Vec<String> = checked.lock().unwrap().iter().map(|s| s.address.clone()).collect();
                for address in addresses {
                    let ready = matches!(
                        client.get(format!("http://{address}/readyz")).send().await,
                        Ok(reply) if reply.status().is_success()
                    );
                    if let Some(server) = checked.lock().unwrap().iter_mut().find(|s| s.address == address) {
                        server.ready = ready;
                    }
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        });
        Self { address, servers, tasks: vec![forward, health] }
    }

    /// Adds a server (`127.0.0.1:port`); it takes connections once its `/readyz` says so.
    pub fn add(&self, address: String) {
        self.servers.lock().unwrap().push(Server { address, ready: false });
    }

    /// Takes a server out of the rotation for good.
    pub fn remove(&self, address: &str) {
        self.servers.lock().unwrap().retain(|server| server.address != address);
    }

    /// Waits until `count` servers are in rotation.
    pub async fn wait_for_ready(&self, count: usize) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while self.servers.lock().unwrap().iter().filter(|server| server.ready).count() < count {
            assert!(std::time::Instant::now() < deadline, "servers did not become ready behind the balancer");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}
