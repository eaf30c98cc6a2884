package io.docpipe.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class ProbeRoutingTest {
  @Test
  void aKeyIsLookedUpWhereItsBucketAlwaysLived() {
    ProbeRouting routing = new ProbeRouting(64, 3);
    for (String key : new String[] {"x:0a1b", "b3:ffee01", "b11:1234", "exact-key", ""}) {
      String bucket = Integer.toString(Math.floorMod(key.hashCode(), 64));
      // what the default partitioner did with the bucket's name as the record key, before probes were grouped
      int before = BuiltInPartitioner.partitionForKey(bucket.getBytes(StandardCharsets.UTF_8), 3);
      assertThat(routing.partitionOf(key)).as(key).isEqualTo(before);
    }
  }

  @Test
  void eachPartitionsMessageKeyRoutesItThere() {
    for (int partitions : new int[] {1, 2, 3, 7, 12}) {
      ProbeRouting routing = new ProbeRouting(64, partitions);
      Set<Integer> reached = new HashSet<>();
      for (int p = 0; p < partitions; p++) {
        String key = routing.messageKey(p);
        if (key != null) {
          assertThat(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions))
              .as("partition %d of %d", p, partitions).isEqualTo(p);
          reached.add(p);
        }
      }
      assertThat(reached).as("64 buckets reach every one of %d partitions", partitions).hasSize(partitions);
    }
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new ProbeRouting(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProbeRouting(64, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
