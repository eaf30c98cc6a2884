#!/usr/bin/env bash
# Rebuilds the name finder's word clusters and name lexicon (enrich-service resources word-clusters.tsv.gz and
# name-lexicon.tsv.gz) from NLP4J's English resources, edu.emory.mathcs.nlp:nlp4j-english:1.1.3 (Apache-2.0,
# Maven Central, a 261 MB jar fetched into ~/.m2 once; nothing is fetched at run time). Deterministic.
# Then retrain the model with scripts/train-ner.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
for artifact in edu.emory.mathcs.nlp:nlp4j-english:1.1.3 edu.emory.mathcs.nlp:nlp4j-api:1.1.3 org.tukaani:xz:1.9; do
  ./mvnw -q dependency:get -Dartifact="$artifact" -Dtransitive=false
done
java -Xmx4g -cp "$m2/edu/emory/mathcs/nlp/nlp4j-api/1.1.3/nlp4j-api-1.1.3.jar:$m2/org/tukaani/xz/1.9/xz-1.9.jar" \
  enrich-service/scripts/Nlp4jLexicons.java \
  "$m2/edu/emory/mathcs/nlp/nlp4j-english/1.1.3/nlp4j-english-1.1.3.jar" \
  enrich-service/src/main/resources/io/docpipe/enrich/text
