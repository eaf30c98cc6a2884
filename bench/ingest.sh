#!/usr/bin/env bash
# Ingest throughput beside Kafka's own ProducerPerformance on the same broker, same record count and size.
# Usage: bench/ingest.sh [text-files] [pdfs] [rounds]     (default 1000 20 3: three sets of text files, each
# beside its own ProducerPerformance run; BENCH_OPTS="-Dbench.ingest.workers=3" tries other settings)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cp="$(bench/test-classpath.sh all-in-one)"
exec java ${BENCH_OPTS:-} -Xmx1g -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.log.io.docpipe=${BENCH_LOG:-warn} \
  -Ddocpipe.local.registry.dir="$root/all-in-one/target/apicurio-registry" \
  -cp "$cp" io.docpipe.local.IngestBenchmark "${1:-1000}" "${2:-20}" "${3:-3}"
