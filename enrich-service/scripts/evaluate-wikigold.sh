#!/usr/bin/env bash
# The entity tagger's F1 on wikigold by k-fold cross-validation by document: each fold's name finder trained
# like the shipped one (BTC, WNUT17 train and dev, and the other folds), then the default tagger and the finder
# alone scored on the held-out fold.
# Usage: enrich-service/scripts/evaluate-wikigold.sh [btc-dir] [wnut17-dir] [folds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
btc="${1:-$root/../shared/data/btc}"
wnut17="${2:-$root/../shared/data/wnut17}"
cd "$root"
cp="$(bench/test-classpath.sh enrich-service)"
java -Xmx4g -cp "$cp" \
  io.docpipe.enrich.text.WikigoldCrossValidation "$btc" "$wnut17" "${3:-5}"
