//! The bounded pool that runs every argon2 computation.
//!
//! Password work is the one CPU-heavy thing the server does on request, and it is the work an
//! attacker can ask for without an account. So it runs here, on a fixed number of threads of its
//! own, and never on the threads that serve other requests or hold database connections:
//!
//! - **Bounded**: `PAVILION_HASHING_THREADS` threads (default: one less than the cores). A login
//!   flood queues here, in arrival order; it cannot take more cores than that.
//! - **Yielding**: the threads run at the lowest scheduling priority (nice 19), so a request that
//!   wakes up to serve a page takes the core at once instead of waiting out argon2's time slice.
//!   On an idle machine the priority costs nothing; it only decides who waits when cores are
//!   short, and logins are the requests that can afford to.
//! - **No page faults**: each thread keeps its argon2 memory (19 MiB) between hashes; see
//!   `password::verify_password`. Allocating it afresh cost a quarter of a login.

use crate::error::CoreError;
use std::future::Future;

/// Threads that compute argon2 hashes; cheap to clone.
#[derive(Clone)]
pub struct HashingPool {
    threads: std::sync::Arc<rayon::ThreadPool>,
}

impl HashingPool {
    /// Starts `threads` hashing threads (at least one).
    pub fn start(threads: usize) -> Result<Self, CoreError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .thread_name(|index| format!("argon2-{index}"))
            .start_handler(|_| lower_own_priority())
            // A panic inside a job is reported to the waiting request as an internal error (its
            // result channel closes); it must not abort the process.
            .panic_handler(|_| tracing::error!("a password hashing job panicked"))
            .build()
            .map_err(|error| anyhow::anyhow!("cannot start the hashing threads: {error}"))?;
        Ok(Self { threads: std::sync::Arc::new(pool) })
    }

    /// Runs `work` on a hashing thread, after the jobs queued before it, inside the caller's
    /// tracing span so its log lines keep the request id.
    pub fn run<T, F>(&self, work: F) -> impl Future<Output = Result<T, CoreError>> + Send + 'static
    where
        F: FnOnce() -> Result<T, CoreError> + Send + 'static,
        T: Send + 'static,
    {
        let (done, result) = tokio::sync::oneshot::channel();
        let span = tracing::Span::current();
        self.threads.spawn_fifo(move || {
            // The receiver is gone only if the request was dropped (client went away).
            let _ = done.send(span.in_scope(work));
        });
        async move { result.await.map_err(|_| CoreError::Internal(anyhow::anyhow!("a password hashing job failed")))? }
    }
}

/// Nice 19 for the calling thread only (Linux applies nice per thread). Failing to lower it is
/// not worth refusing to start over: hashing still works, only with less deference.
fn lower_own_priority() {
    if let Err(error) = thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min) {
        tracing::warn!(?error, "could not lower the priority of a hashing thread");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn runs_work_and_reports_a_panic_as_an_error() {
        let pool = HashingPool::start(1).unwrap();
        assert_eq!(pool.run(|| Ok(6 * 7)).await.unwrap(), 42);
        #[allow(clippy::panic)]
        let failed = pool.run::<(), _>(|| panic!("boom")).await;
        assert!(matches!(failed, Err(CoreError::Internal(_))), "{failed:?}");
        // The pool survives the panic.
        assert_eq!(pool.run(|| Ok("still here")).await.unwrap(), "still here");
    }
}
