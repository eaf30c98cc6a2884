package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.IngestProcess;
import io.docpipe.local.support.OwnBroker;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 files landing at once in front of an ingest JVM capped at a 160 MB heap: memory stays bounded
 * (an unbounded queue of documents would not fit) and every file is published once. Uses a broker of its
 * own so the shared stack's enrichment and indexing are not loaded with the burst.
 */
class BurstIT {
  private static final int FILES = 10_000;

  @TempDir
  Path work;

  @Test
  void tenThousandFilesAtOnceFlowWithBoundedMemory() throws Exception {
    LocalStack stack = SharedStack.get();
    try (EmbeddedKafkaBroker broker = OwnBroker.start(work.resolve("broker"))) {
      try (IngestProcess ingest = new IngestProcess(stack, work, "burst", Map.of(
          "DOCPIPE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "TEST_HEAP", "160m",
          "DOCPIPE_INGEST_RESCAN_INTERVAL", "5s"))) {
        Path staging = Files.createDirectories(work.resolve("staging"));
        String body = "A note about Pakistan and the Taliban in 2001. ".repeat(40);
        for (int i = 0; i < FILES; i++) {
          Files.writeString(staging.resolve("n" + i + ".txt"), "Note " + i + "\n" + body);
        }
        ingest.start();
        Await.until("the service ready", Duration.ofSeconds(60), ingest::readiness, status -> status == 200);
        Files.move(staging, ingest.inbox().resolve("burst")); // all 10,000 appear at once
        Await.until("all files published", Duration.ofSeconds(300),
            () -> count(ingest.processed().resolve("burst")), n -> n == FILES);
        assertThat(ingest.isAlive()).isTrue();
        assertThat(read(ingest.log())).doesNotContain("OutOfMemoryError");
        assertThat(ingest.metrics()).contains("docpipe_ingest_files_total{outcome=\"published\",service=\"ingest\"} "
            + FILES + ".0");
      }
      assertThat(RawTopic.raw(broker.bootstrapServers()).values()).hasSize(FILES)
          .allSatisfy(records -> assertThat(records).hasSize(1));
    }
  }

  private static long count(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private static String read(Path log) throws java.io.IOException {
    return Files.readString(log);
  }
}
