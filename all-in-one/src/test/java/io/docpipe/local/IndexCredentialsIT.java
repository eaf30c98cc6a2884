package io.docpipe.local;

import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.Http;
import io.docpipe.local.support.SwitchableHttpProxy;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.index.IndexConfig;
import io.docpipe.index.IndexService;
import io.docpipe.runtime.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenSearch starts refusing the index service's credentials (401, as after a password rotation) while it
 * has documents to write. Its loop used to end on the error while readiness still said 200; now the batch
 * is retried with back-off, readiness says why it is not ready, liveness stays 200 (restarting would not
 * help), and once the credentials are accepted again the documents are indexed, none dead-lettered.
 */
class IndexCredentialsIT {
  private static final String COLLECTION = "index-credentials";

  @Test
  void refusedCredentialsAreReportedAndRetriedNotFatal() throws Exception {
    LocalStack stack = SharedStack.get();
    String alias = "credentials-" + System.nanoTime();
    try (SwitchableHttpProxy openSearch = new SwitchableHttpProxy(URI.create(stack.config().openSearchUrl()));
        IndexService index = new IndexService(IndexConfig.from(Settings.of(Map.of(
            "kafka.bootstrap.servers", stack.bootstrapServers(), "registry.url", stack.config().registryUrl(),
            "opensearch.url", openSearch.url(), "index.alias", alias, "index.group.id", alias,
            "index.ops.port", "0", "index.backoff.initial", "200ms", "index.backoff.max", "1s"))));
        OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      index.start();
      String base = "http://127.0.0.1:" + index.opsPort();
      Await.until("ready", Duration.ofSeconds(120), () -> status(base + "/health/ready"), s -> s == 200);
      openSearch.answerAll(401);
      Path folder = Files.createDirectories(stack.config().inbox().resolve(COLLECTION));
      Files.writeString(folder.resolve("rotated.txt"), "Written while the credentials were refused.\n");
      Await.until("not ready, with the reason", Duration.ofSeconds(90), () -> body(base + "/health/ready"),
          b -> b.contains("HTTP 401"));
      assertThat(status(base + "/health/live")).as("alive: restarting would not help").isEqualTo(200);

      openSearch.answerAll(0);
      Await.until("indexed once the credentials are accepted", Duration.ofSeconds(90),
          () -> os.countIn(alias, "{\"term\":{\"source.collection\":\"" + COLLECTION + "\"}}"), n -> n == 1);
      Await.until("ready again", Duration.ofSeconds(60), () -> status(base + "/health/ready"), s -> s == 200);
    }
  }

  private static int status(String url) {
    try {
      return Http.status(url);
    } catch (Exception e) {
      return -1;
    }
  }

  private static String body(String url) {
    try {
      return Http.get(url);
    } catch (Exception e) {
      return "";
    }
  }
}
