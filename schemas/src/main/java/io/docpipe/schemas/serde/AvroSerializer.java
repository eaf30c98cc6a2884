package io.docpipe.schemas.serde;

import io.docpipe.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific Avro records in the Confluent wire format. The schema id is resolved once per subject
 * (registering the schema when the client allows it, looking it up otherwise) and then reused.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
  private final SchemaRegistryClient registry;
  private final String subject;
  private final SpecificDatumWriter<T> writer;
  private final org.apache.avro.Schema schema;
  private volatile int schemaId = -1;

  public AvroSerializer(SchemaRegistryClient registry, String subject, org.apache.avro.Schema schema) {
    this.registry = registry;
    this.subject = subject;
    this.schema = schema;
    this.writer = new SpecificDatumWriter<>(schema);
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null; // tombstone
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      out.write(WireFormat.MAGIC_BYTE);
      out.write(ByteBuffer.allocate(4).putInt(schemaId()).array());
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      writer.write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot serialize " + schema.getFullName() + " for subject "
          + subject + ": " + e.getMessage(), e);
    }
  }

  private int schemaId() {
    int id = schemaId;
    if (id < 0) {
      id = registry.config().autoRegister()
          ? registry.register(subject, schema) : registry.lookup(subject, schema);
      schemaId = id;
    }
    return id;
  }
}
