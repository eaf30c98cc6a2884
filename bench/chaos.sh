#!/usr/bin/env bash
# The chaos suite's long form, on real components: enrich killed 5 times during a 500-document stream,
# the registry frozen for 60 s, the index service killed between a bulk and its commit, one broker of
# three lost, big documents among small ones, poison records, a secured broker, OpenSearch stopped under a
# running index service, and the whole `docpipe start` killed mid-burst of 300 files and restarted.
# Usage: bench/chaos.sh [documents] [kills]   (default 500 5). Each case prints its counts ("<Case>IT: ...").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -q -DskipTests -Djib.skip=true install -pl all-in-one -am
./mvnw verify -Pchaos -Djib.skip=true -pl all-in-one -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='EnrichCrashIT,RegistryDownIT,IndexCrashIT,BrokerLossIT,BigDocumentsIT,PoisonRecordsIT,SecureKafkaIT,IndexOutageIT,LauncherCrashIT' \
  -Dchaos.documents="${1:-500}" -Dchaos.kills="${2:-5}" -Dchaos.registry.down=60 -Dchaos.opensearch.down=120 -Dchaos.files=300 \
  | tee all-in-one/target/chaos.log | grep -E 'IT: |Tests run:|FAIL|BUILD'
