#!/usr/bin/env bash
# Read benchmark (run by hand, not in CI): loads GET /api/v1/pavilions/{slug} on SQLite and on
# PostgreSQL and, in the same run, the ceilings it is judged against:
#   - GET /healthz, the HTTP stack with no database (for the SQLite ratio);
#   - pgbench -S on the same PostgreSQL at the same concurrency (for the PostgreSQL ratio).
# Targets (issue 2): PostgreSQL read >= 50% of pgbench -S, SQLite read >= 20% of /healthz,
# p99 < 20 ms at 32 connections.
#
#   bash tests/bench/read.sh                 # 32 connections, 10 s per load
#   CONNECTIONS=64 DURATION=20s bash tests/bench/read.sh
#   PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres (default)
#   ONLY=sqlite bash tests/bench/read.sh     # the SQLite half alone
#   PAVILION_BIN=/tmp/pavilion-before bash tests/bench/read.sh   # a binary built elsewhere
set -euo pipefail
cd "$(dirname "$0")/../.."

CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PASSWORD='violet kettle marches sideways'

if ! command -v wrk >/dev/null; then
  echo "installing wrk…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
command -v pgbench >/dev/null || { echo "pgbench (PostgreSQL client tools) is required"; exit 1; }

source tests/bench/binary.sh
WORK=$(mktemp -d)
BENCH_DB=pavilion_bench_$$
PGBENCH_DB=pavilion_pgbench_$$
SERVER_PID=

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
  psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

pg_url_for() { python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p._replace(path="/"+sys.argv[2]).geturl())' "$PG_ADMIN_URL" "$1"; }

# start_server DATABASE_URL PORT: serves in the background and seeds one active pavilion.
start_server() {
  local url=$1 port=$2
  export PAVILION_DATABASE_URL=$url PAVILION_DATA_DIR=$WORK/data-$port PAVILION_BIND=127.0.0.1:$port
  export PAVILION_JWT_SECRET=bench-signing-key-bench-signing-key-0123 RUST_LOG=warn
  # The benchmark's organiser signs in with a password alone (development only).
  export PAVILION_REQUIRE_SECOND_FACTOR=false
  echo "$PASSWORD" | "$BIN" create-organiser --email bench@fair.example --name Bench >/dev/null 2>&1
  "$BIN" serve >"$WORK/server-$port.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  local token
  token=$(curl -fs "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"bench@fair.example\",\"password\":\"$PASSWORD\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')
  curl -fs "http://127.0.0.1:$port/api/v1/pavilions" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d '{"slug":"hangzhou","name":{"en":"Hangzhou Pavilion","zh-Hans":"杭州馆"},"region":{"en":"Hangzhou"},"status":"active","description":{"en":"Films and series from the West Lake city."}}' >/dev/null
}

stop_server() {
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

# load NAME URL: prints "NAME req/s p50 p99" (milliseconds) and records them in RESULTS.
declare -A RPS P50 P99
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}'; }
load() {
  local name=$1 url=$2 out
  curl -fs "$url" >/dev/null || { echo "$url does not answer 200"; exit 1; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$url" >/dev/null   # warm-up
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  if echo "$out" | grep -q 'Non-2xx'; then echo "$out"; echo "$name: errors during the load"; exit 1; fi
  RPS[$name]=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  P50[$name]=$(echo "$out" | awk '$1 == "50%" {print $2}' | to_ms)
  P99[$name]=$(echo "$out" | awk '$1 == "99%" {print $2}' | to_ms)
  printf '  %-22s %8s req/s   p50 %6s ms   p99 %6s ms\n' "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}"
}

echo "== SQLite ($CONNECTIONS connections, $DURATION each)"
start_server "sqlite://$WORK/bench.db" 18081
load healthz "http://127.0.0.1:18081/healthz"
load sqlite_read "http://127.0.0.1:18081/api/v1/pavilions/hangzhou"
stop_server

if [ "${ONLY:-}" = sqlite ]; then
  echo "  SQLite read / healthz: $(awk -v a="${RPS[sqlite_read]}" -v b="${RPS[healthz]}" 'BEGIN {printf "%.0f%%", 100 * a / b}')  (>= 20%)"
  exit 0
fi

echo "== PostgreSQL"
psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $BENCH_DB" >/dev/null
start_server "$(pg_url_for "$BENCH_DB")" 18082
load postgres_read "http://127.0.0.1:18082/api/v1/pavilions/hangzhou"
stop_server

psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $PGBENCH_DB" >/dev/null
pgbench -q -i -s 10 "$(pg_url_for "$PGBENCH_DB")" >/dev/null 2>&1
PGBENCH_TPS=$(pgbench -S -c "$CONNECTIONS" -j "$THREADS" -T "${DURATION%s}" "$(pg_url_for "$PGBENCH_DB")" 2>/dev/null \
  | awk '/^tps/ {printf "%.0f", $3}')
printf '  %-22s %8s tps\n' "pgbench -S" "$PGBENCH_TPS"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f%%", 100 * a / b}'; }
verdict() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN {print (100 * a / b >= t) ? "ok" : "BELOW TARGET"}'; }
p99_verdict() { awk -v p="$1" 'BEGIN {print (p < 20) ? "ok" : "ABOVE TARGET"}'; }

echo
echo "== Ratios (target)"
echo "  SQLite read / healthz:       $(ratio "${RPS[sqlite_read]}" "${RPS[healthz]}")  (>= 20%: $(verdict "${RPS[sqlite_read]}" "${RPS[healthz]}" 20))"
echo "  PostgreSQL read / pgbench:   $(ratio "${RPS[postgres_read]}" "$PGBENCH_TPS")  (>= 50%: $(verdict "${RPS[postgres_read]}" "$PGBENCH_TPS" 50))"
echo "  p99 SQLite read:             ${P99[sqlite_read]} ms  (< 20 ms: $(p99_verdict "${P99[sqlite_read]}"))"
echo "  p99 PostgreSQL read:         ${P99[postgres_read]} ms  (< 20 ms: $(p99_verdict "${P99[postgres_read]}"))"
