#!/usr/bin/env bash
# Indexing throughput of the index service beside a plain bulk loader on the same OpenSearch node.
# Usage: bench/index.sh [documents] [rounds]   (default 3000 3; the median ratio is printed)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cp="$(bench/test-classpath.sh all-in-one)"
exec java ${BENCH_OPTS:-} -Xmx1g -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.log.io.docpipe=warn \
  -Ddocpipe.local.registry.dir="$root/all-in-one/target/apicurio-registry" \
  -Ddocpipe.local.opensearch.classpath="$root/embedded-opensearch/target/runtime-classpath.txt" \
  -cp "$cp" io.docpipe.local.IndexBenchmark "${1:-3000}" "${2:-3}"
