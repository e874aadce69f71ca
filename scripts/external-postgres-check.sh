#!/usr/bin/env bash
# Proves that the packaged jar runs on an EXTERNAL PostgreSQL 15 (Debian's), configured only through the standard
# SPRING_DATASOURCE_* variables. Not part of ./mvnw verify; run it by hand (as root) after `./mvnw package`:
#
#   scripts/external-postgres-check.sh            # uses target/attt-hub-*.jar, builds it when missing
#   BUILD=1 scripts/external-postgres-check.sh    # rebuilds the jar first (tests skipped)
#
# What it checks: the app starts on PG 15 and says so in its log (URL without password), Flyway migrates, the
# bootstrap API token works, readiness includes the database, the audit chain verifies, no demo agencies were
# loaded (attt.demo-data=auto never loads them on an external database), the database refuses DELETE on the audit
# table, a restart reuses the data, a pg_dump/pg_restore copy keeps a chain whose hashes still verify, and shutdown
# is graceful. It creates its own role and databases and removes them afterwards; it stops the cluster only if it
# started it.
set -euo pipefail

cd "$(dirname "$0")/.."
PG_VERSION=15
PORT_DB=${PGPORT:-5432}
APP_PORT=${APP_PORT:-18089}
SUFFIX=$(date +%s)
DB=attt_check_$SUFFIX
DB_RESTORED=attt_restored_$SUFFIX
DB_USER=attt_check_$SUFFIX
DB_PASSWORD="Ch3ck-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADMIN_PASSWORD='Kiem-Tra#Ngoai2026'
API_TOKEN="attt_extcheck-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK=$(mktemp -d /tmp/attt-extpg.XXXXXX)
LOG=$WORK/app.log
APP_PID=
STARTED_CLUSTER=0

say() { printf '\n== %s\n' "$*"; }
fail() { printf '\nFAILED: %s\n' "$*" >&2; [ -f "$LOG" ] && tail -n 40 "$LOG" >&2; exit 1; }
psql_admin() { su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -p $PORT_DB $*"; }

cleanup() {
  set +e
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID"; wait "$APP_PID" 2>/dev/null; fi
  psql_admin "-c 'DROP DATABASE IF EXISTS $DB'" >/dev/null 2>&1
  psql_admin "-c 'DROP DATABASE IF EXISTS $DB_RESTORED'" >/dev/null 2>&1
  psql_admin "-c 'DROP ROLE IF EXISTS $DB_USER'" >/dev/null 2>&1
  if [ "$STARTED_CLUSTER" = 1 ]; then pg_ctlcluster --skip-systemctl-redirect $PG_VERSION main stop; fi
  echo "(logs kept in $WORK)"
}
trap cleanup EXIT

say "PostgreSQL $PG_VERSION"
if [ ! -x /usr/lib/postgresql/$PG_VERSION/bin/postgres ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-$PG_VERSION
fi
if ! pg_lsclusters -h | awk -v v=$PG_VERSION '$1==v && $2=="main" && $4=="online"' | grep -q .; then
  pg_ctlcluster --skip-systemctl-redirect $PG_VERSION main start
  STARTED_CLUSTER=1
fi
psql_admin "-tAc 'SELECT version()'"

say "Role $DB_USER and database $DB"
psql_admin "-c \"CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'\""
psql_admin "-c 'CREATE DATABASE $DB OWNER $DB_USER ENCODING UTF8 TEMPLATE template0'"

JAR=$(ls target/attt-hub-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ] || [ "${BUILD:-0}" = 1 ]; then
  say "Building the jar"
  ./mvnw -q -o package -DskipTests
  JAR=$(ls target/attt-hub-*.jar | grep -v original | head -1)
fi
echo "jar: $JAR"

start_app() {
  SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:$PORT_DB/$DB" \
  SPRING_DATASOURCE_USERNAME="$DB_USER" \
  SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" \
  SERVER_PORT=$APP_PORT \
  ATTT_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  ATTT_BOOTSTRAP_API_TOKEN="$API_TOKEN" \
  java -jar "$JAR" >>"$LOG" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://localhost:$APP_PORT/actuator/health/readiness" >"$WORK/ready.json" 2>/dev/null; then
      return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || fail "the application exited during startup"
    sleep 1
  done
  fail "not ready after 120 s"
}

stop_app() {
  kill "$APP_PID"   # SIGTERM: graceful shutdown
  wait "$APP_PID" || true
  APP_PID=
}

api() { curl -sS -H "Authorization: Bearer $API_TOKEN" -H 'Accept: application/json' "$@"; }

say "Starting the jar on the external database"
T0=$(date +%s)
start_app
echo "ready after $(( $(date +%s) - T0 )) s: $(cat "$WORK/ready.json")"
grep -q '"db"' "$WORK/ready.json" || fail "readiness does not include the database"
grep -E "Database: EXTERNAL PostgreSQL $PG_VERSION" "$LOG" || fail "startup log does not name the external database"
grep -q "jdbc:postgresql://localhost:$PORT_DB/$DB" "$LOG" || fail "startup log does not show the JDBC URL"
if grep -qF "$DB_PASSWORD" "$LOG" || grep -qF "$API_TOKEN" "$LOG" || grep -qF "$ADMIN_PASSWORD" "$LOG"; then
  fail "a secret appears in the log"
fi
grep -q "EMBEDDED" "$LOG" && fail "the embedded database was started although an external one is configured"

say "API with the bootstrap token"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$APP_PORT/api/v1/audit/events")" = 401 ] \
  || fail "an anonymous API call is not 401"
api "http://localhost:$APP_PORT/api/v1/audit/events?limit=5" >"$WORK/events.json"
grep -q '"user.bootstrapped"' "$WORK/events.json" || fail "the bootstrap is not in the audit trail"
api "http://localhost:$APP_PORT/api/v1/audit/verification" >"$WORK/verification.json"
cat "$WORK/verification.json"; echo
grep -q '"valid":true' "$WORK/verification.json" || fail "audit chain does not verify"
AGENCIES_STATUS=$(api -o "$WORK/agencies.json" -w '%{http_code}' "http://localhost:$APP_PORT/api/v1/agencies")
echo "GET /api/v1/agencies -> $AGENCIES_STATUS"

say "No demo data on an external database"
DEMO=$(PGPASSWORD=$DB_PASSWORD psql -X -tA -h localhost -p $PORT_DB -U $DB_USER -d $DB \
  -c "SELECT (SELECT count(*) FROM agency WHERE demo) + (SELECT count(*) FROM app_user WHERE demo)")
echo "demo agencies + users: $DEMO"
[ "$DEMO" = 0 ] || fail "demo data was loaded into an external database"
if [ "$AGENCIES_STATUS" = 200 ] && grep -q '"demo":true' "$WORK/agencies.json"; then fail "the API lists demo agencies"; fi

say "The database refuses DELETE on the audit trail, even for the application's own role"
if PGPASSWORD=$DB_PASSWORD psql -X -q -h localhost -p $PORT_DB -U $DB_USER -d $DB -c "DELETE FROM audit_event" 2>"$WORK/delete.err"; then
  fail "DELETE on audit_event succeeded"
fi
cat "$WORK/delete.err"

say "Graceful shutdown and restart on the same data"
stop_app
grep -q "Graceful shutdown complete" "$LOG" || fail "no graceful shutdown in the log"
BEFORE=$(PGPASSWORD=$DB_PASSWORD psql -X -tA -h localhost -p $PORT_DB -U $DB_USER -d $DB -c "SELECT count(*) FROM app_user")
start_app
AFTER=$(PGPASSWORD=$DB_PASSWORD psql -X -tA -h localhost -p $PORT_DB -U $DB_USER -d $DB -c "SELECT count(*) FROM app_user")
[ "$BEFORE" = "$AFTER" ] || fail "restart changed the number of users ($BEFORE -> $AFTER)"
api "http://localhost:$APP_PORT/api/v1/audit/verification" | grep -q '"valid":true' || fail "chain invalid after restart"
stop_app

say "Backup with pg_dump, restore with pg_restore into a new database"
PGPASSWORD=$DB_PASSWORD pg_dump -h localhost -p $PORT_DB -U $DB_USER -Fc -f "$WORK/backup.dump" $DB
psql_admin "-c 'CREATE DATABASE $DB_RESTORED OWNER $DB_USER ENCODING UTF8 TEMPLATE template0'"
PGPASSWORD=$DB_PASSWORD pg_restore -h localhost -p $PORT_DB -U $DB_USER -d $DB_RESTORED --no-owner --exit-on-error "$WORK/backup.dump"
RESTORED=$(PGPASSWORD=$DB_PASSWORD psql -X -tA -h localhost -p $PORT_DB -U $DB_USER -d $DB_RESTORED -c "
  SELECT count(*) || ' entries, chain ' || CASE WHEN bool_and(ok) THEN 'intact' ELSE 'BROKEN' END FROM (
    SELECT hash = audit_event_hash(seq, occurred_at, actor_user_id, actor_name, agency_id, action, target_type,
                                   target_id, outcome, source_ip, details, prev_hash)
           AND prev_hash = coalesce(lag(hash) OVER (ORDER BY seq), repeat('0', 64)) AS ok
    FROM audit_event) c")
echo "restored: $RESTORED"
case "$RESTORED" in *intact) ;; *) fail "restored audit chain does not verify" ;; esac
TRIGGERS=$(PGPASSWORD=$DB_PASSWORD psql -X -tA -h localhost -p $PORT_DB -U $DB_USER -d $DB_RESTORED \
  -c "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_event'::regclass AND NOT tgisinternal")
[ "$TRIGGERS" = 2 ] || fail "append-only triggers missing after restore ($TRIGGERS)"

say "PASSED: external PostgreSQL $PG_VERSION check"
