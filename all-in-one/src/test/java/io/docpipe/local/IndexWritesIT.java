package io.docpipe.local;

import io.docpipe.local.support.SharedStack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docpipe.index.sink.BulkIndexer;
import io.docpipe.index.IndexLayout;
import io.docpipe.index.OpenSearchConnection;
import io.docpipe.index.OpenSearchSettings;
import io.docpipe.index.admin.Reindexer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's writes on the real OpenSearch node, behind an alias of their own: external versions keep the
 * newest version of a document whatever the order of arrival, a tombstone deletes, and a replay of
 * everything leaves the index exactly as it was.
 */
class IndexWritesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private OpenSearchConnection connection;
  private BulkIndexer indexer;
  private String alias;

  @BeforeEach
  void setUp() {
    LocalStack stack = SharedStack.get();
    connection = new OpenSearchConnection(OpenSearchSettings.of(URI.create(stack.config().openSearchUrl())));
    alias = "writes-it-" + System.nanoTime();
    new IndexLayout(alias).ensure(connection);
    indexer = new BulkIndexer(connection, alias, Duration.ofMillis(50), Duration.ofSeconds(1));
  }

  @AfterEach
  void tearDown() throws Exception {
    connection.send("DELETE", "/" + alias + "-v*", (String) null);
    connection.send("DELETE", "/_index_template/" + alias, (String) null);
    connection.close();
  }

  @Test
  void anOlderVersionNeverOverwritesANewerOne() throws Exception {
    write(doc("d1", "the second version", 2000));
    write(doc("d1", "the first version, arriving late", 1000));
    assertThat(indexer.superseded()).isEqualTo(1);
    JsonNode stored = get("d1");
    assertThat(stored.path("_source").path("title").asText()).isEqualTo("the second version");
    assertThat(stored.path("_version").asLong()).isEqualTo(2000);

    write(doc("d1", "the third version", 3000));
    assertThat(get("d1").path("_source").path("title").asText()).isEqualTo("the third version");
  }

  @Test
  void aTombstoneDeletesAndALateOlderVersionDoesNotComeBack() throws Exception {
    write(doc("d2", "here for now", 1000));
    write(new BulkIndexer.Action("d2", null, 2000, "tombstone"));
    assertThat(connection.status("GET", "/" + alias + "/_doc/d2")).isEqualTo(404);
    write(doc("d2", "here for now", 1000)); // replayed before the delete, within index.gc_deletes
    assertThat(connection.status("GET", "/" + alias + "/_doc/d2")).isEqualTo(404);
    write(new BulkIndexer.Action("never-there", null, 5, "tombstone"));
    assertThat(indexer.superseded()).isZero();
  }

  @Test
  void replayingEverythingLeavesTheIndexUnchanged() throws Exception {
    List<BulkIndexer.Action> history = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      history.add(doc("r" + (i % 10), "version " + i + " of r" + (i % 10), 1000 + i));
    }
    history.add(new BulkIndexer.Action("r3", null, 5000, "tombstone"));
    for (BulkIndexer.Action action : history) {
      write(action);
    }
    String before = snapshot();
    write(history.toArray(BulkIndexer.Action[]::new));
    assertThat(snapshot()).isEqualTo(before);
    assertThat(JSON.readTree(before).path("total").path("value").asInt()).as("ten documents, one deleted").isEqualTo(9);
  }

  @Test
  void reindexMovesEveryDocumentToANewVersionBehindTheAlias() throws Exception {
    for (int i = 0; i < 25; i++) {
      write(doc("x" + i, "document " + i, 1000 + i));
    }
    String before = snapshot();
    var run = new java.io.StringWriter();
    int status = DocpipeCli.commandLine().setOut(new java.io.PrintWriter(run)).execute("reindex", "--opensearch",
        SharedStack.get().config().openSearchUrl(), "--alias", alias);
    assertThat(status).isZero();
    assertThat(run.toString()).contains(alias + "-v2", "25 documents copied");
    JsonNode aliases = connection.send("GET", "/_alias/" + alias, (String) null);
    assertThat(aliases.has(alias + "-v2")).isTrue();
    assertThat(aliases.has(alias + "-v1")).as("the old index left the alias").isFalse();
    assertThat(snapshot().replace(alias + "-v2", alias + "-v1")).as("same documents, same versions")
        .isEqualTo(before);
    write(doc("x1", "written after the swap", 5000));
    assertThat(connection.status("GET", "/" + alias + "-v2/_doc/x1")).isEqualTo(200);
    assertThat(get("x1").path("_source").path("title").asText()).isEqualTo("written after the swap");
  }

  @Test
  void deletesDuringAReindexAreCarriedOverAndWritesAfterTheSwapStay() throws Exception {
    for (int i = 0; i < 10; i++) {
      write(doc("y" + i, "document " + i, 1000 + i));
    }
    Reindexer.Outcome outcome = new Reindexer(connection, new IndexLayout(alias)).reindex(new Reindexer.Progress() {
      @Override
      public void copied(String from, String to, long documents) {
        // The index service, still writing to the old index through the alias: a delete and an update.
        unchecked(() -> write(new BulkIndexer.Action("y3", null, 5000, "tombstone"), doc("y5", "updated", 5001)));
      }

      @Override
      public void swapped(String from, String to) {
        // Right after the swap: a new document, only ever in the new index, and y7 deleted there directly.
        unchecked(() -> write(doc("late", "written after the swap", 6000),
            new BulkIndexer.Action("y7", null, 6001, "tombstone")));
      }
    });
    assertThat(outcome.to()).isEqualTo(alias + "-v2");
    assertThat(outcome.deleted()).as("y3, deleted from the old index after the copy").isEqualTo(1);
    assertThat(connection.status("GET", "/" + alias + "/_doc/y3")).isEqualTo(404);
    assertThat(connection.status("GET", "/" + alias + "/_doc/y7")).isEqualTo(404);
    assertThat(get("y5").path("_source").path("title").asText()).isEqualTo("updated");
    assertThat(get("late").path("_source").path("title").asText()).isEqualTo("written after the swap");
    connection.send("POST", "/" + alias + "/_refresh", (String) null);
    assertThat(connection.send("GET", "/" + alias + "/_count", (String) null).path("count").asInt())
        .as("ten, two deleted, one new").isEqualTo(9);
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void unchecked(Step step) {
    try {
      step.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void write(BulkIndexer.Action... actions) throws InterruptedException {
    List<BulkIndexer.Failure> failures = indexer.write(List.of(actions), BulkIndexer.RetryListener.untilSettled());
    assertThat(failures).isEmpty();
  }

  private JsonNode get(String id) {
    return connection.send("GET", "/" + alias + "/_doc/" + id, (String) null);
  }

  /** Every document with its version and source, in id order. */
  private String snapshot() {
    connection.send("POST", "/" + alias + "/_refresh", (String) null);
    return connection.send("POST", "/" + alias + "/_search", "{\"size\":100,\"version\":true,\"track_total_hits\":true,"
        + "\"sort\":[{\"document_id\":\"asc\"}],\"query\":{\"match_all\":{}}}").path("hits").toString()
        .replaceAll("\"max_score\":[^,]*,", "");
  }

  private static BulkIndexer.Action doc(String id, String title, long version) {
    ObjectNode json = JSON.createObjectNode().put("document_id", id).put("title", title).put("text", title);
    return new BulkIndexer.Action(id, json, version, id);
  }
}
