#!/usr/bin/env bash
# Builds a module and what it depends on (tests skipped) and prints the module's test classpath, for the
# bench and training commands that run a class from a module's test tree. Usage: bench/test-classpath.sh MODULE
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
module="$1"
cd "$root"
./mvnw -q -DskipTests -Djib.skip=true install -pl "$module" -am >&2
./mvnw -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt >&2
echo "$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$root/$module/target/test-classpath.txt")"
