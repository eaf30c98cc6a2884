package io.docpipe.local.support;

import io.docpipe.runtime.TopicEnd;
import io.docpipe.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic as committed (read_committed), as downstream consumers see it. */
public final class RawTopic {
  private RawTopic() {}

  /** Committed records per key (null values count as tombstones). */
  public static Map<String, List<ConsumerRecord<String, byte[]>>> byKey(String bootstrap, String topic) {
    Map<String, List<ConsumerRecord<String, byte[]>>> byKey = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      Map<TopicPartition, Long> end = TopicEnd.fromBeginning(consumer, topic, Duration.ofSeconds(60));
      while (!TopicEnd.reached(consumer, end)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
        }
      }
    }
    return byKey;
  }

  public static Map<String, List<ConsumerRecord<String, byte[]>>> raw(String bootstrap) {
    return byKey(bootstrap, Topics.RAW_DOCUMENTS.name());
  }
}
