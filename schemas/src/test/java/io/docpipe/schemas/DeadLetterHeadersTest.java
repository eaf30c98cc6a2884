package io.docpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.docpipe.schemas.serde.AvroDeserializer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Instant;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {
  @Test
  void aReasonSaysWhatIsWrongEvenWhenTheExceptionHasNoMessage() {
    assertThat(DeadLetterHeaders.reasonOf(new java.io.EOFException())).contains("truncated");
    assertThat(DeadLetterHeaders.reasonOf(new IllegalStateException("outer", new ArrayIndexOutOfBoundsException())))
        .isEqualTo("outer: the data is corrupt (ArrayIndexOutOfBoundsException)");
    assertThat(DeadLetterHeaders.reasonOf(new RuntimeException("same", new RuntimeException("same"))))
        .isEqualTo("same");
  }

  /** A body cut short was dead-lettered as "...RawDocument from topic ...: null". */
  @Test
  void aTruncatedAvroBodyIsNamedAsTruncated() throws Exception {
    // A stand-in answering the one schema lookup by id (the real registry is tested in the all-in-one module).
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    byte[] answer = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(
        java.util.Map.of("schema", RawDocument.getClassSchema().toString()));
    server.createContext("/schemas/ids/7", exchange -> {
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    SchemaRegistryClient registry = new SchemaRegistryClient(RegistryClientConfig.of(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
    Source source = Source.newBuilder().setPath("a.txt").setFileName("a.txt").setSizeBytes(1).setSha256("0")
        .setContentType("text/plain").setModifiedTime(Instant.EPOCH).build();
    RawDocument doc = RawDocument.newBuilder().setDocumentId("a").setVersion("v1").setSource(source)
        .setText("Some text that will be cut short.").setIngestTime(Instant.EPOCH).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0, 0, 0, 0, 7});
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(RawDocument.class).write(doc, encoder);
    encoder.flush();
    byte[] whole = out.toByteArray();
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 20);
    AvroDeserializer<RawDocument> deserializer = new AvroDeserializer<>(registry, RawDocument.getClassSchema());
    assertThat(deserializer.deserialize("raw", whole).getDocumentId()).isEqualTo("a");
    try {
      deserializer.deserialize("raw", cut);
      throw new AssertionError("a truncated body was read");
    } catch (SerializationException e) {
      assertThat(e.getMessage()).contains("truncated").doesNotEndWith(": null");
    } finally {
      server.stop(0);
    }
  }
}
