#!/usr/bin/env bash
# Login capacity benchmark (run by hand, not in CI), in one run on this machine:
#   - the raw argon2 verification rate (all cores), the ceiling for logins;
#   - logins per second under a flood of correct logins;
#   - p95 latency of GET /api/v1/pavilions/{slug}, idle and during the flood.
# Targets (issue 4): logins >= 80% of the raw argon2 rate; GET p95 during the flood < 2x idle.
#
#   bash tests/bench/login.sh          # DURATION=10s, FLOOD_CONNECTIONS=16, READ_CONNECTIONS=8
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10s}
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-16}
READ_CONNECTIONS=${READ_CONNECTIONS:-8}
PASSWORD='violet kettle marches sideways'

if ! command -v wrk >/dev/null; then
  echo "installing wrk…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "measuring the raw argon2 rate…"
RAW=$(cargo test --release -q -p pavilion-tests --test api bench_raw_argon2 -- --ignored --nocapture 2>&1 \
  | awk '/argon2_verifications_per_second/ {print $2}')

cargo build --release -q -p pavilion-api
BIN=$PWD/target/release/pavilion
WORK=$(mktemp -d)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

export PAVILION_DATABASE_URL=sqlite://$WORK/bench.db PAVILION_DATA_DIR=$WORK/data PAVILION_BIND=127.0.0.1:18083
export PAVILION_JWT_SECRET=bench-signing-key-bench-signing-key-0123 RUST_LOG=warn
echo "$PASSWORD" | "$BIN" create-organiser --email bench@fair.example --name Bench >/dev/null 2>&1
"$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do curl -fs http://127.0.0.1:18083/healthz >/dev/null && break; sleep 0.2; done
LOGIN='{"email":"bench@fair.example","password":"'"$PASSWORD"'"}'
TOKEN=$(curl -fs http://127.0.0.1:18083/api/v1/auth/login -H 'content-type: application/json' -d "$LOGIN" \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')
curl -fs http://127.0.0.1:18083/api/v1/pavilions -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d '{"slug":"hangzhou","name":{"en":"Hangzhou Pavilion"},"region":{"en":"Hangzhou"},"status":"active"}' >/dev/null

cat > "$WORK/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p95_ms %.2f\n", latency:percentile(95) / 1000))
  io.write(string.format("non2xx %d\n", summary.errors.status))
end
LUA
cat > "$WORK/login.lua" <<LUA
wrk.method = "POST"
wrk.body = '$LOGIN'
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  io.write(string.format("non2xx %d\n", summary.errors.status))
end
LUA
READ_URL=http://127.0.0.1:18083/api/v1/pavilions/hangzhou

wrk -t1 -c"$READ_CONNECTIONS" -d2s "$READ_URL" >/dev/null   # warm-up
IDLE=$(wrk -t1 -c"$READ_CONNECTIONS" -d"$DURATION" -s "$WORK/p95.lua" "$READ_URL")
IDLE_P95=$(echo "$IDLE" | awk '/p95_ms/ {print $2}')

wrk -t1 -c"$FLOOD_CONNECTIONS" -d"$DURATION" -s "$WORK/login.lua" http://127.0.0.1:18083/api/v1/auth/login >"$WORK/flood.txt" &
FLOOD_PID=$!
sleep 1
BUSY=$(wrk -t1 -c"$READ_CONNECTIONS" -d"$(( ${DURATION%s} - 2 ))s" -s "$WORK/p95.lua" "$READ_URL")
wait $FLOOD_PID
BUSY_P95=$(echo "$BUSY" | awk '/p95_ms/ {print $2}')
LOGINS=$(awk '/Requests\/sec/ {print $2}' "$WORK/flood.txt")
FAILED=$(awk '/non2xx/ {print $2}' "$WORK/flood.txt")

echo
echo "== Login capacity (SQLite, ${FLOOD_CONNECTIONS} login connections, ${READ_CONNECTIONS} read connections)"
printf "  raw argon2 verifications   %8.1f /s   (as many threads as the hashing pool)\n" "$RAW"
printf '  logins                     %8.1f /s   (non-2xx: %s)\n' "$LOGINS" "$FAILED"
printf '  GET p95 idle               %8.2f ms\n' "$IDLE_P95"
printf '  GET p95 during the flood   %8.2f ms\n' "$BUSY_P95"
awk -v l="$LOGINS" -v r="$RAW" -v i="$IDLE_P95" -v b="$BUSY_P95" 'BEGIN {
  printf "  logins / raw argon2        %7.0f%%   (target >= 80%%)\n", 100 * l / r
  printf "  GET p95 flood / idle       %8.2fx  (target < 2x)\n", b / i
}'
