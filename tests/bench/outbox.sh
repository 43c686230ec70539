#!/usr/bin/env bash
# Outbox benchmark (run by hand, not in CI): 1,000 messages through the outbox worker against a
# bare lettre loop to the same local SMTP sink, and the time to queue them, on SQLite and on
# PostgreSQL. Targets (issue 3): outbox >= 80% of the bare loop's msg/s; queueing < 2 s.
#
#   bash tests/bench/outbox.sh
#   PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres (default)
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
run() { cargo test --release -q -p pavilion-tests --test api bench_outbox -- --ignored --nocapture 2>&1 | grep -E '^(==|  )'; }
run
TEST_DATABASE_URL="$PG_ADMIN_URL" run
