package io.docpipe.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reading a whole topic up to where it ends now (the ingest ledger at start, {@code docpipe tail}, tests): every
 * partition assigned from its beginning, and the end offsets to stop at. With read_committed consumers the end is
 * the last committed offset.
 */
public final class TopicEnd {
  private TopicEnd() {}

  /**
   * Assigns every partition of {@code topic} to the consumer from its beginning and returns where each ends now;
   * empty when the topic does not exist.
   */
  public static Map<TopicPartition, Long> fromBeginning(Consumer<?, ?> consumer, String topic, Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      return Map.of();
    }
    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer.endOffsets(partitions, timeout);
  }

  /** True once the consumer's position has reached every end offset. */
  public static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
