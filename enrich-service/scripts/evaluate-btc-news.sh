#!/usr/bin/env bash
# The entity tagger on the Broad Twitter Corpus's mainstream-news section (G) held out: the name finder trained on
# everything else like the shipped one, then scored per tweet (strict span, PER/ORG/LOC). About 3 minutes.
# Usage: enrich-service/scripts/evaluate-btc-news.sh [btc-dir] [wnut17-dir]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
btc="${1:-$root/../shared/data/btc}"
wnut17="${2:-$root/../shared/data/wnut17}"
cd "$root"
cp="$(bench/test-classpath.sh enrich-service)"
java -Xmx4g -cp "$cp" io.docpipe.enrich.text.BtcNewsHoldout "$btc" "$wnut17" \
  enrich-service/src/test/resources/wikigold/wikigold.conll.txt
