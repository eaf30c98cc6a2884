package io.docpipe.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docpipe.runtime.Settings;
import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Source;
import io.docpipe.schemas.Topic;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.SchemaRegistryException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The enrich stage's failure policy, one kind of failure at a time: what is about the record goes to the
 * dead letter; what is about the world (the registry down, the task fenced or moved) reaches Kafka Streams
 * and nothing is dead-lettered, so the record is read again.
 */
class EnrichFailurePolicyTest {
  private static final Instant NOW = Instant.parse("2024-10-07T12:00:00Z");
  /** What the raw deserializer throws for the next record; null to decode normally. */
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final RecordingSignals signals = new RecordingSignals();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RawDocument> raw;
  private TestOutputTopic<String, EnrichedDocument> enriched;
  private TestOutputTopic<String, byte[]> deadLetters;

  private void start(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(overrides);
    settings.put("kafka.bootstrap.servers", "unused:9092");
    EnrichConfig config = EnrichConfig.from(Settings.of(settings));
    RegistryFreeSerdes plain = new RegistryFreeSerdes();
    ValueSerdes failing = new ValueSerdes() {
      @Override
      public <V extends SpecificRecord> Serde<V> forTopic(Topic<V> topic) {
        Serde<V> serde = plain.forTopic(topic);
        return Serdes.serdeFrom(serde.serializer(), (t, bytes) -> {
          RuntimeException e = failure.getAndSet(null);
          if (e != null) {
            throw e;
          }
          return serde.deserializer().deserialize(t, bytes);
        });
      }
    };
    Properties props = EnrichService.streamsProperties(config);
    props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/enrich-policy-test");
    driver = new TopologyTestDriver(EnrichTopology.build(config, failing, new SimpleMeterRegistry(),
        Clock.fixed(NOW, ZoneOffset.UTC), signals, 1), props);
    raw = driver.createInputTopic(Topics.RAW_DOCUMENTS.name(), Serdes.String().serializer(),
        plain.forTopic(Topics.RAW_DOCUMENTS).serializer());
    enriched = driver.createOutputTopic(Topics.ENRICHED_DOCUMENTS.name(), Serdes.String().deserializer(),
        plain.forTopic(Topics.ENRICHED_DOCUMENTS).deserializer());
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void tearDown() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void anUnreachableRegistryIsRetriedNotDeadLettered() {
    start(Map.of());
    failure.set(new SchemaRegistryException("schema registry at http://registry unreachable: request timed out",
        new java.net.http.HttpTimeoutException("request timed out")));
    assertThatThrownBy(() -> raw.pipeInput("doc-1", document("doc-1", "About Pakistan.")))
        .hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class)
        .satisfies(e -> assertThat(causes(e)).anyMatch(RetryLaterException.class::isInstance));
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(signals.registryProblem).contains("unreachable");
  }

  @Test
  void aSchemaIdTheRegistryDoesNotKnowIsDeadLettered() {
    start(Map.of());
    failure.set(new SchemaRegistryException("GET /schemas/ids/987 -> HTTP 404: schema not found", 404, 40403));
    raw.pipeInput("doc-1", document("doc-1", "About Pakistan."));
    TestRecord<String, byte[]> dead = deadLetters.readRecord();
    assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.REASON)).contains("404");
  }

  @Test
  void fencingAndTaskMigrationReachKafkaStreams() {
    start(Map.of());
    for (RuntimeException world : List.of(new TaskMigratedException("moved to another instance"),
        new ProducerFencedException("fenced by a newer producer"))) {
      failure.set(world);
      assertThatThrownBy(() -> raw.pipeInput("doc-1", document("doc-1", "About Pakistan.")))
          .satisfies(e -> assertThat(causes(e)).contains(world));
      assertThat(deadLetters.isEmpty()).as(world.getClass().getSimpleName() + " not dead-lettered").isTrue();
    }
  }

  @Test
  void aDocumentOverItsTimeLimitIsDeadLetteredWithTheReasonAndOthersFlow() {
    // 1 s: the slow document needs tens of seconds, and the quick one must finish within the limit even on a busy
    // machine, on a fresh worker thread (the slow one's may still be winding down) with a cold JIT; with 100 ms it
    // did not once under a CPU hog in CI.
    start(Map.of("enrich.document.time.limit", "1s", "enrich.max.analyzed.chars", "5000000"));
    String slow = "President Pervez Musharraf met Hamid Karzai of Afghanistan in Kabul on October 7, 2001. "
        .repeat(40_000);
    raw.pipeInput("slow", document("slow", slow));
    raw.pipeInput("quick", document("quick", "About Pakistan."));
    TestRecord<String, byte[]> dead = deadLetters.readRecord();
    assertThat(dead.key()).isEqualTo("slow");
    assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.REASON))
        .contains("longer than the 1000 ms limit", "DOCPIPE_ENRICH_DOCUMENT_TIME_LIMIT");
    assertThat(enriched.readKeyValue().key).isEqualTo("quick");
  }

  @Test
  void aDocumentPastTheBudgetSaysSoInItsRecord() {
    start(Map.of("enrich.max.analyzed.chars", "1000"));
    String text = "Pervez Musharraf spoke in Islamabad on October 7, 2001.\n\n".repeat(100);
    raw.pipeInput("long", document("long", text));
    EnrichedDocument doc = enriched.readValue();
    assertThat(doc.getPartialAnalysis()).isNotNull();
    assertThat(doc.getPartialAnalysis().getTextChars()).isEqualTo(text.length());
    assertThat(doc.getPartialAnalysis().getAnalyzedChars()).isLessThanOrEqualTo(1000);
    assertThat(doc.getPartialAnalysis().getReason()).contains("DOCPIPE_ENRICH_MAX_ANALYZED_CHARS");
    assertThat(doc.getParagraphs()).hasSize(100);
    assertThat(doc.getEntities()).allMatch(e -> e.getEnd() <= doc.getPartialAnalysis().getAnalyzedChars());
  }

  /**
   * A record whose processing keeps failing (here a decoder bug; in the pipeline, a record Kafka refused)
   * ends its stream thread each time and is read again; on the fourth reading it is dead-lettered.
   */
  @Test
  void aRecordThatKeepsFailingIsDeadLetteredAfterABoundedNumberOfAttempts() {
    EnrichConfig config = EnrichConfig.from(Settings.of(Map.of("kafka.bootstrap.servers", "unused:9092")));
    var context = new org.apache.kafka.streams.processor.api.MockProcessorContext<String, Object>();
    for (String name : List.of(EnrichTopology.PENDING_DOCUMENTS, EnrichTopology.PENDING_PROGRESS)) {
      var store = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
          org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
          .withLoggingDisabled().build();
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
    org.apache.kafka.common.serialization.Deserializer<RawDocument> broken = (t, bytes) -> {
      throw new IllegalStateException("decoder bug");
    };
    FailedAttempts attempts = new FailedAttempts();
    EnrichProcessor processor = new EnrichProcessor(broken, new TimeLimitedEnricher(null, config.documentTimeLimit()),
        new ProbeRouting(config.repeatBuckets(), 1), new SimpleMeterRegistry(), EnrichSignals.NONE, attempts);
    processor.init(context);
    context.setRecordMetadata(Topics.RAW_DOCUMENTS.name(), 1, 42);
    var record = new org.apache.kafka.streams.processor.api.Record<>("doc", new byte[] {1}, 0L);
    for (int attempt = 1; attempt <= FailedAttempts.MAX_ATTEMPTS; attempt++) {
      assertThatThrownBy(() -> processor.process(record)).hasMessage("decoder bug");
      assertThat(context.forwarded()).isEmpty();
    }
    processor.process(record);
    var forwarded = context.forwarded();
    assertThat(forwarded).singleElement().satisfies(f -> {
      assertThat(f.childName()).contains(EnrichTopology.DEAD_LETTER_SINK);
      assertThat(DeadLetterHeaders.get(f.record().headers(), DeadLetterHeaders.REASON))
          .contains("failed 3 times", "decoder bug");
      assertThat(DeadLetterHeaders.get(f.record().headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("42");
    });
    assertThat(attempts.of(FailedAttempts.key(Topics.RAW_DOCUMENTS.name(), 1, 42))).isNull();
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static RawDocument document(String id, String text) {
    Source source = Source.newBuilder().setPath(id + ".txt").setFileName(id + ".txt")
        .setSizeBytes(text.getBytes(StandardCharsets.UTF_8).length).setSha256("0".repeat(64))
        .setContentType("text/plain").setModifiedTime(NOW).build();
    return RawDocument.newBuilder().setDocumentId(id).setVersion("v1").setSource(source).setText(text)
        .setIngestTime(NOW).build();
  }

  private static final class RecordingSignals implements EnrichSignals {
    volatile String registryProblem = "";

    @Override
    public void registryAnswered() {}

    @Override
    public void registryUnavailable(String reason) {
      registryProblem = reason;
    }
  }
}
