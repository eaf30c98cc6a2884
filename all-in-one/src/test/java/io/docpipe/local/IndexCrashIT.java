package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.ServiceProcess;
import io.docpipe.local.support.OwnBroker;
import io.docpipe.local.support.SwitchableHttpProxy;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.enrich.LocalEnrichment;
import io.docpipe.runtime.TopicAdmin;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: the index service, a JVM of its own, is killed with SIGKILL after OpenSearch has written a batch
 * but before the service has heard so, let alone committed the batch's offsets (a proxy in front of the
 * real node holds the bulk answer back). Restarted, it reads again from the last commit and writes that
 * batch a second time: the index still holds each document once, at its own external version.
 */
class IndexCrashIT {
  private static final int DOCUMENTS = 40;
  private static final int BATCH = 10;

  @TempDir
  Path work;

  @Test
  void killedBetweenABulkAndItsCommitTheIndexStaysExact() throws Exception {
    LocalStack stack = SharedStack.get();
    SchemaRegistryClient registry = new SchemaRegistryClient(
        RegistryClientConfig.of(URI.create(stack.config().registryUrl())));
    TopicAdmin.registerValueSchema(registry, Topics.ENRICHED_DOCUMENTS);
    String alias = "chaos-index-" + System.nanoTime();
    try (EmbeddedKafkaBroker broker = OwnBroker.start(work.resolve("broker"));
        SwitchableHttpProxy openSearch = new SwitchableHttpProxy(URI.create(stack.config().openSearchUrl()));
        OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      Map<String, String> env = new HashMap<>(Map.of(
          "DOCPIPE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
          "DOCPIPE_REGISTRY_URL", stack.config().registryUrl(),
          "DOCPIPE_OPENSEARCH_URL", openSearch.url(),
          "DOCPIPE_INDEX_ALIAS", alias,
          "DOCPIPE_INDEX_BATCH_MAX_DOCS", Integer.toString(BATCH),
          "DOCPIPE_INDEX_BATCH_LINGER", "100ms",
          "DOCPIPE_TOPICS_PARTITIONS", "1"));
      ServiceProcess index = new ServiceProcess("index", "chaos", env);
      try {
        index.start();
        Await.until("the index service ready", Duration.ofSeconds(120), index::readiness, s -> s == 200);
        produce(broker, registry, enriched(BATCH));
        Await.until("the first batch indexed", Duration.ofSeconds(60), () -> os.countIn(alias, "{\"match_all\":{}}"),
            n -> n == BATCH);

        SwitchableHttpProxy.Hold hold = openSearch.holdNext("/_bulk");
        produce(broker, registry, enriched(DOCUMENTS).subList(BATCH, DOCUMENTS));
        assertThat(hold.awaitReached(Duration.ofSeconds(60))).as("a second bulk written by the node").isTrue();
        index.kill();
        hold.release();
        long written = Await.until("the held bulk visible in the index", Duration.ofSeconds(30),
            () -> os.countIn(alias, "{\"match_all\":{}}"), n -> n > BATCH);

        index.start();
        Await.until("every document indexed", Duration.ofSeconds(120), () -> os.countIn(alias, "{\"match_all\":{}}"),
            n -> n == DOCUMENTS);
        // The restarted service wrote everything after the first batch: the uncommitted batch again, then the rest.
        String metrics = Await.until("the restarted service's writes counted", Duration.ofSeconds(60),
            () -> metricsOrEmpty(index), m -> written(m) >= DOCUMENTS - BATCH);
        assertThat(written(metrics)).isEqualTo(DOCUMENTS - BATCH);
        assertThat(os.countIn(alias, "{\"match_all\":{}}")).isEqualTo(DOCUMENTS);
        assertThat(os.countIn(alias, "{\"term\":{\"document_id\":\"chaos-" + (BATCH + 1) + "\"}}")).isEqualTo(1);
        assertThat(RawTopic.byKey(broker.bootstrapServers(), Topics.DEAD_LETTER)).as("nothing dead-lettered").isEmpty();
        System.out.printf("IndexCrashIT: %d documents, killed after %d were written, %.0f written after the restart%n",
            DOCUMENTS, written, written(metrics));
      } finally {
        index.close();
      }
    }
  }

  private static List<EnrichedDocument> enriched(int count) {
    LocalEnrichment enrichment = new LocalEnrichment(0.55, Clock.systemUTC());
    return EnrichCrashIT.stream(count).stream().map((RawDocument raw) -> enrichment.enrich(raw, null)).toList();
  }

  private static void produce(EmbeddedKafkaBroker broker, SchemaRegistryClient registry, List<EnrichedDocument> docs)
      throws Exception {
    try (KafkaProducer<String, EnrichedDocument> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        broker.bootstrapServers(), "acks", "all"), new StringSerializer(),
        Topics.ENRICHED_DOCUMENTS.valueSerde(registry).serializer())) {
      for (EnrichedDocument doc : docs) {
        producer.send(new ProducerRecord<>(Topics.ENRICHED_DOCUMENTS.name(), doc.getDocumentId(), doc)).get();
      }
    }
  }

  private static String metricsOrEmpty(ServiceProcess index) {
    try {
      return index.metrics();
    } catch (Exception e) {
      return "";
    }
  }

  private static double written(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("docpipe_index_documents_total{")
        && (l.contains("outcome=\"indexed\"") || l.contains("outcome=\"superseded\"")))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
