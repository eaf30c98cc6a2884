package io.docpipe.schemas;

import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.docpipe.schemas.serde.AvroDeserializer;
import io.docpipe.schemas.serde.AvroSerializer;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A topic of the pipeline: its name, its key (the document id as a UTF-8 string) and its Avro value type,
 * registered under the TopicNameStrategy subject {@code <topic>-value}.
 */
public record Topic<V extends SpecificRecord>(String name, Schema valueSchema) {

  public String valueSubject() {
    return name + "-value";
  }

  public Serde<V> valueSerde(SchemaRegistryClient registry) {
    return Serdes.serdeFrom(new AvroSerializer<>(registry, valueSubject(), valueSchema),
        new AvroDeserializer<>(registry, valueSchema));
  }
}
