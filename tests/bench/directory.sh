#!/usr/bin/env bash
# Directory benchmark (run by hand, not in CI). Seeds demo markets with `pavilion seed-demo` and
# loads, at 16 connections:
#   - text searches of the directory of works: a common Chinese word (西湖), an English word
#     (lake), and words no work contains, in English and in two Chinese characters (the worst
#     cases: no index narrows a two-character pattern, so every published row is read);
#   - a filtered search (genre + territory);
#   - one company's public page.
# Each on SQLite and on PostgreSQL, with 10 pavilions and with 1000 pavilions (50 companies of 5
# works each: 250,000 works), in one run. Targets (issue 5): text search p95 < 50 ms at 16
# connections on PostgreSQL; the 1000-pavilion figures within 1.5x of the 10-pavilion ones.
#
#   bash tests/bench/directory.sh
#   BIG=200 DURATION=5s bash tests/bench/directory.sh      # a quicker, smaller run
#   BACKENDS=postgres bash tests/bench/directory.sh        # one backend only
set -euo pipefail
cd "$(dirname "$0")/../.."

CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
SMALL=${SMALL:-10}
BIG=${BIG:-1000}
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

# wrk prints no p95 by itself; this script does, in milliseconds, after the usual summary.
cat >"$WORK/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2f\n", latency:percentile(95) / 1000))
end
LUA

declare -A RPS P95
load() {
  local name=$1 url=$2 out
  curl -fs "$url" >/dev/null || { echo "$url does not answer 200"; exit 1; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$url" >/dev/null   # warm-up
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$WORK/p95.lua" "$url")
  if echo "$out" | grep -q 'Non-2xx'; then echo "$out"; echo "$name: errors during the load"; exit 1; fi
  RPS[$name]=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  P95[$name]=$(echo "$out" | awk '$1 == "P95" {print $2}')
  printf '  %-28s %7s req/s   p95 %8s ms\n' "$name" "${RPS[$name]}" "${P95[$name]}"
}

# run BACKEND PAVILIONS: seeds, serves, loads every query, stops.
run() {
  local backend=$1 pavilions=$2 url port=18090 started
  if [ "$backend" = sqlite ]; then
    url="sqlite://$WORK/$backend-$pavilions.db"
  else
    local db=pavilion_dir_bench_${pavilions}_$$
    DATABASES+=("$db")
    psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $db" >/dev/null
    url=$(pg_url_for "$db")
  fi
  export PAVILION_DATABASE_URL=$url PAVILION_DATA_DIR=$WORK/data PAVILION_BIND=127.0.0.1:$port
  export PAVILION_JWT_SECRET=bench-signing-key-bench-signing-key-0123 RUST_LOG=warn
  # The benchmark's organiser signs in with a password alone (development only).
  export PAVILION_REQUIRE_SECOND_FACTOR=false
  echo "== $backend, $pavilions pavilions x $EXHIBITORS companies x $WORKS works"
  started=$(date +%s)
  "$BIN" seed-demo --pavilions "$pavilions" --exhibitors "$EXHIBITORS" --works "$WORKS" 2>&1 | tail -1 | sed 's/^/  /'
  echo "  seeded in $(( $(date +%s) - started )) s"
  "$BIN" serve >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  local base="http://127.0.0.1:$port/api/v1" company
  company=$(curl -fs "$base/pavilions/hangzhou/exhibitors?limit=1" | python3 -c 'import sys,json; print(json.load(sys.stdin)["items"][0]["id"])')
  local key="$backend-$pavilions"
  load "$key search 西湖" "$base/directory/works?q=%E8%A5%BF%E6%B9%96"
  load "$key search lake" "$base/directory/works?q=lake"
  load "$key search (no match)" "$base/directory/works?q=zzyzx"
  load "$key search 翡翠 (no match)" "$base/directory/works?q=%E7%BF%A1%E7%BF%A0"
  load "$key genre+territory" "$base/directory/works?genre=romance&territory=FR"
  load "$key company page" "$base/pavilions/hangzhou/exhibitors/$company"
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

for backend in $BACKENDS; do
  run "$backend" "$SMALL"
  run "$backend" "$BIG"
done

echo
echo "== p95: $BIG pavilions against $SMALL (target: within 1.5x), and the PostgreSQL search target (< 50 ms)"
for backend in $BACKENDS; do
  for query in "search 西湖" "search lake" "search (no match)" "search 翡翠 (no match)" "genre+territory" "company page"; do
    small=${P95["$backend-$SMALL $query"]}
    big=${P95["$backend-$BIG $query"]}
    ratio=$(awk -v a="$big" -v b="$small" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}')
    verdict=$(awk -v r="$ratio" 'BEGIN {print (r <= 1.5) ? "ok" : "ABOVE 1.5x"}')
    target=""
    if [ "$backend" = postgres ] && [[ "$query" == search* ]]; then
      target=$(awk -v p="$big" 'BEGIN {print (p < 50) ? ", < 50 ms ok" : ", ABOVE 50 ms"}')
    fi
    printf '  %-10s %-20s %8s ms -> %8s ms   x%s (%s%s)\n' "$backend" "$query" "$small" "$big" "$ratio" "$verdict" "$target"
  done
done
