package io.docpipe.enrich;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a paragraph's lookup key is looked up: the key falls in one of the buckets, and a bucket lives on the
 * probes topic's partition that Kafka's default partitioner gives its name (so the repeat index is placed as it
 * always was). A document's probes go out as one message per partition, not one per bucket: with 64 buckets
 * over 3 partitions a long document sent up to 64 probe messages, 64 answers and 64 progress updates, now 3.
 * Each partition's message is keyed by a fixed bucket of that partition, so the default partitioner routes it
 * there, and a key always reaches the same partition whichever other keys share its message.
 */
final class ProbeRouting {
  private final int buckets;
  private final int[] partitionOfBucket;
  private final String[] keyOfPartition;

  /**
   * @param buckets how many buckets the keys are spread over
   * @param partitions the probes topic's partition count (what the default partitioner divides by)
   */
  ProbeRouting(int buckets, int partitions) {
    if (buckets < 1 || partitions < 1) {
      throw new IllegalArgumentException("buckets and partitions must be positive: " + buckets + ", " + partitions);
    }
    this.buckets = buckets;
    this.partitionOfBucket = new int[buckets];
    this.keyOfPartition = new String[partitions];
    for (int bucket = buckets - 1; bucket >= 0; bucket--) {
      String name = Integer.toString(bucket);
      int partition = Utils.toPositive(Utils.murmur2(name.getBytes(StandardCharsets.UTF_8))) % partitions;
      partitionOfBucket[bucket] = partition;
      keyOfPartition[partition] = name; // the lowest bucket of each partition, as the loop runs downwards
    }
  }

  int bucketOf(String key) {
    return Math.floorMod(key.hashCode(), buckets);
  }

  /** The partition a lookup key is looked up on. */
  int partitionOf(String key) {
    return partitionOfBucket[bucketOf(key)];
  }

  /** The message key that routes a probe message to this partition (a bucket's name, as before). */
  String messageKey(int partition) {
    return keyOfPartition[partition];
  }
}
