#!/usr/bin/env bash
# Login capacity benchmark (run by hand, not in CI), in one run on this machine:
#   1. the raw argon2 verification rate, on as many threads as the server's hashing pool: the
#      ceiling for logins;
#   2. logins per second under a flood of correct logins, and their ratio to (1);
#   3. p95 latency of GET /api/v1/pavilions/{slug}, idle and during a login flood, for two kinds
#      of reader: a steady one (READ_CONNECTIONS connections, each pausing READ_PAUSE_MS between
#      requests, well under capacity: the visitors of a fair) and a saturating one (the same
#      connections with no pause: every spare cycle of the machine).
# Targets (issue 4): logins >= 80% of the raw argon2 rate; GET p95 during the flood < 2x idle.
# The load generator shares the server's 2 cores, so it competes with both.
#
#   bash tests/bench/login.sh          # DURATION=10s, FLOOD_CONNECTIONS=16, READ_CONNECTIONS=8,
#                                      # READ_PAUSE_MS=10, BACKEND=sqlite
#   BACKEND=postgres bash tests/bench/login.sh   # a fresh database on PG_ADMIN_URL's server
#   SKIP_RAW=1 bash tests/bench/login.sh         # without (1), which builds the test suite in
#                                                # release mode first (minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-16}
READ_CONNECTIONS=${READ_CONNECTIONS:-8}
READ_PAUSE_MS=${READ_PAUSE_MS:-10}
BACKEND=${BACKEND:-sqlite}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
BENCH_DB=pavilion_login_bench
PASSWORD='violet kettle marches sideways'

if ! command -v wrk >/dev/null; then
  echo "installing wrk…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

RAW=
if [ -z "${SKIP_RAW:-}" ]; then
  echo "measuring the raw argon2 rate…"
  RAW=$(cargo test --release -q -p pavilion-tests --test api bench_raw_argon2 -- --ignored --nocapture 2>&1 \
    | awk '/argon2_verifications_per_second/ {print $2}')
fi

source tests/bench/binary.sh
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [ "$BACKEND" = postgres ] && psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

case "$BACKEND" in
  sqlite) export PAVILION_DATABASE_URL=sqlite://$WORK/bench.db ;;
  postgres)
    psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $BENCH_DB" >/dev/null
    export PAVILION_DATABASE_URL=${PG_ADMIN_URL%/*}/$BENCH_DB ;;
  *) echo "BACKEND must be sqlite or postgres" >&2; exit 2 ;;
esac
export PAVILION_DATA_DIR=$WORK/data PAVILION_BIND=127.0.0.1:18083
export PAVILION_JWT_SECRET=bench-signing-key-bench-signing-key-0123 RUST_LOG=warn
# The benchmark's organiser signs in with a password alone (development only).
export PAVILION_REQUIRE_SECOND_FACTOR=false
echo "$PASSWORD" | "$BIN" create-organiser --email bench@fair.example --name Bench >/dev/null 2>&1
"$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do curl -fs http://127.0.0.1:18083/healthz >/dev/null && break; sleep 0.2; done
LOGIN='{"email":"bench@fair.example","password":"'"$PASSWORD"'"}'
TOKEN=$(curl -fs http://127.0.0.1:18083/api/v1/auth/login -H 'content-type: application/json' -d "$LOGIN" \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')
curl -fs http://127.0.0.1:18083/api/v1/pavilions -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"slug":"hangzhou","name":{"en":"Hangzhou Pavilion"},"region":{"en":"Hangzhou"},"status":"active"}' >/dev/null

cat > "$WORK/steady.lua" <<LUA
function delay() return $READ_PAUSE_MS end
LUA
cat > "$WORK/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p95_ms %.2f\n", latency:percentile(95) / 1000))
  io.write(string.format("rps %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("non2xx %d\n", summary.errors.status))
end
LUA
cat "$WORK/p95.lua" >> "$WORK/steady.lua"
cat > "$WORK/login.lua" <<LUA
wrk.method = "POST"
wrk.body = '$LOGIN'
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  io.write(string.format("non2xx %d\n", summary.errors.status))
end
LUA
READ_URL=http://127.0.0.1:18083/api/v1/pavilions/hangzhou
LOGIN_URL=http://127.0.0.1:18083/api/v1/auth/login
field() { awk -v k="$1" '$1 == k {print $2}'; }

flood() { wrk -t1 -c"$FLOOD_CONNECTIONS" -d"$1" -s "$WORK/login.lua" "$LOGIN_URL"; }
read_load() { wrk -t1 -c"$READ_CONNECTIONS" -d"$2" -s "$WORK/$1.lua" "$READ_URL"; }

echo "login flood alone…"
FLOOD=$(flood "$DURATION")
LOGINS=$(echo "$FLOOD" | awk '/Requests\/sec/ {print $2}')
FAILED=$(echo "$FLOOD" | field non2xx)

# Reads idle, then the same reads while a flood runs (started first, ending after them).
READS_SECS=$(( ${DURATION%s} - 2 ))
declare -A IDLE BUSY RPS_IDLE RPS_BUSY LOGINS_DURING
for reader in steady p95; do
  echo "reads ($reader), idle and during a login flood…"
  read_load "$reader" 2s >/dev/null   # warm-up
  OUT=$(read_load "$reader" "${READS_SECS}s")
  IDLE[$reader]=$(echo "$OUT" | field p95_ms); RPS_IDLE[$reader]=$(echo "$OUT" | field rps)
  flood "$DURATION" >"$WORK/flood.txt" &
  FLOOD_PID=$!
  sleep 1
  OUT=$(read_load "$reader" "${READS_SECS}s")
  wait $FLOOD_PID
  BUSY[$reader]=$(echo "$OUT" | field p95_ms); RPS_BUSY[$reader]=$(echo "$OUT" | field rps)
  LOGINS_DURING[$reader]=$(awk '/Requests\/sec/ {print $2}' "$WORK/flood.txt")
done

echo
echo "== Login capacity ($BACKEND, ${FLOOD_CONNECTIONS} login connections, ${READ_CONNECTIONS} read connections)"
if [ -n "$RAW" ]; then
  printf "  raw argon2 verifications   %8.1f /s   (as many threads as the hashing pool)\n" "$RAW"
fi
printf '  logins, flood alone        %8.1f /s   (non-2xx: %s)\n' "$LOGINS" "$FAILED"
if [ -n "$RAW" ]; then
  awk -v l="$LOGINS" -v r="$RAW" 'BEGIN { printf "  logins / raw argon2        %7.0f%%   (target >= 80%%)\n", 100 * l / r }'
fi
for reader in steady p95; do
  label=$([ "$reader" = steady ] && echo "steady reader, ${READ_PAUSE_MS} ms pauses" || echo "saturating reader")
  echo "  GET, $label:"
  printf '    p95 idle                 %8.2f ms  (%s req/s)\n' "${IDLE[$reader]}" "${RPS_IDLE[$reader]}"
  printf '    p95 during the flood     %8.2f ms  (%s req/s; logins meanwhile %s /s)\n' \
    "${BUSY[$reader]}" "${RPS_BUSY[$reader]}" "${LOGINS_DURING[$reader]}"
  awk -v b="${BUSY[$reader]}" -v i="${IDLE[$reader]}" 'BEGIN { printf "    flood / idle             %8.2fx  (target < 2x)\n", b / i }'
done
