#!/usr/bin/env bash
# Benchmark of the agencies API (issue 2 §6): builds the jar, starts it on a fresh embedded PostgreSQL under /tmp
# with a bootstrap API token, seeds COUNT agencies, then measures GET /api/v1/agencies/{id} and agency search with
# tools/loadgen/LoadGenerator.java. Results go to target/bench/ (JSON) and the console. See docs/benchmarks.md.
#
# Settings (environment):
#   COUNT=10000 CONCURRENCY=64 WARMUP=90s DURATION=30s SEED_CONCURRENCY=8 PORT=18080
#   (90 s of warm-up per scenario: a fresh JVM spends its first minutes compiling; docs/benchmarks.md)
#   APP_JAVA_OPTS="-Xms1g -Xmx1g"  LOADGEN_JAVA_OPTS="-Xms256m -Xmx512m"  JAVA=java
#   APP_ARGS="--server.tomcat.threads.max=64"   (extra Spring Boot arguments for the application)
#   ASSERT="--assert-rps 2000 --assert-p99-ms 50"   (the issue's target; empty by default: just measure)
#   MVN_FLAGS="-o"   (extra flags for the build, e.g. offline)   SKIP_BUILD=1 (reuse target/*.jar)
# Exit status: 0 when every run finished (and met ASSERT), non-zero otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-10000}
CONCURRENCY=${CONCURRENCY:-64}
WARMUP=${WARMUP:-90s}
DURATION=${DURATION:-30s}
SEED_CONCURRENCY=${SEED_CONCURRENCY:-8}
PORT=${PORT:-18080}
JAVA=${JAVA:-java}
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xms1g -Xmx1g}
LOADGEN_JAVA_OPTS=${LOADGEN_JAVA_OPTS:--Xms256m -Xmx512m}
ASSERT=${ASSERT:-}
APP_ARGS=${APP_ARGS:-}
OUT=target/bench
BASE_URL="http://localhost:${PORT}"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo ">> Building the jar (./mvnw ${MVN_FLAGS:-} -q -DskipTests package)"
  # shellcheck disable=SC2086
  ./mvnw ${MVN_FLAGS:-} -q -DskipTests package
fi
JAR=$(ls target/attt-hub-*.jar 2>/dev/null | grep -v -e '-plain.jar$' -e '.original$' | head -n 1 || true)
[[ -n "$JAR" ]] || { echo "no application jar in target/" >&2; exit 1; }

mkdir -p "$OUT"
DATA=$(mktemp -d /tmp/attt-bench-XXXXXX)
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
  rm -rf "$DATA"
}
trap cleanup EXIT

echo ">> Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM," \
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA" -version 2>&1 | head -n 1)"
echo ">> Starting $JAR on port $PORT (JVM: $APP_JAVA_OPTS; arguments: ${APP_ARGS:-none}; embedded PostgreSQL in $DATA)"
# shellcheck disable=SC2086
ATTT_BOOTSTRAP_API_TOKEN="$TOKEN" ATTT_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" SERVER_PORT="$PORT" \
  "$JAVA" $APP_JAVA_OPTS -jar "$JAR" \
    --attt.embedded-database.directory="$DATA/postgres" --attt.demo-data=false $APP_ARGS \
    > "$OUT/app.log" 2>&1 &
APP_PID=$!

for i in $(seq 1 240); do
  if curl -fsS "$BASE_URL/actuator/health/readiness" >/dev/null 2>&1; then
    echo ">> Ready after $((i / 2)) s"
    break
  fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "The application exited during start-up; last lines of $OUT/app.log:" >&2
    tail -n 40 "$OUT/app.log" >&2
    exit 1
  fi
  if [[ $i -eq 240 ]]; then echo "not ready after 120 s; see $OUT/app.log" >&2; exit 1; fi
  sleep 0.5
done

loadgen() {
  # shellcheck disable=SC2086
  "$JAVA" $LOADGEN_JAVA_OPTS tools/loadgen/LoadGenerator.java --base-url "$BASE_URL" --token "$TOKEN" "$@"
}

echo ">> Seeding $COUNT agencies ($SEED_CONCURRENCY clients)"
loadgen --scenario seed-agencies --count "$COUNT" --concurrency "$SEED_CONCURRENCY" \
  --ids-file "$OUT/agency-ids.tsv" --json-out "$OUT/seed.json" --assert-max-error-pct 0

status=0
for scenario in get-agency search-agencies; do
  echo ">> $scenario: $CONCURRENCY clients, warm-up $WARMUP, measured $DURATION"
  # shellcheck disable=SC2086
  loadgen --scenario "$scenario" --concurrency "$CONCURRENCY" --warmup "$WARMUP" --duration "$DURATION" \
    --ids-file "$OUT/agency-ids.tsv" --json-out "$OUT/$scenario.json" $ASSERT || status=$?
done
echo ">> Reports: $OUT/seed.json $OUT/get-agency.json $OUT/search-agencies.json (application log: $OUT/app.log)"
exit "$status"
