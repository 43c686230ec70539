#!/usr/bin/env bash
# Checks the running server against its own OpenAPI document with schemathesis (run by hand, not
# in CI: it generates thousands of requests, differently each run). It seeds a small demo market,
# logs in as the organiser, and fuzzes every operation except those that would end the session
# it runs with (logout, password change, session revocation).
#
#   bash tests/contract/schemathesis.sh                 # every check, 30 examples per operation
#   CHECKS=not_a_server_error EXAMPLES=100 bash tests/contract/schemathesis.sh
#
# `not_a_server_error` is the one that must always pass: bad input never gets a 500. The other
# checks compare responses with the document (status codes, media types, schemas).
set -euo pipefail
cd "$(dirname "$0")/../.."
CHECKS=${CHECKS:-all}
EXAMPLES=${EXAMPLES:-30}
command -v st >/dev/null || pip install -q schemathesis

cargo build --release -q -p pavilion-api
BIN=$PWD/target/release/pavilion
WORK=$(mktemp -d)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

export PAVILION_DATABASE_URL=sqlite://$WORK/contract.db PAVILION_DATA_DIR=$WORK/data PAVILION_BIND=127.0.0.1:18091
export PAVILION_JWT_SECRET=contract-signing-key-contract-signing-key RUST_LOG=warn
"$BIN" seed-demo --pavilions 3 --exhibitors 5 --works 3 >/dev/null
"$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do curl -fs http://127.0.0.1:18091/healthz >/dev/null && break; sleep 0.2; done
TOKEN=$(curl -fs http://127.0.0.1:18091/api/v1/auth/login -H 'content-type: application/json' \
  -d '{"email":"organiser@pavilion.demo","password":"pavilion-demo-2027"}' \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])')

st run http://127.0.0.1:18091/api/v1/openapi.json -c "$CHECKS" --max-examples "$EXAMPLES" -w 2 \
  -H "Authorization: Bearer $TOKEN" --exclude-path-regex '(logout|/me/password|/me/sessions/)'
