package io.docpipe.index.search;

import io.docpipe.index.OpenSearchConnection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Searches the index: words in the title (boosted) or in a paragraph (repeated paragraphs left out unless
 * asked for), filtered by entities and by a range of mentioned dates, with the best paragraph highlighted
 * and the top entities per type as facets. Used by {@code docpipe search} and the index service's
 * {@code /search} endpoint alike.
 */
public final class Searcher {
  /** Entity types with a keyword field under {@code entities.}. */
  public static final List<String> ENTITY_TYPES = List.of("person", "organization", "location", "nationality");
  private static final int FACET_SIZE = 10;

  private final OpenSearchConnection connection;
  private final String alias;

  public Searcher(OpenSearchConnection connection, String alias) {
    this.connection = connection;
    this.alias = alias;
  }

  /** An entity a document must mention: type (person, organization, location, nationality) and exact name. */
  public record EntityFilter(String type, String value) {
    public EntityFilter {
      type = type.toLowerCase(Locale.ROOT).strip();
      if (!ENTITY_TYPES.contains(type)) {
        throw new IllegalArgumentException("unknown entity type '" + type + "'; one of " + ENTITY_TYPES);
      }
    }

    /** Parses {@code TYPE:VALUE}. */
    public static EntityFilter parse(String spec) {
      int colon = spec.indexOf(':');
      if (colon <= 0 || colon == spec.length() - 1) {
        throw new IllegalArgumentException("an entity filter is TYPE:VALUE, e.g. person:Pervez Musharraf, got '"
            + spec + "'");
      }
      return new EntityFilter(spec.substring(0, colon), spec.substring(colon + 1).strip());
    }
  }

  /**
   * A search. {@code text} may be empty (filters only); dates are yyyy-MM-dd, inclusive, and match a document
   * mentioning any date that overlaps the range.
   */
  public record Query(String text, List<EntityFilter> entities, Optional<String> mentionedFrom,
      Optional<String> mentionedTo, int size, boolean includeRepeated) {

    /**
     * A query from user input (command line or HTTP parameters), checked: entity filters as TYPE:VALUE,
     * dates as yyyy-MM-dd, size 1..1000.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Query of(String text, List<String> entities, String from, String to, int size,
        boolean includeRepeated) {
      if (size < 1 || size > 1000) {
        throw new IllegalArgumentException("size must be between 1 and 1000, got " + size);
      }
      return new Query(text == null ? "" : text, entities.stream().map(EntityFilter::parse).toList(),
          Optional.ofNullable(day("from", from)), Optional.ofNullable(day("to", to)), size, includeRepeated);
    }

    private static String day(String what, String value) {
      if (value == null || value.isBlank()) {
        return null;
      }
      try {
        return java.time.LocalDate.parse(value.strip()).toString();
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException(what + " must be a day as YYYY-MM-DD, got '" + value + "'");
      }
    }
  }

  /** The best-matching paragraph of a hit, with the query's words in {@code <em>}. */
  public record MatchingParagraph(int index, String highlight) {}

  public record Hit(String documentId, String title, String path, String collection, double score,
      MatchingParagraph paragraph, List<String> topEntities) {
    /** Kept for scripts written against the first output: the paragraph's highlight, or "". */
    public String highlight() {
      return paragraph == null ? "" : paragraph.highlight();
    }
  }

  public record Facet(String value, long count) {}

  public record Result(long total, List<Hit> hits, Map<String, List<Facet>> facets) {}

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
      hits.add(new Hit(source.path("document_id").asText(), source.path("title").asText(""),
          source.path("source").path("path").asText(), source.path("source").path("collection").asText(null),
          hit.path("_score").asDouble(), paragraph(hit), entities));
    }
    Map<String, List<Facet>> facets = new LinkedHashMap<>();
    for (String type : ENTITY_TYPES) {
      List<Facet> buckets = new ArrayList<>();
      for (JsonNode bucket : answer.path("aggregations").path(type).path("buckets")) {
        buckets.add(new Facet(bucket.path("key").asText(), bucket.path("doc_count").asLong()));
      }
      facets.put(type, buckets);
    }
    return new Result(answer.path("hits").path("total").path("value").asLong(), hits, facets);
  }

  private static MatchingParagraph paragraph(JsonNode hit) {
    JsonNode inner = hit.path("inner_hits").path("paragraphs").path("hits").path("hits");
    if (inner.isArray() && inner.size() > 0) {
      JsonNode best = inner.get(0);
      JsonNode fragments = best.path("highlight").path("paragraphs.text");
      String text = fragments.isArray() && fragments.size() > 0 ? fragments.get(0).asText()
          : best.path("_source").path("text").asText("");
      return new MatchingParagraph(best.path("_source").path("index").asInt(), text);
    }
    JsonNode title = hit.path("highlight").path("title");
    return title.isArray() && title.size() > 0 ? new MatchingParagraph(-1, title.get(0).asText()) : null;
  }

  /** The search request body for a query (also what tests check against the mapping). */
  public static ObjectNode body(Query query) {
    ObjectNode body = OpenSearchConnection.JSON.createObjectNode();
    body.put("size", query.size());
    body.put("track_total_hits", true);
    ObjectNode bool = body.putObject("query").putObject("bool");
    if (query.text() != null && !query.text().isBlank()) {
      ObjectNode either = bool.putArray("must").addObject().putObject("bool");
      either.put("minimum_should_match", 1);
      ArrayNode should = either.putArray("should");
      should.addObject().putObject("simple_query_string").put("query", query.text())
          .put("default_operator", "and").put("boost", 3.0).putArray("fields").add("title");
      ObjectNode nested = should.addObject().putObject("nested");
      nested.put("path", "paragraphs").put("score_mode", "max");
      ObjectNode inParagraph = nested.putObject("query").putObject("bool");
      inParagraph.putArray("must").addObject().putObject("simple_query_string").put("query", query.text())
          .put("default_operator", "and").putArray("fields").add("paragraphs.text");
      if (!query.includeRepeated()) {
        inParagraph.putArray("filter").addObject().putObject("term").put("paragraphs.repeated", false);
      }
      ObjectNode inner = nested.putObject("inner_hits");
      inner.put("size", 1);
      inner.putArray("_source").add("paragraphs.index").add("paragraphs.text");
      inner.putObject("highlight").putObject("fields").putObject("paragraphs.text")
          .put("fragment_size", 200).put("number_of_fragments", 1).put("no_match_size", 200);
      body.putObject("highlight").putObject("fields").putObject("title").put("number_of_fragments", 0);
    }
    ArrayNode filter = bool.putArray("filter");
    for (EntityFilter entity : query.entities()) {
      filter.addObject().putObject("term").put("entities." + entity.type(), entity.value());
    }
    if (query.mentionedFrom().isPresent() || query.mentionedTo().isPresent()) {
      ObjectNode range = filter.addObject().putObject("range").putObject("mentioned_date_ranges");
      query.mentionedFrom().ifPresent(from -> range.put("gte", from));
      query.mentionedTo().ifPresent(to -> range.put("lte", to));
      range.put("relation", "intersects");
    }
    ObjectNode aggs = body.putObject("aggs");
    for (String type : ENTITY_TYPES) {
      aggs.putObject(type).putObject("terms").put("field", "entities." + type).put("size", FACET_SIZE);
    }
    body.putArray("_source").add("document_id").add("title").add("source.path").add("source.collection")
        .add("top_entities");
    return body;
  }
}
