package io.docpipe.enrich;

import io.docpipe.schemas.Topic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Plain Avro binary serdes for topology tests, which test topology logic and not the registry (that is
 * tested against a real Apicurio registry in the all-in-one module).
 */
final class RegistryFreeSerdes implements ValueSerdes {
  @Override
  public <V extends SpecificRecord> Serde<V> forTopic(Topic<V> topic) {
    SpecificDatumWriter<V> writer = new SpecificDatumWriter<>(topic.valueSchema());
    SpecificDatumReader<V> reader = new SpecificDatumReader<>(topic.valueSchema());
    return Serdes.serdeFrom((t, value) -> {
      if (value == null) {
        return null;
      }
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, (t, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
      } catch (IOException | RuntimeException e) {
        // As the registry deserializer: whatever the bytes do to Avro is a SerializationException.
        throw new org.apache.kafka.common.errors.SerializationException("not a raw document: " + e, e);
      }
    });
  }
}
