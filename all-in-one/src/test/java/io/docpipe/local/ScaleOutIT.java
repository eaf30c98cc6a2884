package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.Http;
import io.docpipe.local.support.OwnBroker;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.enrich.EnrichConfig;
import io.docpipe.enrich.EnrichService;
import io.docpipe.index.IndexConfig;
import io.docpipe.index.IndexService;
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
 * Scale-out on one machine: two enrich instances of one application and two index instances of one consumer
 * group on a real broker (their own, so the shared pipeline does not take these documents) and the shared
 * OpenSearch node, documents on all three partitions. The work is split: each enrich instance holds part of
 * the repeat index (the lookup of some of the probes topic's partitions, never all of them), each index
 * instance writes part of the documents; and the result is as if one instance did it all: site boilerplate in
 * every document points at the first document, a near copy of a story points at its original, whichever
 * instance and partition each document went through, and every document is searchable once. An instance
 * that stops leaves the group, so the other takes over its partitions at once, not after the session timeout.
 */
class ScaleOutIT {
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
  void twoEnrichAndTwoIndexInstancesSplitTheWorkAndTheRepeatIndex() throws Exception {
    LocalStack stack = SharedStack.get();
    EmbeddedKafkaBroker broker = OwnBroker.start(work.resolve("broker"));
    SchemaRegistryClient registry = new SchemaRegistryClient(
        RegistryClientConfig.of(java.net.URI.create(stack.config().registryUrl())));
    String alias = "scale-out-" + System.nanoTime();
    try (EnrichService first = instance(broker, stack, "one"); EnrichService second = instance(broker, stack, "two");
        IndexService indexOne = indexer(broker, stack, alias); IndexService indexTwo = indexer(broker, stack, alias)) {
      first.start();
      second.start();
      Await.until("both enrich instances running, each with part of the repeat index", Duration.ofSeconds(120),
          () -> List.of(first.repeatIndexPartitions(), second.repeatIndexPartitions()),
          held -> !held.get(0).isEmpty() && !held.get(1).isEmpty());
      indexOne.start();
      indexTwo.start();
      Await.until("both index instances assigned partitions", Duration.ofSeconds(120),
          () -> assigned(indexOne) > 0 && assigned(indexTwo) > 0, ok -> ok);
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

      Set<Integer> one = first.repeatIndexPartitions();
      Set<Integer> two = second.repeatIndexPartitions();
      assertThat(one).as("instance one's share of the repeat index").isNotEmpty().doesNotContainAnyElementsOf(two);
      assertThat(two).as("instance two's share of the repeat index").isNotEmpty();
      Set<Integer> all = new HashSet<>(one);
      all.addAll(two);
      assertThat(all).as("the repeat index, split between them").containsExactlyInAnyOrder(0, 1, 2);

      try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
        Await.until("all twelve searchable", Duration.ofSeconds(120), () -> os.countIn(alias, "{\"match_all\":{}}"),
            n -> n == 12);
      }
      double byOne = indexed(indexOne);
      double byTwo = indexed(indexTwo);
      assertThat(byOne).as("documents written by index instance one").isPositive();
      assertThat(byTwo).as("documents written by index instance two").isPositive();
      assertThat(byOne + byTwo).as("each document written once").isEqualTo(12);
      System.out.printf("ScaleOutIT: repeat index partitions %s | %s; documents indexed %.0f | %.0f%n", one, two,
          byOne, byTwo);

      // A stopped instance leaves the group at once: the other takes its partitions well inside the consumer
      // session timeout (45 s), which is how long it would otherwise wait.
      second.close();
      Await.until("instance one holds the whole repeat index once instance two has stopped", Duration.ofSeconds(30),
          first::repeatIndexPartitions, held -> held.size() == 3);
    } finally {
      broker.close();
    }
  }

  private static IndexService indexer(EmbeddedKafkaBroker broker, LocalStack stack, String alias) {
    return new IndexService(IndexConfig.from(Settings.of(Map.of(
        "kafka.bootstrap.servers", broker.bootstrapServers(), "registry.url", stack.config().registryUrl(),
        "opensearch.url", stack.config().openSearchUrl(), "index.alias", alias, "index.ops.port", "0",
        "index.group.id", "scale-out-index", "index.batch.linger", "100ms"))));
  }

  /**
   * A Prometheus counter or gauge of an index instance, summed over its series that contain {@code tag} (0
   * while it cannot be read).
   */
  private static double metric(IndexService index, String name, String tag) {
    try {
      return Http.get("http://127.0.0.1:" + index.opsPort() + "/metrics").lines()
          .filter(l -> (l.startsWith(name + "{") || l.startsWith(name + " ")) && l.contains(tag))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    } catch (Exception e) {
      return 0;
    }
  }

  private static double assigned(IndexService index) {
    return metric(index, "kafka_consumer_coordinator_assigned_partitions", "");
  }

  private static double indexed(IndexService index) {
    return metric(index, "docpipe_index_documents_total", "outcome=\"indexed\"");
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
