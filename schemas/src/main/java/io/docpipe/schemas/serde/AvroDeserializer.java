package io.docpipe.schemas.serde;

import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.docpipe.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format messages into a specific record class, resolving the writer's schema (from
 * the registry, by id) against the reader's: records written with an older or newer compatible schema read
 * fine. A registry that cannot be reached (or answers 5xx/429) throws the retryable
 * {@link SchemaRegistryException}; bytes that cannot be read, or a schema id the registry does not know,
 * throw {@link SerializationException} with a reason that says what is wrong.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  private final SchemaRegistryClient registry;
  private final Schema readerSchema;
  private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

  public AvroDeserializer(SchemaRegistryClient registry, Schema readerSchema) {
    this.registry = registry;
    this.readerSchema = readerSchema;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      int id = WireFormat.schemaId(data);
      DatumReader<T> reader = readers.computeIfAbsent(id,
          key -> new SpecificDatumReader<>(registry.schemaById(key), readerSchema));
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
          data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null);
      return reader.read(null, decoder);
    } catch (SchemaRegistryException e) {
      if (e.isRetryable()) {
        throw e; // the registry is down or slow: the record is fine, try again later
      }
      throw new SerializationException("cannot deserialize " + readerSchema.getFullName() + " from topic "
          + topic + ": the registry has no usable schema for the record's id: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot deserialize " + readerSchema.getFullName()
          + " from topic " + topic + ": " + DeadLetterHeaders.reasonOf(e), e);
    }
  }
}
