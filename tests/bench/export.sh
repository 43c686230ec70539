#!/usr/bin/env bash
# Export benchmark (run by hand, not in CI): the market's works (1000 pavilions x 50 companies x
# 5 works = 250,000) downloaded as CSV and as XLSX, the published and the working copies, on
# SQLite (BACKEND=postgres for PostgreSQL). Prints each file's size, rows and time, and the
# server's peak memory (VmHWM) against its memory before the first export: a streamed export
# should leave the peak near the baseline whatever the market's size.
#
#   bash tests/bench/export.sh
#   PAVILIONS=100 bash tests/bench/export.sh        # a quicker, smaller run
set -euo pipefail
cd "$(dirname "$0")/../.."

PAVILIONS=${PAVILIONS:-1000}
BACKEND=${BACKEND:-sqlite}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
BENCH_DB=pavilion_export_bench
PORT=18092

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
export PAVILION_DATA_DIR=$WORK/data PAVILION_BIND=127.0.0.1:$PORT
export PAVILION_JWT_SECRET=bench-signing-key-bench-signing-key-0123 RUST_LOG=warn
# The benchmark's organiser signs in with a password alone (development only).
export PAVILION_REQUIRE_SECOND_FACTOR=false
echo "seeding $PAVILIONS pavilions x 50 companies x 5 works ($BACKEND)…"
"$BIN" seed-demo --pavilions "$PAVILIONS" --exhibitors 50 --works 5 >/dev/null 2>&1
"$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
DEMO_PASSWORD=$(sed -n 's/.*DEMO_PASSWORD: &str = "\(.*\)";/\1/p' core/src/services/demo.rs)
TOKEN=$(curl -fs "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\": \"organiser@pavilion.demo\", \"password\": \"$DEMO_PASSWORD\"}" \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')
memory() { awk -v key="$1:" '$1 == key {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status"; }
curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/market/overview" >/dev/null
BASELINE=$(memory VmRSS)
echo "== server memory before the exports: $BASELINE MiB"
for file in works.csv works.xlsx; do
  for version in published working; do
    started=$(date +%s.%N)
    curl -fs -H "Authorization: Bearer $TOKEN" -o "$WORK/$file" "http://127.0.0.1:$PORT/api/v1/exports/$file?version=$version"
    took=$(echo "$(date +%s.%N) - $started" | bc)
    size=$(stat -c %s "$WORK/$file")
    if [ "${file##*.}" = csv ]; then
      rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8-sig"))) - 1)' "$WORK/$file")
    else
      rows=$(python3 -c 'import zipfile,sys,re; print(len(re.findall(rb"<row ", zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml"))) - 1)' "$WORK/$file")
    fi
    printf '  %-11s %-9s %8d rows  %7.1f MiB  %6.1f s   peak so far %5s MiB (x%s of the baseline)\n' \
      "$file" "$version" "$rows" "$(echo "$size / 1048576" | bc -l)" "$took" "$(memory VmHWM)" \
      "$(awk -v p="$(memory VmHWM)" -v b="$BASELINE" 'BEGIN {printf "%.2f", p / b}')"
    rm -f "$WORK/$file"
  done
done
