//! The bounded pool that runs every argon2 computation.
//!
//! Password work is the one CPU-heavy thing the server does on request, and it is the work an
//! attacker can ask for without an account. So it runs here, on a fixed number of threads of its
//! own, and never on the threads that serve other requests or hold database connections:
//!
//! - **Bounded**: `PAVILION_HASHING_THREADS` threads (default: one less than the cores). A login
//!   flood queues here, in arrival order; it cannot take more cores than that. The queue is
//!   bounded too (`PAVILION_HASHING_QUEUE`): past it, a login is refused at once (503 with
//!   `Retry-After`) rather than left waiting longer than any client would.
//! - **No wasted hashes**: a job whose request has gone (the client disconnected or timed out
//!   while it queued) is skipped, so a flood of abandoned logins does not keep the cores busy.
//! - **Yielding**: the threads run at the lowest scheduling priority (`SCHED_IDLE` on Linux, else
//!   nice 19), so a request that wakes up to serve a page takes the core at once instead of
//!   waiting out argon2's time slice.
//!   On an idle machine the priority costs nothing; it only decides who waits when cores are
//!   short, and logins are the requests that can afford to.
//! - **No page faults**: each thread keeps its argon2 memory (19 MiB) between hashes; see
//!   `password::verify_password`. Allocating it afresh cost a quarter of a login.

use crate::error::CoreError;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Threads that compute argon2 hashes; cheap to clone.
#[derive(Clone)]
pub struct HashingPool {
    threads: Arc<rayon::ThreadPool>,
    /// Jobs queued or running.
    pending: Arc<AtomicUsize>,
    max_pending: usize,
    /// Jobs refused because the queue was full, since start.
    refused: Arc<AtomicU64>,
    /// Password verifications the jobs ran, since start.
    verifications: Arc<AtomicU64>,
}

impl HashingPool {
    /// Starts `threads` hashing threads (at least one), taking at most `max_pending` jobs at
    /// once, queued or running (at least one).
    pub fn start(threads: usize, max_pending: usize) -> Result<Self, CoreError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .thread_name(|index| format!("argon2-{index}"))
            .start_handler(|_| lower_own_priority())
            // A panic inside a job is reported to the waiting request as an internal error (its
            // result channel closes); it must not abort the process.
            .panic_handler(|_| tracing::error!("a password hashing job panicked"))
            .build()
            .map_err(|error| anyhow::anyhow!("cannot start the hashing threads: {error}"))?;
        Ok(Self {
            threads: Arc::new(pool),
            pending: Arc::default(),
            max_pending: max_pending.max(1),
            refused: Arc::default(),
            verifications: Arc::default(),
        })
    }

    /// Jobs queued or running now.
    pub fn pending(&self) -> usize {
        self.pending.load(Ordering::Relaxed)
    }

    /// The most jobs taken at once.
    pub fn capacity(&self) -> usize {
        self.max_pending
    }

    /// Jobs refused at once because the queue was full, since start.
    pub fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }

    /// Password verifications run on these threads since start: how an operator (and a test)
    /// sees that a sign-in for an unknown address costs one as well.
    pub fn verifications(&self) -> u64 {
        self.verifications.load(Ordering::Relaxed)
    }

    /// Runs `work` on a hashing thread, after the jobs queued before it, inside the caller's
    /// tracing span so its log lines keep the request id. `Busy` at once when the queue is full.
    pub fn run<T, F>(&self, work: F) -> impl Future<Output = Result<T, CoreError>> + Send + 'static
    where
        F: FnOnce() -> Result<T, CoreError> + Send + 'static,
        T: Send + 'static,
    {
        let max = self.max_pending;
        let admitted = self.pending.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < max).then_some(n + 1));
        let (done, result) = tokio::sync::oneshot::channel();
        if admitted.is_err() {
            self.refused.fetch_add(1, Ordering::Relaxed);
        } else {
            let place = Place(self.pending.clone());
            let verifications = self.verifications.clone();
            let span = tracing::Span::current();
            self.threads.spawn_fifo(move || {
                // Nobody waits for the answer any more: skip the hash.
                if done.is_closed() {
                    return;
                }
                let before = super::password::verifications_on_this_thread();
                let outcome = span.in_scope(work);
                verifications.fetch_add(super::password::verifications_on_this_thread() - before, Ordering::Relaxed);
                // The place is free before the request hears back (a panic frees it too).
                drop(place);
                let _ = done.send(outcome);
            });
        }
        async move {
            if admitted.is_err() {
                return Err(CoreError::Busy { retry_after_secs: 1 });
            }
            result.await.map_err(|_| CoreError::Internal(anyhow::anyhow!("a password hashing job failed")))?
        }
    }
}

/// A job's place in the queue, given back when the job ends, however it ends (panics included).
struct Place(Arc<AtomicUsize>);

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The lowest CPU priority for the calling thread only (Linux schedules threads one by one):
/// `SCHED_IDLE` where the kernel has it, which runs the thread only when no normal thread wants
/// the core, so a login flood cannot lengthen the time a page waits for a core; else nice 19.
/// Failing both is not worth refusing to start over: hashing still works, only with less
/// deference.
fn lower_own_priority() {
    use thread_priority::ThreadPriority;
    #[cfg(target_os = "linux")]
    {
        use thread_priority::unix::{
            NormalThreadSchedulePolicy, ThreadSchedulePolicy, set_thread_priority_and_policy, thread_native_id,
        };
        let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
        if set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Min, idle).is_ok() {
            return;
        }
    }
    if let Err(error) = thread_priority::set_current_thread_priority(ThreadPriority::Min) {
        tracing::warn!(?error, "could not lower the priority of a hashing thread");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn hashing_threads_run_only_when_no_other_thread_wants_a_core() {
        use thread_priority::unix::{NormalThreadSchedulePolicy, ThreadSchedulePolicy, thread_schedule_policy};
        let pool = HashingPool::start(1, 4).unwrap();
        let policy = pool.run(|| Ok(thread_schedule_policy().ok())).await.unwrap();
        assert_eq!(policy, Some(ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle)));
    }

    #[tokio::test]
    async fn runs_work_and_reports_a_panic_as_an_error() {
        let pool = HashingPool::start(1, 8).unwrap();
        assert_eq!(pool.run(|| Ok(6 * 7)).await.unwrap(), 42);
        #[allow(clippy::panic)]
        let failed = pool.run::<(), _>(|| panic!("boom")).await;
        assert!(matches!(failed, Err(CoreError::Internal(_))), "{failed:?}");
        // The pool survives the panic.
        assert_eq!(pool.run(|| Ok("still here")).await.unwrap(), "still here");
    }

    /// A pool whose one thread is held by a job until `release` is sent.
    async fn held_pool(max_pending: usize) -> (HashingPool, std::sync::mpsc::Sender<()>) {
        let pool = HashingPool::start(1, max_pending).unwrap();
        let (release, held) = std::sync::mpsc::channel::<()>();
        let (started, running) = tokio::sync::oneshot::channel();
        let job = pool.run(move || {
            let _ = started.send(());
            held.recv().map_err(|e| CoreError::Internal(e.into()))
        });
        tokio::spawn(job);
        running.await.unwrap();
        (pool, release)
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once_and_frees_its_places() {
        let (pool, release) = held_pool(2).await;
        let queued = tokio::spawn(pool.run(|| Ok("queued")));
        let refused = pool.run(|| Ok("refused")).await;
        assert!(matches!(refused, Err(CoreError::Busy { retry_after_secs: 1 })), "{refused:?}");
        release.send(()).unwrap();
        assert_eq!(queued.await.unwrap().unwrap(), "queued");
        // Both places are free again.
        assert_eq!(pool.run(|| Ok(1)).await.unwrap(), 1);
        assert_eq!(pool.pending.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn a_job_nobody_waits_for_is_skipped() {
        let (pool, release) = held_pool(8).await;
        let ran = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = ran.clone();
        // The request is dropped (its client went away) while the job queues.
        drop(pool.run(move || {
            flag.store(true, Ordering::SeqCst);
            Ok(())
        }));
        release.send(()).unwrap();
        // A later job runs after it in FIFO order, so the skipped one has had its turn.
        pool.run(|| Ok(())).await.unwrap();
        assert!(!ran.load(Ordering::SeqCst), "the abandoned job ran");
    }
}
