package io.docpipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.enrich.EnrichConfig;
import io.docpipe.enrich.EnrichService;
import io.docpipe.runtime.Settings;
import io.docpipe.runtime.TopicAdmin;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.RepeatKind;
import io.docpipe.schemas.RepeatOf;
import io.docpipe.schemas.Source;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-document repeats with the work spread out: two enrich instances of one application on a real
 * broker (their own, so the shared pipeline does not take these documents), documents on all three
 * partitions, the repeat index split by bucket between the instances. Site boilerplate in every document
 * must point at the first document, and a near copy of a story must point at its original, whichever
 * instance and partition each document went through.
 */
class RepeatsAcrossInstancesIT {
  private static final String BOILERPLATE = "Subscribe to our newsletter for the latest analysis of South Asian "
      + "politics, security and the economy, delivered every morning.";
  private static final String STORY = "The situation took a dramatic turn: the Afghan Taliban, originally supported "
      + "by Pakistan, began to shelter militants who attacked Pakistani cities.";
  private static final List<String> OWN_STORIES = List.of("", "Wheat prices rose in Punjab.",
      "A cricket final drew crowds in Lahore.", "Floods closed the Karakoram Highway.",
      "The central bank held its rate.", "", "Exporters of textiles asked for gas.",
      "Monsoon rains arrived early in Sindh.", "A new metro line opened in Karachi.",
      "Teachers marched over unpaid wages.", "Polio workers began a vaccination drive.",
      "Mango growers expect a record harvest.");
  private static final Instant T0 = Instant.parse("2025-03-15T09:00:00Z");

  @TempDir
  Path work;

  @Test
  void repeatsAreFoundAcrossPartitionsAndInstances() throws Exception {
    LocalStack stack = SharedStack.get();
    EmbeddedKafkaBroker broker = OwnBroker.start(work.resolve("broker"));
    SchemaRegistryClient registry = new SchemaRegistryClient(
        RegistryClientConfig.of(java.net.URI.create(stack.config().registryUrl())));
    try (EnrichService first = instance(broker, stack, "one"); EnrichService second = instance(broker, stack, "two")) {
      first.start();
      second.start();
      Await.until("both instances running with tasks", Duration.ofSeconds(120),
          () -> first.activeTasks() > 0 && second.activeTasks() > 0, ok -> ok);
      TopicAdmin.registerValueSchema(registry, Topics.RAW_DOCUMENTS);

      try (KafkaProducer<String, RawDocument> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
          broker.bootstrapServers(), "acks", "all"), new StringSerializer(),
          Topics.RAW_DOCUMENTS.valueSerde(registry).serializer())) {
        producer.send(new ProducerRecord<>(Topics.RAW_DOCUMENTS.name(), "doc-0",
            document("doc-0", 0, "Original report\n\n" + STORY + "\n\n" + BOILERPLATE))).get();
        Await.until("the first document enriched", Duration.ofSeconds(60), () -> enriched(broker, registry).size(),
            n -> n == 1);
        for (int i = 1; i <= 11; i++) {
          String story = i == 5 ? "However, t" + STORY.substring(1) : OWN_STORIES.get(i);
          producer.send(new ProducerRecord<>(Topics.RAW_DOCUMENTS.name(), "doc-" + i,
              document("doc-" + i, i, "Report " + i + "\n\n" + story + "\n\n" + BOILERPLATE)));
        }
        producer.flush();
      }
      Map<String, EnrichedDocument> docs = Await.until("all twelve enriched", Duration.ofSeconds(90),
          () -> enriched(broker, registry), d -> d.size() == 12);

      assertThat(docs.get("doc-0").getParagraphs()).allSatisfy(p -> assertThat(p.getRepeatOf()).isNull());
      for (int i = 1; i <= 11; i++) {
        EnrichedDocument doc = docs.get("doc-" + i);
        assertThat(doc.getParagraphs().get(2).getRepeatOf()).as("boilerplate of doc-" + i)
            .isEqualTo(new RepeatOf(RepeatKind.EXACT, "doc-0", 2));
        assertThat(doc.getParagraphs().get(0).getRepeatOf()).isNull();
        assertThat(doc.getParagraphs().get(1).getRepeatOf()).as("story of doc-" + i)
            .isEqualTo(i == 5 ? new RepeatOf(RepeatKind.NEAR, "doc-0", 1) : null);
      }
      Set<Integer> partitions = new HashSet<>();
      RawTopic.byKey(broker.bootstrapServers(), Topics.RAW_DOCUMENTS.name()).values()
          .forEach(records -> records.forEach(r -> partitions.add(r.partition())));
      assertThat(partitions).as("documents spread over the raw topic's partitions").hasSize(3);
      assertThat(first.activeTasks()).isPositive();
      assertThat(second.activeTasks()).isPositive();
    } finally {
      broker.close();
    }
  }

  private EnrichService instance(EmbeddedKafkaBroker broker, LocalStack stack, String name) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "kafka.bootstrap.servers", broker.bootstrapServers(),
        "registry.url", stack.config().registryUrl(),
        "enrich.application.id", "repeats-it",
        "enrich.state.dir", work.resolve("state-" + name).toString(),
        "enrich.ops.port", "0",
        "enrich.commit.interval", "100ms",
        "enrich.repeat.buckets", "12"));
    return new EnrichService(EnrichConfig.from(Settings.of(settings)));
  }

  private static Map<String, EnrichedDocument> enriched(EmbeddedKafkaBroker broker, SchemaRegistryClient registry) {
    var deserializer = Topics.ENRICHED_DOCUMENTS.valueSerde(registry).deserializer();
    Map<String, EnrichedDocument> docs = new HashMap<>();
    RawTopic.byKey(broker.bootstrapServers(), Topics.ENRICHED_DOCUMENTS.name()).forEach((key, records) ->
        docs.put(key, deserializer.deserialize(Topics.ENRICHED_DOCUMENTS.name(), records.get(records.size() - 1)
            .value())));
    return docs;
  }

  private static RawDocument document(String id, int order, String text) {
    Source source = Source.newBuilder().setPath(id + ".txt").setFileName(id + ".txt").setSizeBytes(text.length())
        .setSha256("0".repeat(64)).setContentType("text/plain; charset=UTF-8").setModifiedTime(T0).build();
    return RawDocument.newBuilder().setDocumentId(id).setVersion("v1").setSource(source).setText(text)
        .setIngestTime(T0.plusSeconds(order)).build();
  }
}
