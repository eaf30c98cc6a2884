package io.docpipe.local;

import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.ThrottlingBulkProxy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docpipe.index.sink.BulkIndexer;
import io.docpipe.index.IndexLayout;
import io.docpipe.index.OpenSearchConnection;
import io.docpipe.index.OpenSearchSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Partial bulk failures on the real node, with a fault-injecting proxy in front of it: items answered 429
 * are sent again alone until written, a document the mapping refuses fails alone (for the dead letter), and
 * everything else is written once, in concurrent bulk requests.
 */
class BulkFaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private OpenSearchConnection direct;
  private String alias;

  @BeforeEach
  void setUp() {
    direct = new OpenSearchConnection(OpenSearchSettings.of(URI.create(SharedStack.get().config().openSearchUrl())));
    alias = "bulk-faults-it-" + System.nanoTime();
    new IndexLayout(alias).ensure(direct);
  }

  @AfterEach
  void tearDown() throws Exception {
    direct.send("DELETE", "/" + alias + "-v*", (String) null);
    direct.send("DELETE", "/_index_template/" + alias, (String) null);
    direct.close();
  }

  @Test
  void throttledItemsAreRetriedAloneAndAMappingConflictFailsAlone() throws Exception {
    Set<String> throttled = Set.of("f3", "f40", "f77", "f118");
    List<BulkIndexer.Action> actions = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      ObjectNode json = JSON.createObjectNode().put("document_id", "f" + i).put("title", "document " + i)
          .put("text", "text of document " + i);
      if (i == 50) {
        json.put("mentioned_dates", "not a date"); // the mapping's date field refuses it
      }
      actions.add(new BulkIndexer.Action("f" + i, json, 1000 + i, "f" + i));
    }
    List<BulkIndexer.Failure> failures;
    try (ThrottlingBulkProxy proxy = new ThrottlingBulkProxy(URI.create(SharedStack.get().config().openSearchUrl()),
        throttled);
        OpenSearchConnection viaProxy = new OpenSearchConnection(OpenSearchSettings.of(URI.create(proxy.url())));
        BulkIndexer indexer = new BulkIndexer(viaProxy, alias, Duration.ofMillis(20), Duration.ofMillis(200), 2)) {
      failures = indexer.write(actions, BulkIndexer.RetryListener.untilSettled());
      for (String id : throttled) {
        assertThat(proxy.timesSent(id)).as("%s: throttled once, then sent again alone", id).isEqualTo(2);
      }
      assertThat(proxy.timesSent("f0")).isEqualTo(1);
      assertThat(proxy.timesSent("f119")).isEqualTo(1);
      assertThat(proxy.timesSent("f50")).as("a permanent failure is not retried").isEqualTo(1);
    }
    assertThat(failures).singleElement().satisfies(failure -> {
      assertThat(failure.action().id()).isEqualTo("f50");
      assertThat(failure.status()).isEqualTo(400);
      assertThat(failure.reason()).contains("mentioned_dates");
    });
    direct.send("POST", "/" + alias + "/_refresh", (String) null);
    assertThat(direct.send("GET", "/" + alias + "/_count", (String) null).path("count").asInt()).isEqualTo(119);
    for (String id : throttled) {
      assertThat(direct.send("GET", "/" + alias + "/_doc/" + id, (String) null).path("_version").asLong())
          .isEqualTo(1000 + Long.parseLong(id.substring(1)));
    }
    assertThat(direct.status("GET", "/" + alias + "/_doc/f50")).isEqualTo(404);
  }
}
