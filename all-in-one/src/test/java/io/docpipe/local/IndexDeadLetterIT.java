package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.Http;
import io.docpipe.local.support.OwnBroker;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.index.IndexConfig;
import io.docpipe.index.IndexService;
import io.docpipe.index.OpenSearchConnection;
import io.docpipe.index.OpenSearchSettings;
import io.docpipe.runtime.Settings;
import io.docpipe.runtime.TopicAdmin;
import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.DocumentSummary;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.ReferenceDate;
import io.docpipe.schemas.ReferenceDateOrigin;
import io.docpipe.schemas.Source;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document the real OpenSearch node refuses for good (a value its mapping cannot take) goes to the
 * dead-letter topic with its source topic, partition, offset and the error, and the documents after it on
 * the same partition are indexed: the partition is never blocked. Own broker and alias, shared registry and
 * node.
 */
class IndexDeadLetterIT {
  @TempDir
  Path work;

  @Test
  void aDocumentOpenSearchRefusesGoesToTheDeadLetterTopicAndTheRestFlow() throws Exception {
    LocalStack stack = SharedStack.get();
    EmbeddedKafkaBroker broker = OwnBroker.start(work.resolve("broker"));
    SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(URI.create(
        stack.config().registryUrl())));
    String alias = "dead-letter-it";
    try (IndexService index = new IndexService(IndexConfig.from(Settings.of(Map.of(
            "kafka.bootstrap.servers", broker.bootstrapServers(), "registry.url", stack.config().registryUrl(),
            "opensearch.url", stack.config().openSearchUrl(), "index.alias", alias, "index.ops.port", "0",
            "topics.partitions", "1", "index.batch.linger", "100ms"))));
        OpenSearchConnection os = new OpenSearchConnection(OpenSearchSettings.of(URI.create(
            stack.config().openSearchUrl())))) {
      TopicAdmin.ensureTopics(Map.of("bootstrap.servers", broker.bootstrapServers()), TopicAdmin.pipelineTopics(1, 1));
      TopicAdmin.registerValueSchema(registry, Topics.ENRICHED_DOCUMENTS);
      index.start();
      try (KafkaProducer<String, EnrichedDocument> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
          broker.bootstrapServers()), new StringSerializer(), Topics.ENRICHED_DOCUMENTS.valueSerde(registry)
          .serializer())) {
        producer.send(new ProducerRecord<>(Topics.ENRICHED_DOCUMENTS.name(),
            "good-1", doc("good-1", "2025-03-15"))).get();
        producer.send(new ProducerRecord<>(Topics.ENRICHED_DOCUMENTS.name(),
            "bad", doc("bad", "15 March 2025"))).get();
        producer.send(new ProducerRecord<>(Topics.ENRICHED_DOCUMENTS.name(),
            "good-2", doc("good-2", "2025-03-16"))).get();
        producer.flush();
      }
      Await.until("the good documents indexed", Duration.ofSeconds(90), () -> count(os, alias), n -> n == 2);
      List<ConsumerRecord<String, byte[]>> dead = Await.until("the refused document dead-lettered",
          Duration.ofSeconds(60), () -> RawTopic.byKey(broker.bootstrapServers(), Topics.DEAD_LETTER)
              .getOrDefault("bad", List.of()), records -> !records.isEmpty());
      ConsumerRecord<String, byte[]> record = dead.get(0);
      assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.STAGE)).isEqualTo("index");
      assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.SOURCE_TOPIC))
          .isEqualTo(Topics.ENRICHED_DOCUMENTS.name());
      assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
      assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
      assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.REASON)).contains("HTTP 400")
          .contains("reference_date");
      assertThat(record.value()).as("the original record bytes").isNotEmpty();
      assertThat(os.status("GET", "/" + alias + "/_doc/bad")).isEqualTo(404);
    } finally {
      broker.close();
      deleteIndex(stack, alias);
    }
  }

  /**
   * Offsets are committed only once the batch's dead-letter records are acknowledged: with the dead-letter
   * topic gone, the refused document's offset stays uncommitted (and the service says why it is not ready);
   * once the topic is back, the record lands there and the offset is committed.
   */
  @Test
  void anOffsetIsCommittedOnlyAfterItsDeadLetterRecordIsAcknowledged() throws Exception {
    LocalStack stack = SharedStack.get();
    EmbeddedKafkaBroker broker = OwnBroker.start(work.resolve("broker-ack"));
    SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(URI.create(
        stack.config().registryUrl())));
    String alias = "dead-letter-ack-it";
    Map<String, Object> admin = Map.of("bootstrap.servers", broker.bootstrapServers());
    try (IndexService index = new IndexService(IndexConfig.from(Settings.of(Map.of(
            "kafka.bootstrap.servers", broker.bootstrapServers(), "registry.url", stack.config().registryUrl(),
            "opensearch.url", stack.config().openSearchUrl(), "index.alias", alias, "index.ops.port", "0",
            "index.group.id", alias, "index.batch.linger", "100ms",
            "index.backoff.initial", "200ms", "index.backoff.max", "1s", "kafka.max.block.ms", "2000"))));
        org.apache.kafka.clients.admin.Admin kafka = org.apache.kafka.clients.admin.Admin.create(admin)) {
      TopicAdmin.ensureTopics(admin, TopicAdmin.pipelineTopics(1, 1));
      TopicAdmin.registerValueSchema(registry, Topics.ENRICHED_DOCUMENTS);
      index.start();
      Await.until("ready", Duration.ofSeconds(120), index::isReady, ok -> ok);
      kafka.deleteTopics(List.of(Topics.DEAD_LETTER)).all().get();
      Await.until("the dead-letter topic gone", Duration.ofSeconds(30), () -> {
        try {
          return kafka.listTopics().names().get();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, names -> !names.contains(Topics.DEAD_LETTER));
      try (KafkaProducer<String, EnrichedDocument> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
          broker.bootstrapServers()), new StringSerializer(), Topics.ENRICHED_DOCUMENTS.valueSerde(registry)
          .serializer())) {
        producer.send(new ProducerRecord<>(Topics.ENRICHED_DOCUMENTS.name(),
            "bad", doc("bad", "15 March 2025"))).get();
      }
      String ready = "http://127.0.0.1:" + index.opsPort() + "/health/ready";
      Await.until("not ready: the dead letter not acknowledged", Duration.ofSeconds(60), () -> {
        try {
          return Http.get(ready);
        } catch (Exception e) {
          return "";
        }
      }, body -> body.contains("dead-letter record was not acknowledged"));
      org.apache.kafka.common.TopicPartition partition = new org.apache.kafka.common.TopicPartition(
          Topics.ENRICHED_DOCUMENTS.name(), 0);
      assertThat(committed(kafka, alias, partition)).as("the refused document's offset not committed").isZero();

      TopicAdmin.ensureTopics(admin, TopicAdmin.pipelineTopics(1, 1));
      Await.until("the record dead-lettered", Duration.ofSeconds(60), () -> RawTopic.byKey(broker.bootstrapServers(),
          Topics.DEAD_LETTER).containsKey("bad"), ok -> ok);
      Await.until("then its offset committed", Duration.ofSeconds(60), () -> committed(kafka, alias, partition),
          offset -> offset == 1);
    } finally {
      broker.close();
      deleteIndex(stack, alias);
    }
  }

  private static void deleteIndex(LocalStack stack, String alias) {
    try (OpenSearchConnection os = new OpenSearchConnection(OpenSearchSettings.of(URI.create(
        stack.config().openSearchUrl())))) {
      os.send("DELETE", "/" + alias + "-v*", (String) null);
      os.send("DELETE", "/_index_template/" + alias, (String) null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long committed(org.apache.kafka.clients.admin.Admin kafka, String group,
      org.apache.kafka.common.TopicPartition partition) {
    try {
      var offset = kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition);
      return offset == null ? 0 : offset.offset();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(OpenSearchConnection os, String alias) {
    try {
      os.send("POST", "/" + alias + "/_refresh", (String) null);
      return os.send("GET", "/" + alias + "/_count", (String) null).path("count").asLong();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static EnrichedDocument doc(String id, String referenceDate) {
    Instant t = Instant.parse("2025-03-15T00:00:00Z");
    return EnrichedDocument.newBuilder().setDocumentId(id).setVersion("v1")
        .setSource(Source.newBuilder().setPath(id + ".txt").setFileName(id + ".txt").setSizeBytes(1).setSha256("0")
            .setContentType("text/plain").setModifiedTime(t).build())
        .setText("Text of " + id).setIngestTime(t).setEnrichTime(t)
        .setReferenceDate(new ReferenceDate(referenceDate, ReferenceDateOrigin.FILE_MODIFIED_TIME))
        .setParagraphs(List.of()).setEntities(List.of()).setDates(List.of())
        .setSummary(new DocumentSummary(List.of(), null, null, 0)).build();
  }
}
