package io.docpipe.local;

import io.docpipe.local.support.Http;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.index.IndexConfig;
import io.docpipe.index.IndexService;
import io.docpipe.index.OpenSearchConnection;
import io.docpipe.index.OpenSearchSettings;
import io.docpipe.runtime.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An index behind the alias whose mapping conflicts with docpipe's template (a field of another type) is
 * a fatal start-up error that says how to fix it, reported by the health endpoints (live 503, so an
 * orchestrator restarts and surfaces it), not a "not ready yet" retried for ever.
 */
class IndexMappingConflictIT {
  @Test
  void aConflictingMappingIsAFatalErrorThatSaysHowToFixIt() throws Exception {
    LocalStack stack = SharedStack.get();
    String alias = "conflict-" + System.nanoTime();
    try (OpenSearchConnection os = new OpenSearchConnection(OpenSearchSettings.of(URI.create(
        stack.config().openSearchUrl())))) {
      os.send("PUT", "/" + alias + "-v1", "{\"mappings\":{\"properties\":{\"title\":{\"type\":\"integer\"}}},"
          + "\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}");
    }
    IndexService index = new IndexService(IndexConfig.from(Settings.of(Map.of(
        "kafka.bootstrap.servers", stack.bootstrapServers(), "registry.url", stack.config().registryUrl(),
        "opensearch.url", stack.config().openSearchUrl(), "index.alias", alias, "index.ops.port", "0",
        "index.group.id", alias))));
    try {
      index.start();
      String base = "http://127.0.0.1:" + index.opsPort();
      Await.until("liveness down", Duration.ofSeconds(90), () -> status(base + "/health/live"), s -> s == 503);
      String ready = Http.get(base + "/health/ready");
      assertThat(ready).contains("conflicts with docpipe's index template", "docpipe reindex --alias " + alias);
    } finally {
      index.close();
    }
  }

  private static int status(String url) {
    try {
      return Http.status(url);
    } catch (Exception e) {
      return -1;
    }
  }
}
