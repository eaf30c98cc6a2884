package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.IngestProcess;
import io.docpipe.local.support.OwnBroker;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.ingest.extract.DocumentIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka goes away under a running ingest process: files stay in the inbox, readiness turns false, and when
 * the broker returns ingest resumes by itself with every file published once. Uses a second real broker of
 * its own so the shared one stays up for the other tests.
 */
class KafkaOutageIT {
  @TempDir
  Path work;

  @Test
  void filesWaitWhileKafkaIsDownAndFlowWhenItReturns() throws Exception {
    LocalStack stack = SharedStack.get();
    EmbeddedKafkaBroker broker = OwnBroker.start(work.resolve("broker"));
    try (IngestProcess ingest = new IngestProcess(stack, work, "outage", Map.of(
        "DOCPIPE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()))) {
      Path folder = Files.createDirectories(ingest.inbox().resolve("outage"));
      ingest.start();
      Files.writeString(folder.resolve("before.txt"), "Published before the outage.\n");
      Await.until("the first file published", Duration.ofSeconds(90), () -> Files.exists(folder.resolve("before.txt")),
          pending -> !pending);
      assertThat(ingest.readiness()).isEqualTo(200);

      broker.close();
      for (int i = 0; i < 5; i++) {
        Files.writeString(folder.resolve("during-" + i + ".txt"), "Dropped while Kafka is down: " + i + "\n");
      }
      Await.until("readiness false", Duration.ofSeconds(90), ingest::readiness, status -> status == 503);
      assertThat(Files.list(folder).count()).as("files wait in the inbox").isEqualTo(5);
      // Long enough for the transaction to fail and be abandoned: the files are retried from scratch.
      Await.until("the failed attempt given up", Duration.ofSeconds(300), () -> read(ingest.log()),
          log -> log.contains("failed, they stay in the inbox"));

      broker = broker.sameAgain();
      broker.start();
      Await.until("the waiting files published", Duration.ofSeconds(120), () -> count(folder), n -> n == 0);
      Await.until("readiness true again", Duration.ofSeconds(30), ingest::readiness, status -> status == 200);
      var raw = RawTopic.raw(broker.bootstrapServers());
      assertThat(raw.get(DocumentIds.forRelativePath("outage/before.txt"))).hasSize(1);
      for (int i = 0; i < 5; i++) {
        assertThat(raw.get(DocumentIds.forRelativePath("outage/during-" + i + ".txt"))).hasSize(1);
      }
    } finally {
      broker.close();
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static long count(Path folder) {
    try (var files = Files.list(folder)) {
      return files.count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
