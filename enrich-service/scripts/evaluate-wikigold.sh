#!/usr/bin/env bash
# The whole entity tagger's F1 on wikigold by k-fold cross-validation (each fold's name finder trained on BTC
# and the other folds, like the shipped one). Usage: enrich-service/scripts/evaluate-wikigold.sh [btc-dir] [folds]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
btc="${1:-$root/../shared/data/btc}"
cd "$root"
./mvnw -q -DskipTests install -pl schemas,service-runtime,enrich-service -am
./mvnw -q -pl enrich-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
java -Xmx2g -cp "enrich-service/target/test-classes:enrich-service/target/classes:$(cat enrich-service/target/test-classpath.txt)" \
  io.docpipe.enrich.text.WikigoldCrossValidation "$btc" "${2:-5}"
