package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.Http;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.index.IndexConfig;
import io.docpipe.index.IndexService;
import io.docpipe.index.OpenSearchConnection;
import io.docpipe.index.OpenSearchSettings;
import io.docpipe.runtime.Settings;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSearch goes away under a running index service: it keeps running (no crash loop), reports not ready,
 * backs off, and when the node returns indexes everything that arrived meanwhile, once. Uses a second real
 * OpenSearch node of its own (stopped and restarted on the same data) so the shared one stays up.
 */
class IndexOutageIT {
  private static final String COLLECTION = "index-outage";
  /** How long the node stays down at least: {@code -Dchaos.opensearch.down=120} in the long form. */
  private static final Duration DOWN = Duration.ofSeconds(Long.getLong("chaos.opensearch.down", 0));

  @TempDir
  Path work;

  @Test
  void documentsWaitWhileOpenSearchIsDownAndAreIndexedWhenItReturns() throws Exception {
    LocalStack stack = SharedStack.get();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    ChildJvm node = startNode(port);
    try (IndexService index = new IndexService(IndexConfig.from(Settings.of(Map.of(
            "kafka.bootstrap.servers", stack.bootstrapServers(), "registry.url", stack.config().registryUrl(),
            "opensearch.url", url, "index.alias", "outage-it", "index.group.id", "index-outage-it",
            "index.ops.port", "0", "index.backoff.initial", "200ms", "index.backoff.max", "2s"))));
        OpenSearchConnection os = new OpenSearchConnection(OpenSearchSettings.of(URI.create(url)))) {
      index.start();
      Path folder = Files.createDirectories(stack.config().inbox().resolve(COLLECTION));
      Files.writeString(folder.resolve("before.txt"), "Indexed before the outage, in Lahore.\n");
      Await.until("the first document in the second node", Duration.ofSeconds(90), () -> count(os), n -> n == 1);
      assertThat(index.isReady()).isTrue();

      int deadBefore = indexDeadLetters(stack);
      long downSince = System.nanoTime();
      ProcessHandle.of(node.pid()).ifPresent(ProcessHandle::destroyForcibly); // killed, not stopped
      node.close();
      for (int i = 0; i < 3; i++) {
        Files.writeString(folder.resolve("during-" + i + ".txt"), "Enriched while OpenSearch is down: " + i + ".\n");
      }
      Await.until("not ready while OpenSearch is down", Duration.ofSeconds(60), index::isReady, ready -> !ready);
      // Several back-off rounds against the dead node; the service is still there, serving its endpoints.
      String metrics = "http://127.0.0.1:" + index.opsPort() + "/metrics";
      Await.until("five retries against the dead node", Duration.ofSeconds(60), () -> retries(metrics), n -> n >= 5);
      assertThat(Http.status("http://127.0.0.1:" + index.opsPort() + "/health/live")).isEqualTo(200);
      assertThat(Http.status("http://127.0.0.1:" + index.opsPort() + "/health/ready")).isEqualTo(503);

      // The long form holds the outage its whole length; the service must stay up and not ready throughout.
      Await.until("the outage held " + DOWN.toSeconds() + " s, the service live and not ready", DOWN.plusSeconds(30),
          () -> !index.isReady() && liveness(index) == 200 ? System.nanoTime() - downSince : 0L,
          elapsed -> elapsed >= DOWN.toNanos());
      node = startNode(port);
      Await.until("everything indexed after the outage", Duration.ofSeconds(120), () -> count(os), n -> n == 4);
      Await.until("ready again", Duration.ofSeconds(30), index::isReady, ready -> ready);
      assertThat(count(os)).isEqualTo(4);
      assertThat(indexDeadLetters(stack)).as("nothing dead-lettered by the outage").isEqualTo(deadBefore);
    } finally {
      node.close();
    }
  }

  private ChildJvm startNode(int port) throws Exception {
    ChildJvm node = new ChildJvm("opensearch-outage", Files.createDirectories(work.resolve("run")));
    node.start(List.of("-Xms320m", "-Xmx320m", "-XX:+UseSerialGC", "-Dlog4j2.disable.jmx=true", "-cp",
        Artifacts.openSearchClasspath()), List.of("io.docpipe.opensearch.EmbeddedOpenSearch",
        work.resolve("opensearch").toString(), Integer.toString(port)));
    node.awaitHttp(URI.create("http://127.0.0.1:" + port + "/_cluster/health?wait_for_status=yellow"),
        Duration.ofSeconds(120));
    return node;
  }

  private static int liveness(IndexService index) {
    try {
      return Http.status("http://127.0.0.1:" + index.opsPort() + "/health/live");
    } catch (Exception e) {
      return -1;
    }
  }

  private static int indexDeadLetters(LocalStack stack) {
    return (int) RawTopic.byKey(stack.bootstrapServers(), io.docpipe.schemas.Topics.DEAD_LETTER).values().stream()
        .flatMap(java.util.List::stream).filter(r -> "index".equals(io.docpipe.schemas.DeadLetterHeaders.get(
            r.headers(), io.docpipe.schemas.DeadLetterHeaders.STAGE))).count();
  }

  private static double retries(String metricsUrl) {
    try {
      return Http.get(metricsUrl).lines().filter(l -> l.startsWith("docpipe_index_retries_total"))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    } catch (Exception e) {
      return 0;
    }
  }

  private static long count(OpenSearchConnection os) {
    try {
      os.send("POST", "/outage-it/_refresh", (String) null);
      return os.send("POST", "/outage-it/_count", "{\"query\":{\"term\":{\"source.collection\":\"" + COLLECTION
          + "\"}}}").path("count").asLong();
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
