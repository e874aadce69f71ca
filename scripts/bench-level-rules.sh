#!/usr/bin/env bash
# JMH benchmark of level determination (issue 3 §5: >= 50,000 evaluations/s in-process): LevelRules.determine over
# a seeded mix of 4,096 generated inputs (src/test/java/vn/attthub/regime/LevelRulesBenchmark.java). Not part of
# ./mvnw verify. See docs/benchmarks.md.
#
# Settings (environment):
#   JMH_ARGS="-f 1 -wi 3 -w 2s -i 5 -r 3s -t 1"   (JMH options: forks, warm-up and measured iterations, threads)
#   MVN_FLAGS="-o"   (extra flags for the build)   SKIP_BUILD=1 (reuse target/test-classes)   JAVA=java
# Any arguments are passed to JMH as well, e.g. "-t 2" or "-prof gc".
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA=${JAVA:-java}
JMH_ARGS=${JMH_ARGS:--f 1 -wi 3 -w 2s -i 5 -r 3s -t 1}
CP_FILE=target/bench-level-rules.classpath

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -q ${MVN_FLAGS:-} test-compile
  ./mvnw -q ${MVN_FLAGS:-} org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
fi

mkdir -p target/bench
# shellcheck disable=SC2086
exec "$JAVA" -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" org.openjdk.jmh.Main \
  'vn\.attthub\.regime\.LevelRulesBenchmark' $JMH_ARGS -rf json -rff target/bench/level-rules.json "$@"
