package io.docpipe.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * A mapping change without downtime: a new versioned index from the current template, a copy of every
 * document, and an atomic alias swap. Readers and the index service use the alias throughout. Documents keep
 * their external versions, and a second copy after the swap brings over what was written to the old index
 * meanwhile without overwriting anything newer.
 */
public final class Reindexer {
  private final OpenSearchConnection connection;
  private final IndexLayout layout;

  public Reindexer(OpenSearchConnection connection, IndexLayout layout) {
    this.connection = connection;
    this.layout = layout;
  }

  /** What a reindex did. */
  public record Outcome(String from, String to, long copied, long caughtUp) {}

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
    connection.send("PUT", "/_index_template/" + layout.alias(), layout.template());
    String from = currentIndex();
    String to = nextIndex(from);
    connection.send("PUT", "/" + to, "{}"); // settings and mappings from the template
    long copied = copy(from, to);
    ObjectNode swap = OpenSearchConnection.JSON.createObjectNode();
    ArrayNode actions = swap.putArray("actions");
    actions.addObject().putObject("add").put("index", from).put("alias", layout.alias()).put("is_write_index", false);
    actions.addObject().putObject("add").put("index", to).put("alias", layout.alias()).put("is_write_index", true);
    actions.addObject().putObject("remove").put("index", from).put("alias", layout.alias());
    connection.send("POST", "/_aliases", swap.toString());
    long caughtUp = copy(from, to);
    return new Outcome(from, to, copied, caughtUp);
  }

  /** Copies every document, keeping versions; a newer version already in the target stays. */
  private long copy(String from, String to) {
    connection.send("POST", "/" + from + "/_refresh", (String) null);
    ObjectNode body = OpenSearchConnection.JSON.createObjectNode();
    body.put("conflicts", "proceed");
    body.putObject("source").put("index", from);
    body.putObject("dest").put("index", to).put("version_type", "external");
    JsonNode answer = connection.send("POST", "/_reindex", org.opensearch.client.opensearch.generic.Body.from(
        body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json"),
        java.util.Map.of("refresh", "true", "wait_for_completion", "true"));
    if (answer.path("failures").size() > 0) {
      throw new IllegalStateException("reindex from " + from + " to " + to + " failed: " + answer.path("failures"));
    }
    return answer.path("created").asLong() + answer.path("updated").asLong();
  }
}
