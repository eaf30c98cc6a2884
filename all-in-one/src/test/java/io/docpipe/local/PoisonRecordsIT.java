package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Records no ingest service would write, sent straight to the raw topic of the real stack: bytes that are
 * not the Confluent wire format, a schema id the registry does not know, and a body cut short. Each goes
 * to the dead-letter topic with a reason that says what is wrong, and a good document sent after them on
 * the same partition is enriched and indexed.
 */
class PoisonRecordsIT {
  @Test
  void poisonRecordsAreDeadLetteredWithTheirReasonAndTheStreamGoesOn() throws Exception {
    LocalStack stack = SharedStack.get();
    SchemaRegistryClient registry = new SchemaRegistryClient(
        RegistryClientConfig.of(URI.create(stack.config().registryUrl())));
    RawDocument good = EnrichCrashIT.stream(1).get(0);
    good.setDocumentId("poison-good");
    byte[] valid = Topics.RAW_DOCUMENTS.valueSerde(registry).serializer().serialize(Topics.RAW_DOCUMENTS.name(), good);
    byte[] unknownId = valid.clone();
    ByteBuffer.wrap(unknownId, 1, 4).putInt(987_654);
    byte[] truncated = Arrays.copyOf(valid, valid.length / 2);

    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        stack.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
      // One partition for all four: the good one must not wait behind the bad ones.
      for (var record : List.of(Map.entry("poison-garbage", "not avro at all".getBytes(StandardCharsets.UTF_8)),
          Map.entry("poison-unknown-id", unknownId), Map.entry("poison-truncated", truncated),
          Map.entry("poison-good", valid))) {
        producer.send(new ProducerRecord<>(Topics.RAW_DOCUMENTS.name(), 0, record.getKey(), record.getValue())).get();
      }
    }

    Map<String, List<ConsumerRecord<String, byte[]>>> dead = Await.until("three records dead-lettered",
        Duration.ofSeconds(90), () -> RawTopic.byKey(stack.bootstrapServers(), Topics.DEAD_LETTER),
        d -> d.keySet().containsAll(List.of("poison-garbage", "poison-unknown-id", "poison-truncated")));
    assertThat(reason(dead, "poison-garbage")).contains("not Confluent wire format");
    assertThat(reason(dead, "poison-unknown-id")).contains("no usable schema", "987654");
    assertThat(reason(dead, "poison-truncated")).containsAnyOf("truncated", "corrupt").doesNotContain(": null");
    for (String key : List.of("poison-garbage", "poison-unknown-id", "poison-truncated")) {
      ConsumerRecord<String, byte[]> record = dead.get(key).get(0);
      assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.STAGE)).isEqualTo("enrich");
      assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.SOURCE_TOPIC))
          .isEqualTo(Topics.RAW_DOCUMENTS.name());
      assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
    }
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      Await.until("the good document indexed", Duration.ofSeconds(90),
          () -> os.countOrZero("{\"term\":{\"document_id\":\"poison-good\"}}"), n -> n == 1);
    }
  }

  /** The internal repeat topics take records as large as the pipeline's topics, by their own settings. */
  @Test
  void theInternalRepeatTopicsTakeLargeRecords() throws Exception {
    LocalStack stack = SharedStack.get();
    Await.until("enrich ready", Duration.ofSeconds(120), stack::isReady, ok -> ok);
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
        Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      for (String topic : List.of("docpipe-enrich.repeat-probes", "docpipe-enrich.repeat-answers")) {
        var resource = new org.apache.kafka.common.config.ConfigResource(
            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        var config = admin.describeConfigs(List.of(resource)).all().get(30, java.util.concurrent.TimeUnit.SECONDS)
            .get(resource);
        assertThat(config.get("max.message.bytes").value()).as(topic)
            .isEqualTo(Integer.toString(io.docpipe.runtime.TopicAdmin.MAX_MESSAGE_BYTES));
      }
    }
  }

  private static String reason(Map<String, List<ConsumerRecord<String, byte[]>>> dead, String key) {
    return DeadLetterHeaders.get(dead.get(key).get(0).headers(), DeadLetterHeaders.REASON);
  }
}
