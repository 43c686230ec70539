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

source tests/bench/demo_market.sh

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
  local backend=$1 token
  new_database "$backend" announce
  export PAVILION_MAIL_CONCURRENCY=0
  echo "== $backend, $BIG pavilions x 50 companies, each with an invited contact"
  seed_demo_market "$SQLITE_INVITES" "$PG_INVITES" --pavilions "$BIG" --exhibitors 50 --works 0
  start_server
  token=$(organiser_token)
  local text='"subject": {"en": "Badges", "zh-Hans": "证件"}, "body": {"en": "Badges are ready at the desk.", "zh-Hans": "证件已在服务台备好。"}'
  announce "$backend one pavilion" "$BASE" "$token" "{$text, \"audience\": [\"exhibitor\"], \"pavilions\": [\"hangzhou\"]}"
  announce "$backend every pavilion" "$BASE" "$token" "{$text, \"audience\": [\"exhibitor\"]}"
  stop_server
}

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
