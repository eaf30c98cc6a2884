package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.IngestProcess;
import io.docpipe.local.support.SwitchableHttpProxy;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.ingest.extract.DocumentIds;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry is down when the ingest service starts (a proxy in front of the real registry
 * answers 503): the service stays up but not ready, files wait in the inbox, and once the registry answers
 * again ingest sets itself up and publishes them.
 */
class RegistryOutageIT {
  @TempDir
  Path work;

  @Test
  void filesWaitUntilTheRegistryAnswers() throws Exception {
    LocalStack stack = SharedStack.get();
    try (SwitchableHttpProxy registry = new SwitchableHttpProxy(URI.create(stack.config().registryUrl()))) {
      registry.setDown(true);
      try (IngestProcess ingest = new IngestProcess(stack, work, "registry-outage", Map.of(
          "DOCPIPE_REGISTRY_URL", registry.url()))) {
        Path folder = Files.createDirectories(ingest.inbox().resolve("regout"));
        Files.writeString(folder.resolve("waiting.txt"), "Waits for the schema registry.\n");
        ingest.start();
        Await.until("the service answering, not ready", Duration.ofSeconds(60), ingest::readiness,
            status -> status == 503);
        Await.until("a failed set-up attempt", Duration.ofSeconds(60), () -> read(ingest.log()),
            log -> log.contains("not reachable yet"));
        assertThat(folder.resolve("waiting.txt")).exists();

        registry.setDown(false);
        Await.until("the file published", Duration.ofSeconds(90), () -> Files.exists(folder.resolve("waiting.txt")),
            pending -> !pending);
        Await.until("ready", Duration.ofSeconds(30), ingest::readiness, status -> status == 200);
      }
      assertThat(RawTopic.raw(stack.bootstrapServers()).get(DocumentIds.forRelativePath("regout/waiting.txt")))
          .hasSize(1);
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
