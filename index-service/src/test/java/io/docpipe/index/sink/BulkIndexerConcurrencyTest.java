package io.docpipe.index.sink;

import io.docpipe.index.OpenSearchException;
import io.docpipe.index.FakeOpenSearch;
import io.docpipe.index.OpenSearchConnection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk requests in flight at once: a fault-injecting endpoint that answers per item (429 for one document
 * the first time it sees it) and notes how many requests it holds at the same time.
 */
class BulkIndexerConcurrencyTest {
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  /** The first two requests wait for each other (up to 5 s): they only meet when sent together. */
  private final CountDownLatch firstTwo = new CountDownLatch(2);
  private FakeOpenSearch openSearch;
  private OpenSearchConnection connection;

  @BeforeEach
  void start() throws Exception {
    openSearch = new FakeOpenSearch("/_bulk", exchange -> {
      int now = inFlight.incrementAndGet();
      mostInFlight.accumulateAndGet(now, Math::max);
      try {
        if (requests.incrementAndGet() <= 2) {
          firstTwo.countDown();
          firstTwo.await(5, TimeUnit.SECONDS);
        }
        String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        ObjectNode answer = OpenSearchConnection.JSON.createObjectNode();
        ArrayNode items = answer.putArray("items");
        boolean errors = false;
        for (int i = 0; i < lines.length; i += 2) {
          String id = OpenSearchConnection.JSON.readTree(lines[i]).path("index").path("_id").asText();
          int times = seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
          boolean throttled = id.equals("d7") && times == 1;
          errors |= throttled;
          items.addObject().putObject("index").put("status", throttled ? 429 : 201);
        }
        answer.put("errors", errors);
        FakeOpenSearch.answer(exchange, 200, OpenSearchConnection.JSON.writeValueAsString(answer));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
        exchange.close();
      }
    }, 4);
    connection = openSearch.connection();
  }

  @AfterEach
  void stop() {
    openSearch.close();
  }

  private static List<BulkIndexer.Action> actions(int n) {
    List<BulkIndexer.Action> actions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "d" + i;
      actions.add(new BulkIndexer.Action(id, OpenSearchConnection.JSON.createObjectNode().put("id", id), 1, id));
    }
    return actions;
  }

  @Test
  void aBatchGoesOutAsConcurrentSlicesAndOnlyTheThrottledItemIsSentAgain() throws Exception {
    List<String> events = new ArrayList<>();
    try (BulkIndexer indexer = new BulkIndexer(connection, "docs", Duration.ofMillis(10), Duration.ofMillis(50), 2)) {
      List<BulkIndexer.Failure> failures = indexer.write(actions(100), new BulkIndexer.RetryListener() {
        @Override
        public void onSuccess() {
          events.add("ok " + Thread.currentThread().getName());
        }

        @Override
        public void onRetryableFailure(OpenSearchException e) {
          events.add("failed");
        }

        @Override
        public boolean keepTrying() {
          return true;
        }
      });
      assertThat(failures).isEmpty();
    }
    assertThat(mostInFlight.get()).as("requests in flight together").isEqualTo(2);
    assertThat(requests.get()).as("two slices, then the throttled item alone").isEqualTo(3);
    assertThat(seen).hasSize(100);
    assertThat(seen.get("d7").get()).isEqualTo(2);
    assertThat(seen.entrySet()).filteredOn(e -> !e.getKey().equals("d7"))
        .allSatisfy(e -> assertThat(e.getValue().get()).isEqualTo(1));
    String caller = Thread.currentThread().getName();
    assertThat(events).as("the listener hears from the calling thread only").hasSize(3)
        .allSatisfy(event -> assertThat(event).isEqualTo("ok " + caller));
  }

  @Test
  void smallBatchesAreNotSplit() throws Exception {
    try (BulkIndexer indexer = new BulkIndexer(connection, "docs", Duration.ofMillis(10), Duration.ofMillis(50), 4)) {
      firstTwo.countDown(); // a lone request must not wait for a partner
      assertThat(indexer.write(actions(BulkIndexer.MIN_SLICE_ACTIONS), BulkIndexer.RetryListener.untilSettled()))
          .isEmpty();
    }
    assertThat(requests.get()).as("the whole batch in one request, then the throttled item").isEqualTo(2);
    assertThat(mostInFlight.get()).isEqualTo(1);
    assertThat(seen).hasSize(BulkIndexer.MIN_SLICE_ACTIONS);
  }
}
