//! The threads that run the requests' database work, one queue in front of them.
//!
//! diesel blocks, so a request's use case never runs on the thread that serves HTTP. It runs on
//! one of these threads, as many as the pool has connections:
//!
//! - **In arrival order, bounded**: at most one use case per connection runs at once; the rest
//!   wait in one FIFO queue. (The pool's own wait is unfair and lets some requests starve under
//!   load.)
//! - **A bounded wait**: a use case still queued after the database timeout is refused without
//!   running (`Unavailable`, a 503 with `Retry-After`), as one that waited that long for a
//!   connection is.
//! - **No work for nobody**: a use case whose request has gone (the client left, or the wait
//!   timed out) is skipped.
//! - **No wake-up per request under load**: a thread that finishes a use case takes the next one
//!   from the queue at once. Handing each request to a general blocking pool instead, behind a
//!   semaphore, woke a sleeping thread for every request: that cost a fifth to a third of the
//!   read throughput on PostgreSQL and two fifths on SQLite (`tests/bench/read.sh`).

use crate::error::CoreError;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Threads that run database work in arrival order; cheap to clone.
#[derive(Clone)]
pub struct DatabaseThreads {
    threads: Arc<rayon::ThreadPool>,
    /// Use cases queued and not started yet.
    waiting: Arc<AtomicUsize>,
    /// Use cases refused because they waited the whole timeout, since start.
    timed_out: Arc<AtomicU64>,
    timeout: Duration,
}

/// What a use case gave, and how long it waited for a thread.
pub struct Ran<T> {
    pub result: Result<T, CoreError>,
    pub queued_for: Duration,
}

/// Where a queued use case stands. Whoever moves it out of `QUEUED` first decides: a thread
/// (it runs) or its request (it is withdrawn).
const QUEUED: u8 = 0;
const STARTED: u8 = 1;
const WITHDRAWN: u8 = 2;

impl DatabaseThreads {
    /// Starts `threads` threads (at least one); a use case waits at most `timeout` for one.
    pub fn start(threads: usize, timeout: Duration) -> Result<Self, CoreError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .thread_name(|index| format!("database-{index}"))
            // A panic inside a use case is reported to its request as an internal error (its
            // answer channel closes); it must not abort the process.
            .panic_handler(|_| tracing::error!("a database job panicked"))
            .build()
            .map_err(|error| anyhow::anyhow!("cannot start the database threads: {error}"))?;
        Ok(Self { threads: Arc::new(pool), waiting: Arc::default(), timed_out: Arc::default(), timeout })
    }

    /// Use cases queued now, not started yet.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Relaxed)
    }

    /// Use cases refused after waiting the whole timeout, since start.
    pub fn timed_out(&self) -> u64 {
        self.timed_out.load(Ordering::Relaxed)
    }

    /// Queues `work` behind the use cases queued before it, to run inside the caller's tracing
    /// span (its log lines keep the request id). Dropping the future before the work started
    /// withdraws it.
    pub fn run<T, F>(&self, work: F) -> impl Future<Output = Ran<T>> + Send + 'static
    where
        F: FnOnce() -> Result<T, CoreError> + Send + 'static,
        T: Send + 'static,
    {
        let place = Place { stage: Arc::new(AtomicU8::new(QUEUED)), waiting: self.waiting.clone() };
        self.waiting.fetch_add(1, Ordering::Relaxed);
        let (done, answer) = tokio::sync::oneshot::channel();
        let queued_at = Instant::now();
        let span = tracing::Span::current();
        let claim = place.clone();
        self.threads.spawn_fifo(move || {
            if !claim.take(STARTED) {
                return;
            }
            let queued_for = queued_at.elapsed();
            let result = span.in_scope(work);
            let _ = done.send(Ran { result, queued_for });
        });
        let (timeout, timed_out) = (self.timeout, self.timed_out.clone());
        // Made before the future, so that dropping it unpolled withdraws the work too.
        let withdraw_if_dropped = WithdrawOnDrop(place);
        async move {
            let mut answer = answer;
            let answer = match tokio::time::timeout(timeout, &mut answer).await {
                Ok(answer) => answer,
                Err(_elapsed) if withdraw_if_dropped.0.take(WITHDRAWN) => {
                    timed_out.fetch_add(1, Ordering::Relaxed);
                    let error = anyhow::anyhow!("no database connection free within {timeout:?}");
                    return Ran { result: Err(CoreError::Unavailable(error)), queued_for: timeout };
                }
                // A thread took it just in time: it will answer.
                Err(_elapsed) => answer.await,
            };
            answer.unwrap_or_else(|_| Ran {
                result: Err(CoreError::Internal(anyhow::anyhow!("a database job failed"))),
                queued_for: queued_at.elapsed(),
            })
        }
    }
}

/// A use case's place in the queue.
#[derive(Clone)]
struct Place {
    stage: Arc<AtomicU8>,
    waiting: Arc<AtomicUsize>,
}

impl Place {
    /// Moves the use case out of the queue to `stage`, unless someone else did first.
    fn take(&self, stage: u8) -> bool {
        let taken = self.stage.compare_exchange(QUEUED, stage, Ordering::AcqRel, Ordering::Acquire).is_ok();
        if taken {
            self.waiting.fetch_sub(1, Ordering::Relaxed);
        }
        taken
    }
}

/// The request's side of a place: a request that goes away while its use case is still queued
/// withdraws it.
struct WithdrawOnDrop(Place);

impl Drop for WithdrawOnDrop {
    fn drop(&mut self) {
        self.0.take(WITHDRAWN);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// Takes the one thread of `threads` until the returned sender is used; returns once the
    /// work is running.
    fn hold(threads: &DatabaseThreads) -> (impl Future<Output = Ran<()>>, mpsc::Sender<()>) {
        let (release, gate) = mpsc::channel::<()>();
        let (started, running) = mpsc::channel::<()>();
        let held = threads.run(move || {
            started.send(()).ok();
            gate.recv().map_err(|e| CoreError::Internal(e.into()))
        });
        running.recv().unwrap();
        (held, release)
    }

    #[tokio::test]
    async fn work_runs_in_arrival_order_on_as_many_threads_as_asked() {
        let threads = DatabaseThreads::start(1, Duration::from_secs(5)).unwrap();
        let (first, release) = hold(&threads);
        let order = Arc::new(std::sync::Mutex::new(Vec::new()));
        let queued: Vec<_> = (0..5)
            .map(|n| {
                let order = order.clone();
                threads.run(move || {
                    order.lock().unwrap().push(n);
                    Ok(n)
                })
            })
            .collect();
        assert_eq!(threads.waiting(), 5, "one thread: the first holds it, the rest queue");
        release.send(()).unwrap();
        assert!(first.await.result.is_ok());
        for (n, ran) in queued.into_iter().enumerate() {
            assert_eq!(ran.await.result.unwrap(), n);
        }
        assert_eq!(*order.lock().unwrap(), vec![0, 1, 2, 3, 4]);
        assert_eq!(threads.waiting(), 0);
    }

    #[tokio::test]
    async fn work_queued_past_the_timeout_is_refused_and_never_runs() {
        let threads = DatabaseThreads::start(1, Duration::from_millis(50)).unwrap();
        let (busy, release) = hold(&threads);
        let ran = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let late = threads.run({
            let ran = ran.clone();
            move || {
                ran.store(true, Ordering::SeqCst);
                Ok(())
            }
        });
        let refused = late.await;
        assert!(matches!(refused.result, Err(CoreError::Unavailable(_))));
        assert_eq!((threads.timed_out(), threads.waiting()), (1, 0));
        release.send(()).unwrap();
        // The thread holding the first job keeps running past the timeout: it is not refused.
        assert!(busy.await.result.is_ok());
        // Anything queued after the withdrawn job runs only once that one was skipped.
        assert!(threads.run(|| Ok(())).await.result.is_ok());
        assert!(!ran.load(Ordering::SeqCst), "a refused job must not run later");
    }

    #[tokio::test]
    async fn work_whose_request_went_away_is_skipped() {
        let threads = DatabaseThreads::start(1, Duration::from_secs(5)).unwrap();
        let (busy, release) = hold(&threads);
        let ran = Arc::new(std::sync::atomic::AtomicBool::new(false));
        drop(threads.run({
            let ran = ran.clone();
            move || {
                ran.store(true, Ordering::SeqCst);
                Ok(())
            }
        }));
        assert_eq!(threads.waiting(), 0, "a withdrawn job no longer counts as waiting");
        release.send(()).unwrap();
        assert!(busy.await.result.is_ok());
        assert!(threads.run(|| Ok(())).await.result.is_ok());
        assert!(!ran.load(Ordering::SeqCst));
    }

    #[tokio::test]
    async fn a_panicking_job_is_an_internal_error_and_the_thread_lives_on() {
        let threads = DatabaseThreads::start(1, Duration::from_secs(5)).unwrap();
        let failed = threads.run(|| -> Result<(), CoreError> { panic!("a bug") }).await;
        assert!(matches!(failed.result, Err(CoreError::Internal(_))));
        assert_eq!(threads.run(|| Ok(7)).await.result.unwrap(), 7);
    }
}
