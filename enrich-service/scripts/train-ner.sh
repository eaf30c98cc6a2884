#!/usr/bin/env bash
# Retrains the statistical name finder from the Broad Twitter Corpus (CC-BY 4.0) into the enrich service's
# resources. Usage: enrich-service/scripts/train-ner.sh [path/to/btc]   (default ../shared/data/btc)
# Deterministic: the same corpus gives the same model entries, only the manifest timestamp differs (~20 s).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
btc="${1:-$root/../shared/data/btc}"
cd "$root"
./mvnw -q -DskipTests install -pl schemas,service-runtime,enrich-service -am
./mvnw -q -pl enrich-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
java -Xmx2g -cp "enrich-service/target/test-classes:enrich-service/target/classes:$(cat enrich-service/target/test-classpath.txt)" \
  io.docpipe.enrich.text.NameFinderTraining "$btc" \
  enrich-service/src/main/resources/io/docpipe/enrich/text/ner-btc.bin
