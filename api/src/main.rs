use clap::Parser;
use pavilion_api::cli::{self, Cli};
use pavilion_core::config::Settings;

/// mimalloc instead of glibc's malloc: a request makes many small, short-lived allocations on
/// many threads, where glibc spent a sixth of a read's time (`tests/bench/read.sh`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() {
    pavilion_api::telemetry::init("info");
    let cli = Cli::parse();
    let outcome = match Settings::load() {
        Ok(settings) => cli::run(cli, settings).await,
        Err(error) => Err(error.into()),
    };
    if let Err(error) = outcome {
        // One line, with the cause chain; messages are written never to contain secrets.
        tracing::error!("{error:#}");
        std::process::exit(1);
    }
}
