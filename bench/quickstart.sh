#!/usr/bin/env bash
# Measures the local all-in-one: cold start time, resident memory, and seconds from dropping the five
# sample documents to all five being searchable. Usage: bench/quickstart.sh [runs]   (default 3)
# Uses a fresh data directory per run and the default ports (stop any running ./docpipe start first).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
samples="$root/all-in-one/src/test/resources/samples"
runs="${1:-3}"
"$root/docpipe" --version >/dev/null   # builds if needed, so the build is not timed

rss_mb() { # resident memory of a process and its children, in MiB
  local pids; pids="$(echo "$1" $(pgrep -P "$1") | tr ' ' ',')"
  ps -o rss= -p "$pids" | awk '{s+=$1} END {printf "%.0f", s/1024}'
}

for run in $(seq 1 "$runs"); do
  data="$(mktemp -d)"
  log="$data/start.log"
  t0=$(date +%s.%N)
  DOCPIPE_LOCAL_DATA_DIR="$data" "$root/docpipe" start >"$log" 2>&1 &
  pid=$!
  trap 'kill -TERM $pid 2>/dev/null || true' EXIT
  until grep -q 'docpipe is running' "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
  done
  t1=$(date +%s.%N)
  java_pid=$pid   # ./docpipe execs the launcher JVM
  rss_idle=$(rss_mb "$java_pid")
  cp "$samples"/*.txt "$data/inbox/"
  t2=$(date +%s.%N)
  until [ "$(curl -s localhost:9200/docpipe-documents/_count | grep -o '"count":[0-9]*' | cut -d: -f2)" = "5" ]; do
    sleep 0.05
  done
  t3=$(date +%s.%N)
  rss_after=$(rss_mb "$java_pid")
  printf 'run %d: cold start %.1f s, drop-to-searchable (5 samples) %.2f s, RSS idle %s MiB, RSS after ingest %s MiB (launcher + registry + OpenSearch)\n' \
    "$run" "$(echo "$t1 - $t0" | bc)" "$(echo "$t3 - $t2" | bc)" "$rss_idle" "$rss_after"
  kill -TERM "$pid"; wait "$pid" || true
  rm -rf "$data"
done
