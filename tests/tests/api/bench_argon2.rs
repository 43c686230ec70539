//! The raw argon2 verification rate on this machine, the ceiling of the login benchmark
//! (`bash tests/bench/login.sh`). Ignored in the normal suite.

use pavilion_core::auth::{hash_password, verify_password};
use pavilion_core::domain::Password;
use std::time::{Duration, Instant};

#[test]
#[ignore = "benchmark: run by hand with tests/bench/login.sh"]
fn bench_raw_argon2_verifications_per_second() {
    let password = Password::unchecked("violet kettle marches sideways");
    let hash = hash_password(&password).unwrap();
    // As many threads as the server's hashing pool has (PAVILION_HASHING_THREADS or its default).
    let threads = pavilion_core::config::Settings::load().unwrap().hashing_threads();
    let started = Instant::now();
    let run_for = Duration::from_secs(5);
    let counts: Vec<usize> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut n = 0;
                    while started.elapsed() < run_for {
                        assert!(verify_password(&password, hash.as_str()).unwrap());
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let rate = counts.iter().sum::<usize>() as f64 / started.elapsed().as_secs_f64();
    println!("argon2_verifications_per_second {rate:.1} ({threads} threads)");
}
