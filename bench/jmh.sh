#!/usr/bin/env bash
# JMH micro-benchmarks (src/test/java/dev/switchboard/bench): all of them, or those a regex names. Extra arguments go to JMH,
# e.g. bench/jmh.sh -f 1 -wi 2 -i 3 passThroughRewrite
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests test-compile
cp=$(./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "target/test-classes:target/classes:$cp" org.openjdk.jmh.Main \
  "$@"
