#!/usr/bin/env bash
# Enrichment throughput per core (one thread) on the five samples: bench/enrich.sh [seconds]   (default 10)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -DskipTests install
./mvnw -q -pl enrich-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
exec java -Xmx512m -XX:+UseSerialGC -XX:ActiveProcessorCount=1 \
  -cp "enrich-service/target/test-classes:enrich-service/target/classes:$(cat enrich-service/target/test-classpath.txt)" \
  io.docpipe.enrich.EnrichBenchmark "${1:-10}"
