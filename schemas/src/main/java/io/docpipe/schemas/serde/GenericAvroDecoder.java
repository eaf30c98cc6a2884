package io.docpipe.schemas.serde;

import io.docpipe.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/** Decodes any Confluent wire-format Avro message with its writer's schema, without generated classes. */
public final class GenericAvroDecoder {
  private final SchemaRegistryClient registry;

  public GenericAvroDecoder(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  public GenericRecord decode(byte[] data) throws IOException {
    Schema writer = registry.schemaById(WireFormat.schemaId(data));
    return new GenericDatumReader<GenericRecord>(writer).read(null, DecoderFactory.get()
        .binaryDecoder(data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null));
  }
}
