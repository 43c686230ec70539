#!/usr/bin/env bash
# Page benchmark (run by hand, not in CI). Seeds a demo market with `pavilion seed-demo`, then
# loads, at 32 connections, each page against the JSON endpoints that return the same data:
#   - a company's public page   against  GET /api/v1/pavilions/{slug}/exhibitors/{id} and
#     GET …/{id}/works together (a client needs both for what the page shows: their combined
#     rate is 1 / (1/a + 1/b));
#   - the directory page (西湖)   against  GET /api/v1/directory/works?q=西湖&limit=24
#     (the page also counts the results and lists the pavilions for its filter).
# On SQLite and on PostgreSQL, in one run. Target (issue 12): a page reaches at least 50% of its
# JSON endpoint's throughput, with p99 under 50 ms.
#
#   bash tests/bench/pages.sh
#   DURATION=5s PAVILIONS=3 bash tests/bench/pages.sh      # a quicker, smaller run
#   BACKENDS=postgres bash tests/bench/pages.sh            # one backend only
set -euo pipefail
cd "$(dirname "$0")/../.."

CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
PAVILIONS=${PAVILIONS:-10}
EXHIBITORS=${EXHIBITORS:-50}
WORKS=${WORKS:-5}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
BACKENDS=${BACKENDS:-sqlite postgres}

if ! command -v wrk >/dev/null; then
  echo "installing wrk…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

source tests/bench/binary.sh
WORK=$(mktemp -d)
DATABASES=()
SERVER_PID=

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  for db in "${DATABASES[@]}"; do psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

pg_url_for() { python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p._replace(path="/"+sys.argv[2]).geturl())' "$PG_ADMIN_URL" "$1"; }

# wrk prints no p99 in a form easy to read back; this script does, in milliseconds.
cat >"$WORK/p99.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("P99 %.2f\n", latency:percentile(99) / 1000))
end
LUA

declare -A RPS P99
load() {
  local name=$1 url=$2 out
  curl -fs "$url" >/dev/null || { echo "$url does not answer 200"; exit 1; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$url" >/dev/null   # warm-up
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$WORK/p99.lua" "$url")
  if echo "$out" | grep -q 'Non-2xx'; then echo "$out"; echo "$name: errors during the load"; exit 1; fi
  RPS[$name]=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  P99[$name]=$(echo "$out" | awk '$1 == "P99" {print $2}')
  printf '  %-34s %7s req/s   p99 %8s ms\n' "$name" "${RPS[$name]}" "${P99[$name]}"
}

run() {
  local backend=$1 url port=18091
  if [ "$backend" = sqlite ]; then
    url="sqlite://$WORK/pages.db"
  else
    local db=pavilion_pages_bench_$$
    DATABASES+=("$db")
    psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $db" >/dev/null
    url=$(pg_url_for "$db")
  fi
  export PAVILION_DATABASE_URL=$url PAVILION_DATA_DIR=$WORK/data-$backend PAVILION_BIND=127.0.0.1:$port
  export PAVILION_JWT_SECRET=bench-signing-key-bench-signing-key-0123 RUST_LOG=warn
  # The benchmark's organiser signs in with a password alone (development only).
  export PAVILION_REQUIRE_SECOND_FACTOR=false
  echo "== $backend, $PAVILIONS pavilions x $EXHIBITORS companies x $WORKS works, $CONNECTIONS connections"
  "$BIN" seed-demo --pavilions "$PAVILIONS" --exhibitors "$EXHIBITORS" --works "$WORKS" 2>&1 | tail -1 | cut -c1-60 | sed 's/^/  /'
  "$BIN" serve >"$WORK/server-$backend.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  local site="http://127.0.0.1:$port" company
  company=$(curl -fs "$site/api/v1/directory/exhibitors?pavilion=hangzhou&limit=1" | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["id"])')
  load "$backend company JSON" "$site/api/v1/pavilions/hangzhou/exhibitors/$company"
  load "$backend company works JSON" "$site/api/v1/pavilions/hangzhou/exhibitors/$company/works"
  load "$backend company page" "$site/en/pavilions/hangzhou/exhibitors/$company"
  load "$backend directory JSON" "$site/api/v1/directory/works?q=%E8%A5%BF%E6%B9%96&limit=24"
  load "$backend directory page" "$site/en/directory?q=%E8%A5%BF%E6%B9%96"
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  RPS["$backend company+works JSON"]=$(awk -v a="${RPS["$backend company JSON"]}" -v b="${RPS["$backend company works JSON"]}" 'BEGIN {printf "%.0f", 1 / (1 / a + 1 / b)}')
}

for backend in $BACKENDS; do
  run "$backend"
done

echo
echo "== each page against its JSON endpoint (target: at least 50% of its throughput, p99 < 50 ms)"
for backend in $BACKENDS; do
  for pair in "company page:company+works JSON" "directory page:directory JSON"; do
    page=${pair%%:*} json=${pair#*:}
    ratio=$(awk -v a="${RPS["$backend $page"]}" -v b="${RPS["$backend $json"]}" 'BEGIN {printf "%.0f", (b > 0) ? 100 * a / b : 0}')
    verdict=$(awk -v r="$ratio" -v p="${P99["$backend $page"]}" 'BEGIN {print ((r >= 50) ? "ok" : "BELOW 50%") ", " ((p < 50) ? "p99 ok" : "p99 ABOVE 50 ms")}')
    printf '  %-10s %-16s %7s req/s = %3s%% of %-20s %7s req/s; p99 %s ms (%s)\n' "$backend" "$page" "${RPS["$backend $page"]}" "$ratio" "$json" "${RPS["$backend $json"]}" "${P99["$backend $page"]}" "$verdict"
  done
done
