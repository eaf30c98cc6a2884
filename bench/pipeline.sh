#!/usr/bin/env bash
# End to end on the local all-in-one: bench/pipeline.sh [documents] [latency-documents] [files-per-second]
# (defaults 330, 145, 10). Builds (not timed), measures the enrich-only rate on the same documents (one thread),
# starts a fresh `./docpipe start` on the default ports (stop any running one first), moves the documents into
# the inbox at once and reports docs/s and chars/s until all are searchable and the ratio to the enrich-only
# rate, twice (cold: right after the start; warm: a second set), with the CPU time of each process and thread
# group; then drops news-sized documents at a fixed rate and reports drop-to-searchable latency per document
# (p50/p90/p99, and by stage), and the resident memory of the whole stack. Corpus and method: bench/pipeline.py.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/docpipe" --version >/dev/null   # builds if needed, so the build is not timed
exec python3 "$root/bench/pipeline.py" "${1:-330}" "${2:-145}" "${3:-10}"
