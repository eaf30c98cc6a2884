package io.docpipe.index.sink;

import io.docpipe.index.OpenSearchConnection;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docpipe.schemas.DateMention;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.EntityCount;
import io.docpipe.schemas.EntityMention;
import io.docpipe.schemas.Paragraph;
import io.docpipe.schemas.Source;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Maps an enriched record to the JSON document stored in the index (see index-template.json). */
public final class SearchDocumentMapper {
  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

  private static final int TOP_ENTITIES = 20;
  /**
   * Default of how much text is indexed: OpenSearch highlights no further than 1,000,000 characters into a
   * field ({@code index.highlight.max_analyzed_offset}), and a node refuses a bulk of a 20 M-character
   * document with 429 (circuit breaker) for ever.
   */
  public static final int MAX_INDEXED_CHARS = 1_000_000;

  private SearchDocumentMapper() {}

  public static ObjectNode toJson(EnrichedDocument doc) {
    return toJson(doc, MAX_INDEXED_CHARS);
  }

  /**
   * The document as indexed: its text and paragraphs up to {@code maxIndexedChars} (cut at a space); the
   * enriched topic keeps the whole text, and {@code text_truncated} / {@code indexed_chars} say where the
   * index stops.
   */
  public static ObjectNode toJson(EnrichedDocument doc, int maxIndexedChars) {
    String text = doc.getText();
    int indexed = indexedLength(text, maxIndexedChars);
    ObjectNode json = OpenSearchConnection.JSON.createObjectNode();
    json.put("document_id", doc.getDocumentId());
    json.put("version", doc.getVersion());
    json.put("title", doc.getTitle());
    json.put("text", indexed == text.length() ? text : text.substring(0, indexed));
    json.put("text_truncated", indexed < text.length());
    json.put("indexed_chars", indexed);
    json.put("language", doc.getLanguage());
    json.put("author", doc.getAuthor());
    json.put("created", doc.getCreated() == null ? null : doc.getCreated().toString());
    json.put("modified", doc.getModified() == null ? null : doc.getModified().toString());
    Source source = doc.getSource();
    json.putObject("source")
        .put("path", source.getPath())
        .put("collection", source.getCollection())
        .put("file_name", source.getFileName())
        .put("size_bytes", source.getSizeBytes())
        .put("sha256", source.getSha256())
        .put("content_type", source.getContentType())
        .put("modified_time", source.getModifiedTime().toString());
    json.put("ingest_time", doc.getIngestTime().toString());
    json.put("enrich_time", doc.getEnrichTime().toString());
    json.put("tagger_version", doc.getTaggerVersion());
    json.put("reference_date", doc.getReferenceDate().getDate());
    json.put("reference_date_origin", doc.getReferenceDate().getOrigin().name());
    ArrayNode paragraphs = json.putArray("paragraphs");
    for (Paragraph p : doc.getParagraphs()) {
      if (p.getStart() >= indexed) {
        break;
      }
      String paragraph = p.getEnd() <= indexed ? p.getText()
          : p.getText().substring(0, Math.min(p.getText().length(), indexed - p.getStart()));
      ObjectNode node = paragraphs.addObject().put("index", p.getIndex()).put("text", paragraph)
          .put("fingerprint", p.getFingerprint()).put("repeated", p.getRepeatOf() != null);
      if (p.getRepeatOf() != null) {
        node.put("repeat_kind", p.getRepeatOf().getKind().name())
            .put("repeat_of_document", p.getRepeatOf().getDocumentId())
            .put("repeat_of_index", p.getRepeatOf().getParagraphIndex());
      }
    }
    Map<String, Set<String>> byType = new TreeMap<>();
    ArrayNode mentions = json.putArray("entity_mentions");
    for (EntityMention e : doc.getEntities()) {
      String name = WHITESPACE.matcher(e.getText()).replaceAll(" ");
      byType.computeIfAbsent(e.getType().name().toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(name);
      mentions.addObject().put("text", e.getText()).put("type", e.getType().name())
          .put("start", e.getStart()).put("end", e.getEnd());
    }
    ObjectNode entities = json.putObject("entities");
    byType.forEach((type, names) -> names.forEach(entities.withArray(type)::add));
    ArrayNode days = json.putArray("mentioned_dates");
    ArrayNode ranges = json.putArray("mentioned_date_ranges");
    ArrayNode values = json.putArray("date_values");
    ArrayNode dateMentions = json.putArray("date_mentions");
    for (DateMention d : doc.getDates()) {
      days.add(d.getFirstDay());
      ranges.addObject().put("gte", d.getFirstDay()).put("lte", d.getLastDay());
      values.add(d.getValue());
      dateMentions.addObject().put("text", d.getText()).put("value", d.getValue())
          .put("granularity", d.getGranularity().name()).put("modifier", d.getModifier())
          .put("start", d.getStart()).put("end", d.getEnd());
    }
    json.put("earliest_date", doc.getSummary().getEarliestDate());
    json.put("latest_date", doc.getSummary().getLatestDate());
    json.put("repeated_paragraphs", doc.getSummary().getRepeatedParagraphs());
    json.put("partial_analysis", doc.getPartialAnalysis() != null);
    json.put("analyzed_chars", doc.getPartialAnalysis() == null ? doc.getText().length()
        : doc.getPartialAnalysis().getAnalyzedChars());
    ArrayNode top = json.putArray("top_entities");
    doc.getSummary().getEntities().stream().limit(TOP_ENTITIES).forEach((EntityCount c) ->
        top.addObject().put("type", c.getType().name()).put("text", c.getText()).put("count", c.getCount()));
    return json;
  }

  /** The whole length when it fits, else the limit cut back to the last space in its second half. */
  static int indexedLength(String text, int limit) {
    if (text.length() <= limit) {
      return text.length();
    }
    int space = text.lastIndexOf(' ', limit);
    return space >= limit / 2 ? space : limit;
  }
}
