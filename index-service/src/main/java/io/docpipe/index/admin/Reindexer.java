package io.docpipe.index.admin;

import io.docpipe.index.IndexLayout;
import io.docpipe.index.OpenSearchConnection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.opensearch.client.opensearch.generic.Body;

/**
 * A mapping change without downtime: a new versioned index from the current template, a copy of every
 * document, and an atomic alias swap. Readers and the index service use the alias throughout. Documents keep
 * their external versions, a second copy after the swap brings over what was written to the old index
 * meanwhile without overwriting anything newer, and documents deleted from the old index meanwhile are
 * deleted from the new one.
 */
public final class Reindexer {
  private final OpenSearchConnection connection;
  private final IndexLayout layout;

  public Reindexer(OpenSearchConnection connection, IndexLayout layout) {
    this.connection = connection;
    this.layout = layout;
  }

  /** What a reindex did. */
  public record Outcome(String from, String to, long copied, long caughtUp, long deleted) {}

  /** Called between the phases of a reindex (a command reports progress; tests act in between). */
  public interface Progress {
    default void copied(String from, String to, long documents) {}

    default void swapped(String from, String to) {}
  }

  /** The concrete index the alias writes to now. */
  public String currentIndex() {
    JsonNode aliases = connection.send("GET", "/_alias/" + layout.alias(), (String) null);
    String single = null;
    for (Iterator<String> it = aliases.fieldNames(); it.hasNext();) {
      String index = it.next();
      JsonNode settings = aliases.path(index).path("aliases").path(layout.alias());
      if (settings.path("is_write_index").asBoolean(false)) {
        return index;
      }
      single = index;
    }
    if (single == null) {
      throw new IllegalStateException("alias " + layout.alias() + " does not exist");
    }
    return single;
  }

  /** The next version's name: {@code <alias>-v<n+1>}. */
  public String nextIndex(String current) {
    String prefix = layout.alias() + "-v";
    if (!current.startsWith(prefix)) {
      throw new IllegalStateException(current + " is not a versioned index of " + layout.alias());
    }
    return prefix + (Integer.parseInt(current.substring(prefix.length())) + 1);
  }

  public Outcome reindex() {
    return reindex(new Progress() {});
  }

  /**
   * Copy, swap, catch up, then carry over deletes: a document copied before the swap and deleted from the old
   * index since is deleted from the new one too, unless it was written again after the copy (each shard's
   * highest sequence number before the swap tells copies from later writes; the delete is conditional on the
   * copy's sequence number).
   */
  public Outcome reindex(Progress progress) {
    connection.send("PUT", "/_index_template/" + layout.alias(), layout.template());
    String from = currentIndex();
    String to = nextIndex(from);
    connection.send("PUT", "/" + to, "{}"); // settings and mappings from the template
    long copied = copy(from, to);
    progress.copied(from, to, copied);
    Map<Integer, Long> copiesUpTo = maxSeqNoByShard(to); // only copies are in the new index before the swap
    ObjectNode swap = OpenSearchConnection.JSON.createObjectNode();
    ArrayNode actions = swap.putArray("actions");
    actions.addObject().putObject("add").put("index", from).put("alias", layout.alias()).put("is_write_index", false);
    actions.addObject().putObject("add").put("index", to).put("alias", layout.alias()).put("is_write_index", true);
    actions.addObject().putObject("remove").put("index", from).put("alias", layout.alias());
    connection.send("POST", "/_aliases", swap.toString());
    progress.swapped(from, to);
    long caughtUp = copy(from, to);
    long deleted = deleteWhatLeftTheOldIndex(from, to, copiesUpTo);
    return new Outcome(from, to, copied, caughtUp, deleted);
  }

  private Map<Integer, Long> maxSeqNoByShard(String index) {
    Map<Integer, Long> max = new HashMap<>();
    JsonNode shards = connection.send("GET", "/" + index + "/_stats?level=shards", (String) null)
        .path("indices").path(index).path("shards");
    for (Iterator<Map.Entry<String, JsonNode>> it = shards.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> shard = it.next();
      for (JsonNode copy : shard.getValue()) {
        if (copy.path("routing").path("primary").asBoolean(false)) {
          max.put(Integer.parseInt(shard.getKey()), copy.path("seq_no").path("max_seq_no").asLong(-1));
        }
      }
    }
    return max;
  }

  private static final int PAGE = 1000;

  /** Deletes from the new index the copies whose document is no longer in the old one; returns how many. */
  private long deleteWhatLeftTheOldIndex(String from, String to, Map<Integer, Long> copiesUpTo) {
    connection.send("POST", "/" + to + "/_refresh", (String) null);
    long deleted = 0;
    for (Map.Entry<Integer, Long> shard : copiesUpTo.entrySet()) {
      JsonNode after = null;
      while (true) {
        ObjectNode query = OpenSearchConnection.JSON.createObjectNode().put("size", PAGE).put("_source", false)
            .put("seq_no_primary_term", true);
        query.putArray("sort").addObject().put("document_id", "asc"); // every document has one, unique
        query.putObject("query").putObject("range").putObject("_seq_no").put("lte", shard.getValue());
        if (after != null) {
          query.set("search_after", after);
        }
        JsonNode hits = connection.send("POST", "/" + to + "/_search", Body.from(query.toString()
            .getBytes(StandardCharsets.UTF_8), "application/json"), Map.of("preference", "_shards:" + shard.getKey()))
            .path("hits").path("hits");
        if (hits.isEmpty()) {
          break;
        }
        deleted += deleteMissing(from, to, hits);
        after = hits.get(hits.size() - 1).path("sort");
      }
    }
    if (deleted > 0) {
      connection.send("POST", "/" + to + "/_refresh", (String) null);
    }
    return deleted;
  }

  private long deleteMissing(String from, String to, JsonNode hits) {
    ObjectNode ids = OpenSearchConnection.JSON.createObjectNode();
    ArrayNode list = ids.putArray("ids");
    hits.forEach(hit -> list.add(hit.path("_id").asText()));
    JsonNode docs = connection.send("POST", "/" + from + "/_mget", Body.from(ids.toString()
        .getBytes(StandardCharsets.UTF_8), "application/json"), Map.of("_source", "false")).path("docs");
    StringBuilder bulk = new StringBuilder();
    int count = 0;
    for (int i = 0; i < hits.size(); i++) {
      if (!docs.get(i).path("found").asBoolean(true)) {
        JsonNode hit = hits.get(i);
        ObjectNode delete = OpenSearchConnection.JSON.createObjectNode();
        delete.putObject("delete").put("_index", to).put("_id", hit.path("_id").asText())
            .put("if_seq_no", hit.path("_seq_no").asLong()).put("if_primary_term", hit.path("_primary_term").asLong());
        bulk.append(delete).append('\n');
        count++;
      }
    }
    if (count == 0) {
      return 0;
    }
    JsonNode answer = connection.send("POST", "/_bulk", Body.from(bulk.toString().getBytes(StandardCharsets.UTF_8),
        "application/x-ndjson"), Map.of());
    long done = 0;
    for (JsonNode item : answer.path("items")) {
      int status = item.path("delete").path("status").asInt();
      if (status / 100 == 2) {
        done++; // 409: written again since the copy, it stays
      }
    }
    return done;
  }

  /** Copies every document, keeping versions; a newer version already in the target stays. */
  private long copy(String from, String to) {
    connection.send("POST", "/" + from + "/_refresh", (String) null);
    ObjectNode body = OpenSearchConnection.JSON.createObjectNode();
    body.put("conflicts", "proceed");
    body.putObject("source").put("index", from);
    body.putObject("dest").put("index", to).put("version_type", "external");
    JsonNode answer = connection.send("POST", "/_reindex", Body.from(body.toString().getBytes(StandardCharsets.UTF_8),
        "application/json"), Map.of("refresh", "true", "wait_for_completion", "true"));
    if (answer.path("failures").size() > 0) {
      throw new IllegalStateException("reindex from " + from + " to " + to + " failed: " + answer.path("failures"));
    }
    return answer.path("created").asLong() + answer.path("updated").asLong();
  }
}
