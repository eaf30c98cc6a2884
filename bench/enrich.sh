#!/usr/bin/env bash
# Enrichment throughput per core (one thread) on the five samples: bench/enrich.sh [seconds]   (default 10)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cp="$(bench/test-classpath.sh enrich-service)"
exec java -Xmx512m -XX:+UseSerialGC -XX:ActiveProcessorCount=1 -cp "$cp" \
  io.docpipe.enrich.EnrichBenchmark "${1:-10}"
