//! What `GET /metrics` reports, in the Prometheus text format: requests by route template and
//! status with their latency, the database pool and the queue for its threads, the hashing queue
//! and its refusals, the outbox, the limits' refusals, and the build.
//!
//! Each server has its own recorder (not the process-wide one of the `metrics` facade), so two
//! servers in one process (the tests run many) never mix their figures. Labels are bounded:
//! route templates (`/api/v1/pavilions/{slug}`), never raw paths or ids; a path no route matches
//! is `unmatched`.
//!
//! Counters and histograms are recorded as things happen; gauges are read when scraped, from the
//! pool, the queues and the database (the outbox's backlog: one indexed query per scrape).

use metrics::{Key, Label, Level, Metadata, Recorder, Unit};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder};
use std::sync::atomic::Ordering;
use std::time::Duration;

const METADATA: Metadata<'static> = Metadata::new(module_path!(), Level::INFO, Some(module_path!()));

/// Latency buckets, in seconds: from a cached page (a millisecond) to an export (seconds).
const LATENCY_BUCKETS: [f64; 14] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

pub struct Metrics {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
}

impl Metrics {
    pub fn new(version: &'static str, backend: &'static str) -> anyhow::Result<Self> {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &LATENCY_BUCKETS)?
            .build_recorder();
        let handle = recorder.handle();
        let metrics = Self { recorder, handle };
        metrics.describe();
        let build = [Label::new("version", version), Label::new("backend", backend)];
        metrics.gauge("pavilion_build_info", build.to_vec()).set(1.0);
        Ok(metrics)
    }

    fn describe(&self) {
        let counters = [
            ("pavilion_http_requests_total", "Requests answered, by method, route template and status."),
            (
                "pavilion_db_queue_timeouts_total",
                "Requests that waited the whole database timeout for a database thread (503).",
            ),
            (
                "pavilion_hashing_refused_total",
                "Password checks refused at once because the hashing queue was full (503).",
            ),
            ("pavilion_password_verifications_total", "Password checks and hashes computed to the end."),
            ("pavilion_rate_limited_total", "Attempts refused by a limit (429), by limit."),
            ("pavilion_outbox_sent_total", "Messages this process delivered."),
            ("pavilion_outbox_retries_total", "Delivery attempts that failed for now and were put back for later."),
            ("pavilion_outbox_failed_total", "Messages this process gave up on for good."),
        ];
        for (name, help) in counters {
            self.recorder.describe_counter(name.into(), None, help.into());
        }
        let gauges = [
            ("pavilion_build_info", "The running build: its version and database backend (always 1)."),
            ("pavilion_db_connections", "Database connections of this process's pool, by state (idle, in_use)."),
            ("pavilion_db_pool_max", "The most connections the pool may open."),
            ("pavilion_db_queue_waiting", "Requests queued now for a database thread (one per pooled connection)."),
            ("pavilion_hashing_pending", "Password checks queued or running on the hashing threads."),
            ("pavilion_hashing_capacity", "The most password checks queued or running at once."),
            ("pavilion_outbox_due", "Messages due to be sent now (the whole database)."),
            ("pavilion_outbox_oldest_due_age_seconds", "How long the oldest due message has been waiting (0: none)."),
            ("pavilion_draining", "1 while the server is shutting down and /readyz answers 503."),
        ];
        for (name, help) in gauges {
            self.recorder.describe_gauge(name.into(), None, help.into());
        }
        let histograms = [
            (
                "pavilion_http_request_duration_seconds",
                "Time to answer a request (until its headers), by method and route template.",
            ),
            ("pavilion_db_queue_wait_seconds", "Time a request waited for a database thread."),
        ];
        for (name, help) in histograms {
            self.recorder.describe_histogram(name.into(), Some(Unit::Seconds), help.into());
        }
    }

    fn counter(&self, name: &'static str, labels: Vec<Label>) -> metrics::Counter {
        self.recorder.register_counter(&Key::from_parts(name, labels), &METADATA)
    }

    fn gauge(&self, name: &'static str, labels: Vec<Label>) -> metrics::Gauge {
        self.recorder.register_gauge(&Key::from_parts(name, labels), &METADATA)
    }

    fn histogram(&self, name: &'static str, labels: Vec<Label>) -> metrics::Histogram {
        self.recorder.register_histogram(&Key::from_parts(name, labels), &METADATA)
    }

    /// One answered request.
    pub fn request(&self, method: &str, route: String, status: u16, took: Duration) {
        let (method, status) = (method.to_owned(), status.to_string());
        let labels = vec![Label::new("method", method.clone()), Label::new("route", route.clone())];
        self.histogram("pavilion_http_request_duration_seconds", labels).record(took.as_secs_f64());
        let labels = vec![Label::new("method", method), Label::new("route", route), Label::new("status", status)];
        self.counter("pavilion_http_requests_total", labels).increment(1);
    }

    /// How long a request's database work waited for a database thread.
    pub fn queued_for_database(&self, waited: Duration) {
        self.histogram("pavilion_db_queue_wait_seconds", vec![]).record(waited.as_secs_f64());
    }

    /// An attempt refused by the limit of this name.
    pub fn rate_limited(&self, limit: &'static str) {
        self.counter("pavilion_rate_limited_total", vec![Label::new("limit", limit)]).increment(1);
    }

    /// The text a scrape gets, with the gauges read now.
    pub fn render(&self, now: Now) -> String {
        let (open, idle) = now.connections;
        self.gauge("pavilion_db_connections", vec![Label::new("state", "idle")]).set(f64::from(idle));
        self.gauge("pavilion_db_connections", vec![Label::new("state", "in_use")]).set(f64::from(open - idle));
        self.gauge("pavilion_db_pool_max", vec![]).set(f64::from(now.pool_max));
        self.gauge("pavilion_db_queue_waiting", vec![]).set(now.db_waiting as f64);
        self.counter("pavilion_db_queue_timeouts_total", vec![]).absolute(now.db_timed_out);
        self.gauge("pavilion_hashing_pending", vec![]).set(now.hashing_pending as f64);
        self.gauge("pavilion_hashing_capacity", vec![]).set(now.hashing_capacity as f64);
        self.counter("pavilion_hashing_refused_total", vec![]).absolute(now.hashing_refused);
        self.counter("pavilion_password_verifications_total", vec![]).absolute(now.password_verifications);
        if let Some(deliveries) = &now.deliveries {
            self.counter("pavilion_outbox_sent_total", vec![]).absolute(deliveries.sent.load(Ordering::Relaxed));
            self.counter("pavilion_outbox_retries_total", vec![]).absolute(deliveries.retried.load(Ordering::Relaxed));
            self.counter("pavilion_outbox_failed_total", vec![]).absolute(deliveries.failed.load(Ordering::Relaxed));
        }
        if let Some(backlog) = &now.backlog {
            self.gauge("pavilion_outbox_due", vec![]).set(backlog.due as f64);
            let age = backlog.oldest_due.map_or(0.0, |at| (now.at - at).num_milliseconds().max(0) as f64 / 1000.0);
            self.gauge("pavilion_outbox_oldest_due_age_seconds", vec![]).set(age);
        }
        self.gauge("pavilion_draining", vec![]).set(if now.draining { 1.0 } else { 0.0 });
        self.handle.render()
    }

    /// Drains the histograms' recent samples into their buckets, so memory stays bounded
    /// between scrapes (or with no scraper at all).
    pub fn upkeep(&self) {
        self.handle.run_upkeep();
    }
}

/// The figures read at scrape time.
pub struct Now {
    pub at: chrono::DateTime<chrono::Utc>,
    pub connections: (u32, u32),
    pub pool_max: u32,
    /// Requests queued for a database thread, and those refused after the whole timeout.
    pub db_waiting: usize,
    pub db_timed_out: u64,
    pub hashing_pending: usize,
    pub hashing_capacity: usize,
    pub hashing_refused: u64,
    pub password_verifications: u64,
    /// None when this process runs no outbox worker.
    pub deliveries: Option<std::sync::Arc<pavilion_core::mail_worker::DeliveryCounts>>,
    /// None when the database could not be asked (the scrape still answers).
    pub backlog: Option<pavilion_core::services::operations::Backlog>,
    pub draining: bool,
}
