package io.docpipe.enrich;

import io.docpipe.schemas.Topic;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Supplies the value serde of each topic: registry-backed in production, registry-free in topology tests. */
public interface ValueSerdes {
  <V extends SpecificRecord> Serde<V> forTopic(Topic<V> topic);

  /** Confluent wire format through the given schema registry. */
  static ValueSerdes registry(SchemaRegistryClient registry) {
    return new ValueSerdes() {
      @Override
      public <V extends SpecificRecord> Serde<V> forTopic(Topic<V> topic) {
        return topic.valueSerde(registry);
      }
    };
  }
}
