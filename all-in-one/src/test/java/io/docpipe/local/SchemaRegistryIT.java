package io.docpipe.local;

import io.docpipe.local.support.SharedStack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docpipe.runtime.TopicAdmin;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Source;
import io.docpipe.schemas.Topic;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.docpipe.schemas.registry.SchemaRegistryClient.Compatibility;
import io.docpipe.schemas.registry.SchemaRegistryException;
import io.docpipe.schemas.serde.WireFormat;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry client and serdes against a real registry (Apicurio 3.0.9's Confluent-compatible API). */
class SchemaRegistryIT {
  private static SchemaRegistryClient registry;

  @BeforeAll
  static void connect() {
    registry = new SchemaRegistryClient(RegistryClientConfig.of(URI.create(SharedStack.get().config().registryUrl())));
  }

  private static Schema version(String... extraFields) {
    var fields = SchemaBuilder.record("Evolving").namespace("io.docpipe.test").fields().requiredString("id");
    for (String field : extraFields) {
      fields = field.endsWith("?") ? fields.name(field.substring(0, field.length() - 1)).type().stringType()
          .stringDefault("none") : fields.requiredString(field);
    }
    return fields.endRecord();
  }

  @Test
  void backwardCompatibleChangesAreAcceptedAndIncompatibleOnesRefused() {
    String subject = "evolving-" + UUID.randomUUID() + "-value";
    int v1 = registry.register(subject, version());
    registry.setCompatibility(subject, Compatibility.BACKWARD);
    assertThat(registry.compatibility(subject)).contains(Compatibility.BACKWARD);

    Schema withDefault = version("source?");
    assertThat(registry.isCompatible(subject, withDefault)).isTrue();
    int v2 = registry.register(subject, withDefault);
    assertThat(v2).isNotEqualTo(v1);

    Schema requiredField = version("source?", "mandatory");
    assertThat(registry.isCompatible(subject, requiredField)).isFalse();
    assertThatThrownBy(() -> registry.register(subject, requiredField))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatible()).isTrue());

    SchemaRegistryClient uncached = new SchemaRegistryClient(registry.config());
    assertThat(uncached.schemaById(v1)).isEqualTo(version());
    assertThat(uncached.lookup(subject, withDefault)).isEqualTo(v2);
    assertThat(uncached.subjects()).contains(subject);
  }

  @Test
  void pipelineSubjectsAreBackwardAndRefuseAnIncompatibleEnrichedSchema() {
    SharedStack.get();
    String subject = Topics.ENRICHED_DOCUMENTS.valueSubject();
    assertThat(registry.compatibility(subject)).contains(Compatibility.BACKWARD);
    assertThat(registry.compatibility(Topics.RAW_DOCUMENTS.valueSubject())).contains(Compatibility.BACKWARD);

    Schema broken = SchemaBuilder.record(EnrichedDocument.getClassSchema().getName())
        .namespace(EnrichedDocument.getClassSchema().getNamespace()).fields()
        .requiredString("documentId").requiredLong("newRequiredField").endRecord();
    assertThatThrownBy(() -> registry.register(subject, broken))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatible()).isTrue());
    // Registering the current schema again is idempotent.
    int id = TopicAdmin.registerValueSchema(registry, Topics.ENRICHED_DOCUMENTS);
    assertThat(TopicAdmin.registerValueSchema(registry, Topics.ENRICHED_DOCUMENTS)).isEqualTo(id);
  }

  @Test
  void serdesWriteTheWireFormatAndReadItBack() {
    Topic<RawDocument> topic = new Topic<>("serde-test-" + UUID.randomUUID(), RawDocument.getClassSchema());
    var serde = topic.valueSerde(registry);
    RawDocument document = RawDocument.newBuilder().setDocumentId("d").setVersion("v")
        .setSource(Source.newBuilder().setPath("a.txt").setFileName("a.txt").setSizeBytes(1).setSha256("00")
            .setContentType("text/plain").setModifiedTime(Instant.ofEpochMilli(1000)).build())
        .setText("héllo").setIngestTime(Instant.ofEpochMilli(2000)).build();
    byte[] bytes = serde.serializer().serialize(topic.name(), document);
    assertThat(bytes[0]).isZero();
    assertThat(registry.schemaById(WireFormat.schemaId(bytes))).isEqualTo(RawDocument.getClassSchema());
    assertThat(new SchemaRegistryClient(registry.config()).subjects()).contains(topic.valueSubject());
    assertThat(serde.deserializer().deserialize(topic.name(), bytes)).isEqualTo(document);
  }
}
