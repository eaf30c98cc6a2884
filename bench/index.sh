#!/usr/bin/env bash
# Indexing throughput of the index service beside a plain bulk loader on the same OpenSearch node.
# Usage: bench/index.sh [documents]   (default 5000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cp="$(bench/test-classpath.sh all-in-one)"
exec java -Xmx1g -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.log.io.docpipe=warn \
  -Ddocpipe.local.registry.dir="$root/all-in-one/target/apicurio-registry" \
  -Ddocpipe.local.opensearch.classpath="$root/embedded-opensearch/target/runtime-classpath.txt" \
  -cp "$cp" io.docpipe.local.IndexBenchmark "${1:-5000}"
