#!/usr/bin/env bash
# Benchmark of the coverage dashboard (issue 3 §5: national root p95 < 150 ms, a province p95 < 50 ms).
# Builds the jar, starts it on a fresh embedded PostgreSQL under /tmp (fixed port DB_PORT so that psql can load the
# data) with a bootstrap API token, generates 10,000 agencies, 100,000 systems and 5,000,000 inventory entries with
# scripts/bench-coverage-data.sql, then measures GET /api/v1/compliance?agencyId= for the national root and for
# random provinces with tools/loadgen/LoadGenerator.java, with 1 and with 4 clients. See docs/benchmarks.md.
#
# Settings (environment):
#   CLIENTS="1 4" WARMUP=10s DURATION=30s PORT=18080 DB_PORT=15499 JAVA=java
#   APP_JAVA_OPTS="-Xms1g -Xmx1g"  LOADGEN_JAVA_OPTS="-Xms128m -Xmx256m"  APP_ARGS=""
#   ASSERT=1   (check the targets: --assert-p95-ms 150 national, 50 province; off by default: just measure)
#   MVN_FLAGS="-o"   SKIP_BUILD=1 (reuse target/*.jar)   KEEP=1 (keep the database directory, printed at the end)
# Exit status: 0 when every run finished (and met the targets with ASSERT=1), non-zero otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-1 4}
WARMUP=${WARMUP:-10s}
DURATION=${DURATION:-30s}
PORT=${PORT:-18080}
DB_PORT=${DB_PORT:-15499}
JAVA=${JAVA:-java}
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xms1g -Xmx1g}
LOADGEN_JAVA_OPTS=${LOADGEN_JAVA_OPTS:--Xms128m -Xmx256m}
APP_ARGS=${APP_ARGS:-}
OUT=target/bench
BASE_URL="http://localhost:${PORT}"
command -v psql >/dev/null || { echo "psql is needed (apt-get install postgresql-client)" >&2; exit 1; }

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo ">> Building the jar (./mvnw ${MVN_FLAGS:-} -q -DskipTests package)"
  # shellcheck disable=SC2086
  ./mvnw ${MVN_FLAGS:-} -q -DskipTests package
fi
JAR=$(ls target/attt-hub-*.jar 2>/dev/null | grep -v -e '-plain.jar$' -e '.original$' | head -n 1 || true)
[[ -n "$JAR" ]] || { echo "no application jar in target/" >&2; exit 1; }

mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/attt-bench-coverage-XXXXXX)
TOKEN="attt_bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
ADMIN_PASSWORD="Bench#$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')Aa1"
APP_PID=""

cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    echo ">> Stopping the application (pid $APP_PID)"
    kill "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$APP_PID" 2>/dev/null || true
  fi
  if [[ -n "${KEEP:-}" ]]; then echo ">> Database kept in $DATA/postgres"; else rm -rf "$DATA"; fi
}
trap cleanup EXIT

echo ">> Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $("$JAVA" -version 2>&1 | head -n 1);" \
     "load average: $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (modified)')"
echo ">> Starting $JAR on port $PORT (JVM: $APP_JAVA_OPTS; embedded PostgreSQL on port $DB_PORT in $DATA)"
# shellcheck disable=SC2086
ATTT_BOOTSTRAP_API_TOKEN="$TOKEN" ATTT_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" SERVER_PORT="$PORT" \
  "$JAVA" $APP_JAVA_OPTS -jar "$JAR" \
    --attt.embedded-database.directory="$DATA/postgres" --attt.embedded-database.port="$DB_PORT" \
    --attt.demo-data=false $APP_ARGS > "$OUT/coverage-app.log" 2>&1 &
APP_PID=$!

for i in $(seq 1 360); do
  if curl -fsS "$BASE_URL/actuator/health/readiness" >/dev/null 2>&1; then echo ">> Ready after $((i / 2)) s"; break; fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "The application exited during start-up; last lines of $OUT/coverage-app.log:" >&2
    tail -n 40 "$OUT/coverage-app.log" >&2
    exit 1
  fi
  if [[ $i -eq 360 ]]; then echo "not ready after 180 s; see $OUT/coverage-app.log" >&2; exit 1; fi
  sleep 0.5
done

PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$DB_PORT" -U postgres -d postgres)
echo ">> Generating the data (scripts/bench-coverage-data.sql)"
start=$(date +%s)
"${PSQL[@]}" --single-transaction -f scripts/bench-coverage-data.sql | tee "$OUT/coverage-data.log"
"${PSQL[@]}" -c "VACUUM ANALYZE"   # what autovacuum does on a live database; index-only scans need it
echo ">> Data generated in $(( $(date +%s) - start )) s"
# The ids file of the load generator: id, code, kind, name (the root and the provincial-level units).
"${PSQL[@]}" -At -F $'\t' -c "SELECT id, code, kind, name_vi FROM agency
    WHERE parent_id IS NULL OR kind IN ('PROVINCE', 'CITY') AND code LIKE 'BC-%' ORDER BY depth, code" \
    > "$OUT/coverage-ids.tsv"

loadgen() {
  # shellcheck disable=SC2086
  "$JAVA" $LOADGEN_JAVA_OPTS tools/loadgen/LoadGenerator.java --base-url "$BASE_URL" --token "$TOKEN" "$@"
}

status=0
for target in national province; do
  limit=150; [[ $target == province ]] && limit=50
  for c in $CLIENTS; do
    assert=(); [[ -n "${ASSERT:-}" ]] && assert=(--assert-p95-ms "$limit")
    echo ">> coverage $target: $c client(s), warm-up $WARMUP, measured $DURATION; load average $(cut -d' ' -f1-3 /proc/loadavg)"
    loadgen --scenario coverage --coverage-root "$target" --concurrency "$c" --warmup "$WARMUP" --duration "$DURATION" \
      --ids-file "$OUT/coverage-ids.tsv" --json-out "$OUT/coverage-$target-$c.json" --assert-max-error-pct 0 \
      "${assert[@]}" || status=$?
  done
done
echo ">> Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo ">> Reports: $OUT/coverage-*.json (application log: $OUT/coverage-app.log)"
exit "$status"
