#!/usr/bin/env bash
# The whole entity tagger's F1 on wikigold by k-fold cross-validation (each fold's name finder trained on BTC
# and the other folds, like the shipped one). Usage: enrich-service/scripts/evaluate-wikigold.sh [btc-dir] [folds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
btc="${1:-$root/../shared/data/btc}"
cd "$root"
cp="$(bench/test-classpath.sh enrich-service)"
java -Xmx2g -cp "$cp" \
  io.docpipe.enrich.text.WikigoldCrossValidation "$btc" "${2:-5}"
