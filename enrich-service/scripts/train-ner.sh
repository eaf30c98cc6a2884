#!/usr/bin/env bash
# Retrains the statistical name finder from the Broad Twitter Corpus and wikigold (both CC-BY 4.0) into the
# enrich service's resources. Usage: enrich-service/scripts/train-ner.sh [btc-dir] [wikigold-conll]
# (defaults: ../shared/data/btc and the wikigold copy in enrich-service's test resources).
# Deterministic: the same data gives the same model entries; only the manifest's timestamp differs (~30 s).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
btc="${1:-$root/../shared/data/btc}"
wikigold="${2:-$root/enrich-service/src/test/resources/wikigold/wikigold.conll.txt}"
cd "$root"
cp="$(bench/test-classpath.sh enrich-service)"
java -Xmx2g -cp "$cp" \
  io.docpipe.enrich.text.NameFinderTraining "$btc" \
  enrich-service/src/main/resources/io/docpipe/enrich/text/ner-en.bin "$wikigold"
