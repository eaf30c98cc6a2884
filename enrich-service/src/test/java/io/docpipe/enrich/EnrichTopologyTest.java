package io.docpipe.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.runtime.Settings;
import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.EntityType;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.ReferenceDateOrigin;
import io.docpipe.schemas.RepeatKind;
import io.docpipe.schemas.RepeatOf;
import io.docpipe.schemas.Source;
import io.docpipe.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The enrich topology, built from the service's own typed config, driven without a broker. */
class EnrichTopologyTest {
  private static final Instant NOW = Instant.parse("2024-10-07T12:00:00Z");
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RawDocument> raw;
  private TestInputTopic<String, byte[]> rawBytes;
  private TestOutputTopic<String, EnrichedDocument> enriched;
  private TestOutputTopic<String, byte[]> deadLetters;

  @BeforeEach
  void setUp() {
    start(Map.of());
  }

  private void start(Map<String, String> overrides) {
    if (driver != null) {
      driver.close();
    }
    Map<String, String> settings = new java.util.HashMap<>(overrides);
    settings.put("kafka.bootstrap.servers", "unused:9092");
    EnrichConfig config = EnrichConfig.from(Settings.of(settings));
    RegistryFreeSerdes serdes = new RegistryFreeSerdes();
    Properties props = EnrichService.streamsProperties(config);
    props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/enrich-topology-test");
    driver = new TopologyTestDriver(
        EnrichTopology.build(config, serdes, metrics, Clock.fixed(NOW, ZoneOffset.UTC)), props);
    raw = driver.createInputTopic(Topics.RAW_DOCUMENTS.name(), Serdes.String().serializer(),
        serdes.forTopic(Topics.RAW_DOCUMENTS).serializer());
    rawBytes = driver.createInputTopic(Topics.RAW_DOCUMENTS.name(), Serdes.String().serializer(),
        Serdes.ByteArray().serializer());
    enriched = driver.createOutputTopic(Topics.ENRICHED_DOCUMENTS.name(), Serdes.String().deserializer(),
        serdes.forTopic(Topics.ENRICHED_DOCUMENTS).deserializer());
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void enrichesADocument() {
    String text = "Pakistan’s Gamble\n\nOn October 7, 2001, President Pervez Musharraf spoke in Islamabad.\n"
        + "Boilerplate line.\nBoilerplate  line.";
    raw.pipeInput("doc-1", document("doc-1", text, null));

    TestRecord<String, EnrichedDocument> out = enriched.readRecord();
    EnrichedDocument doc = out.value();
    assertThat(out.key()).isEqualTo("doc-1");
    assertThat(doc.getParagraphs()).hasSize(4);
    assertThat(doc.getParagraphs().get(3).getRepeatOf().getKind()).isEqualTo(RepeatKind.EXACT);
    assertThat(doc.getParagraphs().get(3).getRepeatOf().getParagraphIndex()).isEqualTo(2);
    assertThat(doc.getParagraphs().get(3).getRepeatOf().getDocumentId()).isEqualTo("doc-1");
    assertThat(doc.getEntities()).anyMatch(e -> e.getType() == EntityType.PERSON
        && e.getText().equals("Pervez Musharraf"));
    assertThat(doc.getDates()).anyMatch(d -> d.getValue().equals("2001-10-07"));
    assertThat(doc.getSummary().getEarliestDate()).isEqualTo("2001-10-07");
    assertThat(doc.getSummary().getRepeatedParagraphs()).isEqualTo(1);
    assertThat(metrics.counter(EnrichMetrics.REPEATS, "kind", "exact", "scope", "within").count()).isEqualTo(1.0);
    assertThat(doc.getReferenceDate().getOrigin()).isEqualTo(ReferenceDateOrigin.FILE_MODIFIED_TIME);
    assertThat(doc.getEnrichTime()).isEqualTo(NOW);
    assertThat(doc.getAuthor()).isEqualTo("A. Writer");
    assertThat(enriched.isEmpty()).isTrue();
    assertThat(metrics.counter(EnrichMetrics.DOCUMENTS, "outcome", "enriched").count()).isEqualTo(1.0);
  }

  @Test
  void theDocumentsOwnDateIsTheReferenceDate() {
    raw.pipeInput("doc-2", document("doc-2", "It happened 23 years ago.", "2024-10-07"));
    EnrichedDocument doc = enriched.readValue();
    assertThat(doc.getReferenceDate().getDate()).isEqualTo("2024-10-07");
    assertThat(doc.getReferenceDate().getOrigin()).isEqualTo(ReferenceDateOrigin.DOCUMENT_METADATA);
    assertThat(doc.getDates()).singleElement().satisfies(d -> assertThat(d.getValue()).isEqualTo("2001"));
  }

  @Test
  void undecodableRecordsGoToTheDeadLetterTopicWithTheirSourceAndDoNotBlockOthers() {
    rawBytes.pipeInput("bad", new byte[] {1, 2, 3});
    raw.pipeInput("good", document("good", "Fine text about Pakistan.", null));

    TestRecord<String, byte[]> dead = deadLetters.readRecord();
    assertThat(dead.key()).isEqualTo("bad");
    assertThat(dead.value()).containsExactly(1, 2, 3);
    assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.STAGE)).isEqualTo("enrich");
    assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.REASON)).isNotBlank();
    assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC))
        .isEqualTo(Topics.RAW_DOCUMENTS.name());
    assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(enriched.readKeyValue().key).isEqualTo("good");
    assertThat(metrics.counter(EnrichMetrics.DOCUMENTS, "outcome", "failed").count()).isEqualTo(1.0);
  }

  @Test
  void tombstonesPassThrough() {
    rawBytes.pipeInput("gone", (byte[]) null);
    TestRecord<String, EnrichedDocument> out = enriched.readRecord();
    assertThat(out.key()).isEqualTo("gone");
    assertThat(out.value()).isNull();
  }

  private static final String BOILERPLATE = "Subscribe to our newsletter for the latest analysis of South Asian "
      + "politics, security and the economy, delivered every morning.";
  private static final String STORY = "The situation took a dramatic turn: the Afghan Taliban, originally supported "
      + "by Pakistan, began to shelter militants who attacked Pakistani cities.";

  @Test
  void repeatsAcrossDocumentsPointAtTheirFirstOccurrence() {
    raw.pipeInput("a", document("a", "v1", NOW, "Report A\n\n" + STORY + "\n\n" + BOILERPLATE, null));
    raw.pipeInput("b", document("b", "v1", NOW.plusSeconds(60), "Report B\n\nHowever, t" + STORY.substring(1)
        + "\n\nSomething new entirely.\n\n" + BOILERPLATE.replace(" ", "  "), null));

    EnrichedDocument a = enriched.readValue();
    assertThat(a.getParagraphs()).allSatisfy(p -> assertThat(p.getRepeatOf()).isNull());
    EnrichedDocument b = enriched.readValue();
    assertThat(b.getDocumentId()).isEqualTo("b");
    assertThat(b.getParagraphs().get(0).getRepeatOf()).isNull();
    assertThat(b.getParagraphs().get(1).getRepeatOf()).isEqualTo(new RepeatOf(RepeatKind.NEAR, "a", 1));
    assertThat(b.getParagraphs().get(2).getRepeatOf()).isNull();
    assertThat(b.getParagraphs().get(3).getRepeatOf()).isEqualTo(new RepeatOf(RepeatKind.EXACT, "a", 2));
    assertThat(b.getSummary().getRepeatedParagraphs()).isEqualTo(2);
    assertThat(metrics.counter(EnrichMetrics.REPEATS, "kind", "exact", "scope", "across").count()).isEqualTo(1.0);
    assertThat(metrics.counter(EnrichMetrics.REPEATS, "kind", "near", "scope", "across").count()).isEqualTo(1.0);
    assertThat(metrics.timer(EnrichMetrics.REPEAT_LOOKUP).count()).isEqualTo(2);
  }

  @Test
  void reIngestingTheSameVersionIsNotARepeatOfItself() {
    String text = "Report A\n\n" + STORY + "\n\n" + BOILERPLATE;
    raw.pipeInput("a", document("a", "v1", NOW, text, null));
    raw.pipeInput("a", document("a", "v1", NOW.plusSeconds(600), text, null));
    raw.pipeInput("a", document("a", "v2", NOW.plusSeconds(900), text + "\n\nA new closing line.", null));
    for (EnrichedDocument doc : enriched.readValuesToList()) {
      assertThat(doc.getParagraphs()).allSatisfy(p -> assertThat(p.getRepeatOf()).isNull());
      assertThat(doc.getSummary().getRepeatedParagraphs()).isZero();
    }
  }

  @Test
  void crossDocumentMemoryLastsAsLongAsConfigured() {
    start(Map.of("enrich.repeat.memory", "1h"));
    raw.pipeInput("a", document("a", "v1", NOW, BOILERPLATE, null));
    raw.pipeInput("b", document("b", "v1", NOW.plusSeconds(1800), BOILERPLATE, null));
    raw.pipeInput("c", document("c", "v1", NOW.plusSeconds(3 * 3600), BOILERPLATE, null));
    var docs = enriched.readValuesToList();
    assertThat(docs.get(1).getParagraphs().get(0).getRepeatOf()).isEqualTo(new RepeatOf(RepeatKind.EXACT, "a", 0));
    assertThat(docs.get(2).getParagraphs().get(0).getRepeatOf()).as("a and b are forgotten after an hour").isNull();
  }

  static RawDocument document(String id, String version, Instant ingestTime, String text, String documentDate) {
    RawDocument doc = document(id, text, documentDate);
    doc.setVersion(version);
    doc.setIngestTime(ingestTime);
    return doc;
  }

  static RawDocument document(String id, String text, String documentDate) {
    Source source = Source.newBuilder().setPath(id + ".txt").setFileName(id + ".txt")
        .setSizeBytes(text.length()).setSha256("0".repeat(64)).setContentType("text/plain; charset=UTF-8")
        .setModifiedTime(Instant.parse("2024-05-01T10:00:00Z")).build();
    return RawDocument.newBuilder().setDocumentId(id).setVersion("v1").setSource(source).setText(text)
        .setTitle("t").setLanguage("eng").setAuthor("A. Writer").setDocumentDate(documentDate).setIngestTime(NOW)
        .build();
  }
}
