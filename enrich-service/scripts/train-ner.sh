#!/usr/bin/env bash
# Retrains the statistical name finder into the enrich service's resources (ner-en.bin) from the Broad Twitter
# Corpus, WNUT17's train and dev splits and wikigold (all CC-BY 4.0), with the features of ner-features.xml
# (the lexicons they read come from scripts/build-name-lexicons.sh).
# Usage: enrich-service/scripts/train-ner.sh [btc-dir] [wnut17-dir] [wikigold-conll]
# (defaults: ../shared/data/btc, ../shared/data/wnut17 and the wikigold copy in enrich-service's test resources).
# Deterministic: the same data gives the same model entries; only the manifest's timestamp differs.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
btc="${1:-$root/../shared/data/btc}"
wnut17="${2:-$root/../shared/data/wnut17}"
wikigold="${3:-$root/enrich-service/src/test/resources/wikigold/wikigold.conll.txt}"
cd "$root"
cp="$(bench/test-classpath.sh enrich-service)"
java -Xmx4g -cp "$cp" \
  io.docpipe.enrich.text.NameFinderTraining "$btc" "$wnut17" \
  enrich-service/src/main/resources/io/docpipe/enrich/text/ner-en.bin "$wikigold"
