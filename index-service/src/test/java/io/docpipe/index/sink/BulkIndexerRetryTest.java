package io.docpipe.index.sink;

import io.docpipe.index.OpenSearchException;
import io.docpipe.index.FakeOpenSearch;
import io.docpipe.index.OpenSearchConnection;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retry behaviour of the bulk writer, with a fault-injecting HTTP endpoint scripted to answer like an
 * OpenSearch node under pressure (the real node is used by the all-in-one tests).
 */
class BulkIndexerRetryTest {
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> answers = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private FakeOpenSearch openSearch;
  private OpenSearchConnection connection;

  @BeforeEach
  void start() throws Exception {
    openSearch = new FakeOpenSearch("/_bulk", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String answer = answers.get(Math.min(calls.getAndIncrement(), answers.size() - 1));
      int status = answer.startsWith("HTTP ") ? Integer.parseInt(answer.substring(5, 8)) : 200;
      FakeOpenSearch.answer(exchange, status, status == 200 ? answer : "{}");
    }, 1);
    connection = openSearch.connection();
  }

  @AfterEach
  void stop() {
    openSearch.close();
  }

  private static List<BulkIndexer.Action> actions(String... ids) {
    List<BulkIndexer.Action> actions = new ArrayList<>();
    for (String id : ids) {
      actions.add(new BulkIndexer.Action(id, OpenSearchConnection.JSON.createObjectNode().put("id", id), 1, id));
    }
    return actions;
  }

  private static final class CountingListener implements BulkIndexer.RetryListener {
    int successes;
    int failures;

    @Override
    public void onSuccess() {
      successes++;
    }

    @Override
    public void onRetryableFailure(OpenSearchException e) {
      failures++;
    }

    @Override
    public boolean keepTrying() {
      return true;
    }
  }

  @Test
  void retriesOnlyThrottledItemsAndReturnsPermanentFailures() throws Exception {
    answers.add("{\"errors\":true,\"items\":[{\"index\":{\"status\":201}},{\"index\":{\"status\":429,"
        + "\"error\":{\"type\":\"es_rejected_execution_exception\"}}},{\"index\":{\"status\":400,"
        + "\"error\":{\"type\":\"mapper_parsing_exception\"}}}]}");
    answers.add("{\"errors\":false,\"items\":[{\"index\":{\"status\":200}}]}");
    BulkIndexer indexer = new BulkIndexer(connection, "docs", Duration.ofMillis(10), Duration.ofMillis(50));

    List<BulkIndexer.Failure> failures = indexer.write(actions("a", "b", "c"), new CountingListener());

    assertThat(failures).singleElement().satisfies(f -> {
      assertThat(f.action().id()).isEqualTo("c");
      assertThat(f.status()).isEqualTo(400);
      assertThat(f.reason()).contains("mapper_parsing_exception");
    });
    assertThat(bodies).hasSize(2);
    assertThat(bodies.get(0)).contains("\"_id\":\"a\"", "\"_id\":\"b\"", "\"_id\":\"c\"");
    assertThat(bodies.get(1)).contains("\"_id\":\"b\"").doesNotContain("\"_id\":\"a\"", "\"_id\":\"c\"");
  }

  @Test
  void aServerErrorRetriesTheWholeBatchUntilItSucceeds() throws Exception {
    answers.add("HTTP 503");
    answers.add("HTTP 502");
    answers.add("{\"errors\":false,\"items\":[{\"index\":{\"status\":201}},{\"delete\":{\"status\":404}}]}");
    BulkIndexer indexer = new BulkIndexer(connection, "docs", Duration.ofMillis(10), Duration.ofMillis(50));
    CountingListener listener = new CountingListener();
    List<BulkIndexer.Action> batch = new ArrayList<>(actions("a"));
    batch.add(new BulkIndexer.Action("gone", null, 2, "gone"));

    assertThat(indexer.write(batch, listener)).isEmpty();
    assertThat(listener.failures).isEqualTo(2);
    assertThat(listener.successes).isEqualTo(1);
    assertThat(bodies).hasSize(3).allSatisfy(body -> assertThat(body).contains(
        "{\"delete\":{\"_index\":\"docs\",\"_id\":\"gone\",\"version\":2,\"version_type\":\"external_gte\"}}"));
  }
}
