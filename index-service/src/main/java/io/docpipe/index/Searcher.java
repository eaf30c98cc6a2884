package io.docpipe.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Searches the index by words, entity and mentioned-date range. */
public final class Searcher {
  private final OpenSearchConnection connection;
  private final String alias;

  public Searcher(OpenSearchConnection connection, String alias) {
    this.connection = connection;
    this.alias = alias;
  }

  /** A search: free text (may be empty), optional entity filter TYPE:VALUE, optional date range. */
  public record Query(String text, Optional<String> entityType, Optional<String> entityValue,
      Optional<String> mentionedFrom, Optional<String> mentionedTo, int size) {}

  public record Hit(String documentId, String title, String path, double score, String highlight,
      List<String> topEntities) {}

  public record Result(long total, List<Hit> hits) {}

  public Result search(Query query) {
    JsonNode answer = connection.send("POST", "/" + alias + "/_search", body(query).toString());
    List<Hit> hits = new ArrayList<>();
    for (JsonNode hit : answer.path("hits").path("hits")) {
      JsonNode source = hit.path("_source");
      List<String> entities = new ArrayList<>();
      for (JsonNode e : source.path("top_entities")) {
        if (entities.size() < 5) {
          entities.add(e.path("text").asText() + " (" + e.path("type").asText().toLowerCase(Locale.ROOT)
              + ", " + e.path("count").asInt() + ")");
        }
      }
      JsonNode fragments = hit.path("highlight").path("text");
      hits.add(new Hit(source.path("document_id").asText(), source.path("title").asText(""),
          source.path("source").path("path").asText(), hit.path("_score").asDouble(),
          fragments.isArray() && fragments.size() > 0 ? fragments.get(0).asText() : "", entities));
    }
    return new Result(answer.path("hits").path("total").path("value").asLong(), hits);
  }

  static ObjectNode body(Query query) {
    ObjectNode body = OpenSearchConnection.JSON.createObjectNode();
    body.put("size", query.size());
    body.put("track_total_hits", true);
    ObjectNode bool = body.putObject("query").putObject("bool");
    if (query.text() != null && !query.text().isBlank()) {
      bool.putArray("must").addObject().putObject("simple_query_string")
          .put("query", query.text()).put("default_operator", "and")
          .putArray("fields").add("title^3").add("text");
    }
    ArrayNode filter = bool.putArray("filter");
    if (query.entityValue().isPresent()) {
      String field = "entities." + query.entityType().orElse("person").toLowerCase(Locale.ROOT);
      filter.addObject().putObject("term").put(field, query.entityValue().get());
    }
    if (query.mentionedFrom().isPresent() || query.mentionedTo().isPresent()) {
      ObjectNode range = filter.addObject().putObject("range").putObject("mentioned_date_ranges");
      query.mentionedFrom().ifPresent(from -> range.put("gte", from));
      query.mentionedTo().ifPresent(to -> range.put("lte", to));
      range.put("relation", "intersects");
    }
    ObjectNode highlight = body.putObject("highlight");
    highlight.putObject("fields").putObject("text").put("fragment_size", 160).put("number_of_fragments", 1);
    body.putArray("_source").add("document_id").add("title").add("source.path").add("top_entities");
    return body;
  }
}
