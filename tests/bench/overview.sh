#!/usr/bin/env bash
# Market overview benchmark (run by hand, not in CI). Seeds demo markets with `pavilion seed-demo`
# (50 companies of 5 works per pavilion), adds what a market collects while it runs (10 audit
# events per company; 3 emails per company: one sent, one failed, one pending), and loads, at
# CONNECTIONS connections with the organiser's token:
#   - GET /api/v1/market/overview (every pavilion's figures and the totals);
#   - GET /api/v1/pavilions/{slug}/overview (one pavilion's);
#   - GET /healthz (the server's floor, for the ratios).
# On SQLite and on PostgreSQL, with SMALL (10) and BIG (1000) pavilions, in one run. One
# connection by default (an organiser's dashboard is read by a few people, not a crowd); try
# CONNECTIONS=4 for several at once. PostgreSQL is vacuumed after seeding, as autovacuum would
# have done on a running market (index-only counts need the visibility map).
# Target (issue 14): the market overview's p95 under 100 ms with 1000 pavilions x 50 companies.
#
#   bash tests/bench/overview.sh
#   BIG=200 DURATION=5s bash tests/bench/overview.sh     # a quicker, smaller run
#   BACKENDS=postgres bash tests/bench/overview.sh       # one backend only
set -euo pipefail
cd "$(dirname "$0")/../.."

CONNECTIONS=${CONNECTIONS:-1}
DURATION=${DURATION:-10s}
SMALL=${SMALL:-10}
BIG=${BIG:-1000}
PG_ADMIN_URL=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
BACKENDS=${BACKENDS:-sqlite postgres}
PORT=18091

if ! command -v wrk >/dev/null; then
  echo "installing wrk…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
source tests/bench/demo_market.sh

cat >"$WORK/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2f\n", latency:percentile(95) / 1000))
end
LUA

# What a running market adds to the demo: audit events and emails, per company.
SQLITE_HISTORY="
INSERT INTO audit_events (id, pavilion_id, actor_id, action, target, ip, created_at)
SELECT e.id || '-a' || n.k, e.pavilion_id, NULL, 'exhibitor.updated', e.id, NULL,
       strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || (n.k * 7) || ' hours')
FROM exhibitors e,
     (WITH RECURSIVE k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k WHERE k < 10) SELECT k FROM k) n;
INSERT INTO outbox (id, pavilion_id, kind, payload, recipient, recipient_name, locale, status, attempts,
                    next_attempt_at, claimed_until, last_error, message_id, resend_of, created_at, updated_at, sent_at)
SELECT e.id || '-m' || n.k, e.pavilion_id, 'invitation', '{}', 'bench@example.com', NULL, 'en',
       CASE n.k WHEN 1 THEN 'sent' WHEN 2 THEN 'failed' ELSE 'pending' END, 1,
       strftime('%Y-%m-%d %H:%M:%S', 'now', '+30 days'), NULL, NULL, e.id || '-m' || n.k || '@bench', NULL,
       strftime('%Y-%m-%d %H:%M:%S', 'now', '-1 day'), strftime('%Y-%m-%d %H:%M:%S', 'now', '-1 day'), NULL
FROM exhibitors e, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) n;
ANALYZE;"
PG_HISTORY="
INSERT INTO audit_events (id, pavilion_id, actor_id, action, target, ip, created_at)
SELECT e.id || '-a' || k, e.pavilion_id, NULL, 'exhibitor.updated', e.id, NULL, now() - k * 7 * interval '1 hour'
FROM exhibitors e, generate_series(1, 10) AS k;
INSERT INTO outbox (id, pavilion_id, kind, payload, recipient, recipient_name, locale, status, attempts,
                    next_attempt_at, claimed_until, last_error, message_id, resend_of, created_at, updated_at, sent_at)
SELECT e.id || '-m' || k, e.pavilion_id, 'invitation', '{}', 'bench@example.com', NULL, 'en',
       CASE k WHEN 1 THEN 'sent' WHEN 2 THEN 'failed' ELSE 'pending' END, 1,
       now() + interval '30 days', NULL, NULL, e.id || '-m' || k || '@bench', NULL,
       now() - interval '1 day', now() - interval '1 day', NULL
FROM exhibitors e, generate_series(1, 3) AS k;"

declare -A P95 RPS
load() {
  local name=$1 url=$2 token=${3:-} out
  local auth=()
  [ -n "$token" ] && auth=(-H "Authorization: Bearer $token")
  curl -fs "${auth[@]}" "$url" >/dev/null || { echo "$url does not answer 200"; exit 1; }
  wrk -t1 -c"$CONNECTIONS" -d2s --timeout 30s "${auth[@]}" "$url" >/dev/null   # warm-up
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --timeout 30s "${auth[@]}" -s "$WORK/p95.lua" "$url")
  if echo "$out" | grep -qE 'Non-2xx|Socket errors'; then echo "$out"; echo "$name: errors during the load"; exit 1; fi
  RPS[$name]=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
  P95[$name]=$(echo "$out" | awk '$1 == "P95" {print $2}')
  printf '  %-34s %7s req/s   p95 %8s ms\n' "$name" "${RPS[$name]}" "${P95[$name]}"
}

run() {
  local backend=$1 pavilions=$2 token
  new_database "$backend" "overview-$pavilions"
  echo "== $backend, $pavilions pavilions x 50 companies x 5 works"
  seed_demo_market "$SQLITE_HISTORY" "$PG_HISTORY" --pavilions "$pavilions" --exhibitors 50 --works 5
  start_server
  token=$(organiser_token)
  local key="$backend-$pavilions"
  load "$key /healthz" "$BASE/healthz"
  load "$key market overview" "$BASE/api/v1/market/overview" "$token"
  load "$key one pavilion's overview" "$BASE/api/v1/pavilions/hangzhou/overview" "$token"
  stop_server
}

for backend in $BACKENDS; do
  run "$backend" "$SMALL"
  run "$backend" "$BIG"
done

echo
echo "== p95 of the market overview: $BIG pavilions against $SMALL, and against /healthz (target: < 100 ms at $BIG)"
for backend in $BACKENDS; do
  small=${P95["$backend-$SMALL market overview"]}
  big=${P95["$backend-$BIG market overview"]}
  floor=${P95["$backend-$BIG /healthz"]}
  awk -v b="$backend" -v s="$small" -v g="$big" -v f="$floor" -v n="$BIG" 'BEGIN {
    printf "  %-9s %8s ms -> %8s ms  x%.1f against the overview at %s pavilions, x%.0f against /healthz  (%s)\n",
      b, s, g, (s > 0) ? g / s : 0, n, (f > 0) ? g / f : 0, (g < 100) ? "< 100 ms ok" : "ABOVE 100 ms" }'
  small=${P95["$backend-$SMALL one pavilion's overview"]}
  big=${P95["$backend-$BIG one pavilion's overview"]}
  awk -v b="$backend" -v s="$small" -v g="$big" 'BEGIN {
    printf "  %-9s one pavilion: %8s ms -> %8s ms  x%.1f\n", b, s, g, (s > 0) ? g / s : 0 }'
done
