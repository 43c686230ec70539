#!/usr/bin/env bash
# Announcement benchmark (run by hand, not in CI): how long queuing an announcement to thousands
# of people takes, all in one transaction. Seeds a demo market with `pavilion seed-demo` (BIG
# pavilions of 50 companies; each pavilion has an admin and a company account) and gives each
# company a contact invited but not signed up (an open invitation), then, as the organiser:
#   - writes to one pavilion's companies (the baseline: 51 people);
#   - writes to every pavilion's companies (BIG x 51 people);
# and prints each answer's time, the messages queued, and the ratios. The outbox worker is off
# (PAVILION_MAIL_CONCURRENCY=0): this measures queuing, not delivery.
#
#   bash tests/bench/announce.sh
#   BIG=200 BACKENDS=sqlite bash tests/bench/announce.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

BIG=${BIG:-1000}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
BACKENDS=${BACKENDS:-sqlite postgres}
PORT=18092

if ! command -v sqlite3 >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
fi

echo "building the release binary…"
cargo build --release -q -p pavilion-api
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/pavilion
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

# One open invitation per company, from the organiser, for 30 days.
SQLITE_INVITES="
INSERT INTO invitations (id, pavilion_id, email, role, exhibitor_id, locale, token_hash, invited_by, created_at, expires_at)
SELECT e.id || '-i', e.pavilion_id, 'contact-' || e.id || '@bench.example', 'exhibitor', e.id, 'en', 'bench-' || e.id,
       (SELECT id FROM users WHERE role = 'organiser' LIMIT 1),
       strftime('%Y-%m-%d %H:%M:%S', 'now'), strftime('%Y-%m-%d %H:%M:%S', 'now', '+30 days')
FROM exhibitors e;"
PG_INVITES="
INSERT INTO invitations (id, pavilion_id, email, role, exhibitor_id, locale, token_hash, invited_by, created_at, expires_at)
SELECT e.id || '-i', e.pavilion_id, 'contact-' || e.id || '@bench.example', 'exhibitor', e.id, 'en', 'bench-' || e.id,
       (SELECT id FROM users WHERE role = 'organiser' LIMIT 1), now(), now() + interval '30 days'
FROM exhibitors e;"

declare -A SECONDS_TAKEN QUEUED
announce() {
  local key=$1 base=$2 token=$3 body=$4 out
  out=$(curl -fs -w ' %{time_total}' "$base/api/v1/announcements" -H "Authorization: Bearer $token" \
    -H 'content-type: application/json' -d "$body") || { echo "$key: the announcement was refused"; exit 1; }
  QUEUED[$key]=$(echo "$out" | python3 -c 'import sys,json; t=sys.stdin.read(); print(json.loads(t[:t.rindex(" ")])["recipients"])')
  SECONDS_TAKEN[$key]=${out##* }
  printf '  %-34s %7s messages queued in %8.3f s\n' "$key" "${QUEUED[$key]}" "${SECONDS_TAKEN[$key]}"
}

run() {
  local backend=$1 url started
  if [ "$backend" = sqlite ]; then
    url="sqlite://$WORK/$backend.db"
  else
    local db=pavilion_announce_bench_$$
    DATABASES+=("$db")
    psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $db" >/dev/null
    url=$(pg_url_for "$db")
  fi
  export PAVILION_DATABASE_URL=$url PAVILION_DATA_DIR=$WORK/data-$backend PAVILION_BIND=127.0.0.1:$PORT
  export PAVILION_JWT_SECRET=bench-signing-key-bench-signing-key-0123 RUST_LOG=warn PAVILION_MAIL_CONCURRENCY=0
  echo "== $backend, $BIG pavilions x 50 companies, each with an invited contact"
  started=$(date +%s)
  "$BIN" seed-demo --pavilions "$BIG" --exhibitors 50 --works 0 2>&1 | tail -1 | sed 's/^/  /'
  if [ "$backend" = sqlite ]; then
    sqlite3 "$WORK/$backend.db" "$SQLITE_INVITES"
  else
    psql "$url" -qc "$PG_INVITES" >/dev/null
    psql "$url" -qc "VACUUM ANALYZE" >/dev/null
  fi
  echo "  seeded in $(( $(date +%s) - started )) s"
  "$BIN" serve >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  local base="http://127.0.0.1:$PORT" token
  token=$(curl -fs "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\": \"organiser@pavilion.demo\", \"password\": \"$DEMO_PASSWORD\"}" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')
  local text='"subject": {"en": "Badges", "zh-Hans": "证件"}, "body": {"en": "Badges are ready at the desk.", "zh-Hans": "证件已在服务台备好。"}'
  announce "$backend one pavilion" "$base" "$token" "{$text, \"audience\": [\"exhibitor\"], \"pavilions\": [\"hangzhou\"]}"
  announce "$backend every pavilion" "$base" "$token" "{$text, \"audience\": [\"exhibitor\"]}"
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

DEMO_PASSWORD=$(sed -n 's/.*DEMO_PASSWORD: &str = "\(.*\)";/\1/p' core/src/services/demo.rs)
for backend in $BACKENDS; do
  run "$backend"
done

echo
echo "== every pavilion against one: messages and time"
for backend in $BACKENDS; do
  awk -v b="$backend" -v q1="${QUEUED["$backend one pavilion"]}" -v t1="${SECONDS_TAKEN["$backend one pavilion"]}" \
      -v q2="${QUEUED["$backend every pavilion"]}" -v t2="${SECONDS_TAKEN["$backend every pavilion"]}" 'BEGIN {
    printf "  %-9s x%.0f messages in x%.1f the time: %.0f messages/s, %.3f ms each\n",
      b, q2 / q1, t2 / t1, q2 / t2, 1000 * t2 / q2 }'
done
