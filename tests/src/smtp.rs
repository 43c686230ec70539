//! A real SMTP server for tests (mailin-embedded on loopback), keeping what it receives.
//! Recipients whose address starts with `bounce` are refused permanently (550); `busy`
//! temporarily (451).

use mailin_embedded::{Handler, Response, Server, response};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mailparse::ParsedMail<'_> {
        mailparse::parse_mail(&self.raw).expect("a parseable message")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        use mailparse::MailHeaderMap;
        self.parsed().headers.get_first_value(name)
    }

    /// The decoded body of the part with this MIME type.
    pub fn body(&self, mime: &str) -> String {
        fn find(part: &mailparse::ParsedMail<'_>, mime: &str) -> Option<String> {
            if part.ctype.mimetype == mime {
                return part.get_body().ok();
            }
            part.subparts.iter().find_map(|sub| find(sub, mime))
        }
        find(&self.parsed(), mime).unwrap_or_else(|| panic!("no {mime} part"))
    }
}

#[derive(Clone)]
struct Collector {
    received: Arc<Mutex<Vec<Received>>>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Collector {
    fn rcpt(&mut self, to: &str) -> Response {
        let address = to.trim_start_matches('<');
        if address.starts_with("bounce") {
            response::NO_MAILBOX
        } else if address.starts_with("busy") {
            response::INTERNAL_ERROR
        } else {
            response::OK
        }
    }

    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.from = from.to_owned();
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mail = Received { from: self.from.clone(), to: self.to.clone(), raw: std::mem::take(&mut self.data) };
        self.received.lock().unwrap().push(mail);
        response::OK
    }
}

/// A running sink: one thread per connection, so more threads than any pool in the tests (an
/// idle pooled connection holds its thread). It has no shutdown: it lives until the test process ends.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
}

impl SmtpSink {
    pub fn start() -> Self {
        Self::start_on(TcpListener::bind("127.0.0.1:0").expect("bind SMTP sink"))
    }

    /// Starts on a port chosen earlier (to play an SMTP server that comes back).
    pub fn start_on(listener: TcpListener) -> Self {
        let port = listener.local_addr().expect("addr").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let handler = Collector { received: received.clone(), from: String::new(), to: Vec::new(), data: Vec::new() };
        let mut server = Server::new(handler);
        server.with_name("sink.test").with_num_threads(16).with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        Self { port, received }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits (10 s at most) for a message to `address` among those received after the first
    /// `skip`, and returns it.
    pub async fn wait_for_recipient(&self, address: &str, skip: usize) -> Received {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let found = self.received().into_iter().skip(skip).find(|m| m.to.iter().any(|to| to.contains(address)));
            if let Some(message) = found {
                return message;
            }
            assert!(std::time::Instant::now() < deadline, "no message to {address} arrived");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Waits until at least `count` messages arrived (10 s at most) and returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            assert!(std::time::Instant::now() < deadline, "expected {count} messages, got {}", received.len());
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
}

/// The `n`th of many test messages to queue straight into the outbox (a plain message to
/// `buyer{n}@market.example`), for the outbox's benchmark and fault tests.
pub fn queued_message(n: usize, requested_by: &str) -> pavilion_core::mail::NewEmail {
    use pavilion_core::domain::{EmailAddress, Locale};
    pavilion_core::mail::NewEmail {
        pavilion_id: None,
        recipient: EmailAddress::parse(&format!("buyer{n}@market.example")).expect("an address"),
        recipient_name: Some(format!("Buyer {n}")),
        locale: Locale::En,
        payload: pavilion_core::mail::Payload::TestMessageV1 { requested_by: requested_by.into() },
    }
}
