# Shared by the benchmarks that load a demo market (sourced, not run): the release binary, a work
# folder removed at exit with the PostgreSQL databases made, and the steps of one run: a database,
# the demo market seeded with extra SQL, the server, the organiser's token.
#   PORT, PG_ADMIN_URL: set by the caller before sourcing.

if ! command -v sqlite3 >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
fi

source tests/bench/binary.sh
WORK=$(mktemp -d)
DATABASES=()
SERVER_PID=
BASE="http://127.0.0.1:$PORT"
DEMO_PASSWORD=$(sed -n 's/.*DEMO_PASSWORD: &str = "\(.*\)";/\1/p' core/src/services/demo.rs)

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  for db in "${DATABASES[@]}"; do psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

pg_url_for() { python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p._replace(path="/"+sys.argv[2]).geturl())' "$PG_ADMIN_URL" "$1"; }

# A fresh database for BACKEND (sqlite or postgres) named NAME: sets DB_URL, and the server's
# environment with a data folder of its own.
new_database() {
  local backend=$1 name=$2
  if [ "$backend" = sqlite ]; then
    DB_URL="sqlite://$WORK/$name.db"
  else
    local db=${name//-/_}_$$
    DATABASES+=("$db")
    psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $db" >/dev/null
    DB_URL=$(pg_url_for "$db")
  fi
  export PAVILION_DATABASE_URL=$DB_URL PAVILION_DATA_DIR=$WORK/data-$name PAVILION_BIND=127.0.0.1:$PORT
  export PAVILION_JWT_SECRET=bench-signing-key-bench-signing-key-0123 RUST_LOG=warn
  # The benchmark's organiser signs in with a password alone (development only).
  export PAVILION_REQUIRE_SECOND_FACTOR=false
}

# seed_demo_market SQLITE_SQL PG_SQL SEED-DEMO-ARGS…: the demo market, then what a running market
# adds (in each backend's SQL), then statistics as autovacuum would have them.
seed_demo_market() {
  local sqlite_sql=$1 pg_sql=$2 started
  shift 2
  started=$(date +%s)
  "$BIN" seed-demo "$@" 2>&1 | tail -1 | sed 's/^/  /'
  if [[ "$DB_URL" == sqlite://* ]]; then
    sqlite3 "${DB_URL#sqlite://}" "$sqlite_sql"
  else
    psql "$DB_URL" -qc "$pg_sql" >/dev/null
    psql "$DB_URL" -qc "VACUUM ANALYZE" >/dev/null
  fi
  echo "  seeded in $(( $(date +%s) - started )) s"
}

start_server() {
  "$BIN" serve >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done
}

stop_server() {
  kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

# The demo organiser's access token.
organiser_token() {
  curl -fs "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\": \"organiser@pavilion.demo\", \"password\": \"$DEMO_PASSWORD\"}" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["access_token"])'
}
