package io.docpipe.index.sink;

import io.docpipe.index.search.Searcher;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docpipe.schemas.DateGranularity;
import io.docpipe.schemas.DateMention;
import io.docpipe.schemas.DocumentSummary;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.EntityCount;
import io.docpipe.schemas.EntityMention;
import io.docpipe.schemas.EntityType;
import io.docpipe.schemas.Paragraph;
import io.docpipe.schemas.ReferenceDate;
import io.docpipe.schemas.ReferenceDateOrigin;
import io.docpipe.schemas.RepeatKind;
import io.docpipe.schemas.RepeatOf;
import io.docpipe.schemas.Source;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchDocumentMapperTest {

  static EnrichedDocument sample() {
    Instant t = Instant.parse("2024-10-07T12:00:00Z");
    return EnrichedDocument.newBuilder()
        .setDocumentId("d1").setVersion("v1")
        .setSource(Source.newBuilder().setPath("news/a.txt").setCollection("news").setFileName("a.txt")
            .setSizeBytes(10).setSha256("ab").setContentType("text/plain").setModifiedTime(t).build())
        .setText("President Pervez Musharraf spoke.\nPresident Pervez Musharraf spoke.")
        .setTitle("A").setLanguage("eng").setIngestTime(t).setEnrichTime(t)
        .setReferenceDate(new ReferenceDate("2024-10-07", ReferenceDateOrigin.FILE_MODIFIED_TIME))
        .setParagraphs(List.of(new Paragraph(0, 0, 33, "p", "f1", null),
            new Paragraph(1, 34, 67, "p", "f1", new RepeatOf(RepeatKind.EXACT, "d1", 0))))
        .setEntities(List.of(new EntityMention("Pervez\nMusharraf", EntityType.PERSON, 10, 26),
            new EntityMention("Pervez Musharraf", EntityType.PERSON, 44, 60)))
        .setDates(List.of(new DateMention("October 2001", "2001-10", DateGranularity.MONTH, null, 0, 12,
            "2001-10-01", "2001-10-31")))
        .setSummary(new DocumentSummary(List.of(new EntityCount(EntityType.PERSON, "Pervez Musharraf", 2)),
            "2001-10-01", "2001-10-31", 1))
        .build();
  }

  @Test
  void mapsEntitiesByTypeDatesAsRangesAndRepeatsAsFlags() {
    JsonNode json = SearchDocumentMapper.toJson(sample());
    assertThat(json.path("entities").path("person")).hasSize(1);
    assertThat(json.path("entities").path("person").get(0).asText()).isEqualTo("Pervez Musharraf");
    assertThat(json.path("mentioned_dates").get(0).asText()).isEqualTo("2001-10-01");
    assertThat(json.path("mentioned_date_ranges").get(0).path("lte").asText()).isEqualTo("2001-10-31");
    assertThat(json.path("paragraphs").get(0).path("repeated").asBoolean()).isFalse();
    assertThat(json.path("paragraphs").get(1).path("repeated").asBoolean()).isTrue();
    assertThat(json.path("paragraphs").get(1).path("repeat_of_index").asInt()).isZero();
    assertThat(json.path("source").path("collection").asText()).isEqualTo("news");
  }

  @Test
  void searchBodyCombinesWordsEntityAndDateFilters() {
    JsonNode body = Searcher.body(Searcher.Query.of("taliban", java.util.List.of("PERSON:Pervez Musharraf"),
        "2001-10-01", null, 5, false));
    JsonNode bool = body.path("query").path("bool");
    JsonNode should = bool.path("must").get(0).path("bool").path("should");
    assertThat(should.get(0).path("simple_query_string").path("fields").get(0).asText()).isEqualTo("title");
    JsonNode nested = should.get(1).path("nested");
    assertThat(nested.path("path").asText()).isEqualTo("paragraphs");
    assertThat(nested.path("query").path("bool").path("filter").get(0).path("term").path("paragraphs.repeated")
        .asBoolean(true)).as("repeated paragraphs left out").isFalse();
    assertThat(bool.path("filter").get(0).path("term").path("entities.person").asText())
        .isEqualTo("Pervez Musharraf");
    assertThat(bool.path("filter").get(1).path("range").path("mentioned_date_ranges").path("gte").asText())
        .isEqualTo("2001-10-01");
    assertThat(body.path("aggs").path("location").path("terms").path("field").asText()).isEqualTo("entities.location");
    JsonNode withRepeats = Searcher.body(Searcher.Query.of("taliban", java.util.List.of(), null, null, 5, true));
    assertThat(withRepeats.path("query").path("bool").path("must").get(0).path("bool").path("should").get(1)
        .path("nested").path("query").path("bool").has("filter")).isFalse();
  }

  @Test
  void badSearchInputIsRefusedWithTheReason() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Searcher.Query.of("x", java.util.List.of("planet:Mars"),
        null, null, 5, false)).hasMessageContaining("unknown entity type 'planet'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Searcher.Query.of("x", java.util.List.of(), "2001-13-01",
        null, 5, false)).hasMessageContaining("from must be a day");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Searcher.Query.of("x", java.util.List.of("person"),
        null, null, 5, false)).hasMessageContaining("TYPE:VALUE");
  }

  @Test
  void aTextLongerThanTheIndexLimitIsIndexedUpToItAndSaysSo() {
    EnrichedDocument doc = sample();
    String paragraph = "Pervez Musharraf spoke in Islamabad about the border. ";
    StringBuilder text = new StringBuilder();
    List<Paragraph> paragraphs = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      paragraphs.add(new Paragraph(i, text.length(), text.length() + paragraph.length() - 1, paragraph.strip(), "f" + i,
          null));
      text.append(paragraph);
    }
    doc.setText(text.toString());
    doc.setParagraphs(paragraphs);
    JsonNode json = SearchDocumentMapper.toJson(doc, 2_000);
    assertThat(json.path("text_truncated").asBoolean()).isTrue();
    assertThat(json.path("indexed_chars").asInt()).isBetween(1_000, 2_000);
    assertThat(json.path("text").asText()).hasSize(json.path("indexed_chars").asInt());
    int indexed = json.path("indexed_chars").asInt();
    assertThat(json.path("paragraphs").size()).isEqualTo((int) paragraphs.stream().filter(p -> p.getStart() < indexed)
        .count());
    JsonNode whole = SearchDocumentMapper.toJson(doc, 1_000_000);
    assertThat(whole.path("text_truncated").asBoolean()).isFalse();
    assertThat(whole.path("paragraphs").size()).isEqualTo(100);
  }
}
