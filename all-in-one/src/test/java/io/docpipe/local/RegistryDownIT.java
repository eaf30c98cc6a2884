package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.Http;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Chaos: the real registry's JVM is frozen (SIGSTOP: requests time out, the worst kind of outage) while
 * ingest, enrich and index all have work, including a record written with a schema id enrich has not seen
 * yet, which it cannot read until the registry answers. Nothing may be dead-lettered, enrich must report
 * not ready and then ready again, and everything must be indexed once the registry is back. Then the
 * registry's JVM is killed outright: the launcher restarts it, and the pipeline goes on.
 * {@code -Dchaos.registry.down=60} holds the outage 60 s (the long form); 20 s by default.
 */
class RegistryDownIT {
  private static final Duration DOWN = Duration.ofSeconds(Long.getLong("chaos.registry.down", 20));

  @Test
  void aFrozenRegistryDelaysButLosesNothingAndAKilledOneIsRestarted() throws Exception {
    LocalStack stack = SharedStack.get();
    SchemaRegistryClient registry = new SchemaRegistryClient(
        RegistryClientConfig.of(URI.create(stack.config().registryUrl())));
    // A newer, compatible raw schema: enrich has never seen its id, so it must ask the registry for it.
    Schema extended = new Schema.Parser().parse(RawDocument.getClassSchema().toString().replaceFirst(
        "\"fields\"\\s*:\\s*\\[", "\"fields\":[{\"name\":\"chaosNote\",\"type\":[\"null\",\"string\"],\"default\":null},"));
    int newId = registry.register(Topics.RAW_DOCUMENTS.valueSubject(), extended);
    RawDocument doc = EnrichCrashIT.stream(1).get(0);
    doc.setDocumentId("registry-down-new-schema");
    byte[] current = Topics.RAW_DOCUMENTS.valueSerde(registry).serializer().serialize(Topics.RAW_DOCUMENTS.name(), doc);
    byte[] written = new byte[current.length + 1]; // the extra field comes first: a null union branch (0)
    System.arraycopy(current, 0, written, 0, 5);
    ByteBuffer.wrap(written, 1, 4).putInt(newId);
    System.arraycopy(current, 5, written, 6, current.length - 5);

    int deadBefore = deadLetters(stack);
    ProcessHandle registryJvm = ProcessHandle.of(stack.registryProcess().pid()).orElseThrow();
    Path folder = Files.createDirectories(stack.config().inbox().resolve("registry-down"));
    String enrichReady = "http://127.0.0.1:" + stack.config().enrichOpsPort() + "/health/ready";
    signal("STOP", registryJvm);
    try {
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
          stack.bootstrapServers(), "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>(Topics.RAW_DOCUMENTS.name(), doc.getDocumentId(), written)).get();
      }
      for (int i = 0; i < 3; i++) {
        Files.writeString(folder.resolve("during-" + i + ".txt"), "Written while the registry was down, "
            + "number " + i + ", about the governor in Quetta.\n");
      }
      Await.until("enrich not ready while the registry is down", DOWN.plusSeconds(40), () -> status(enrichReady),
          s -> s == 503);
      // The outage lasts its whole length, and nothing is dead-lettered at any point of it.
      long downSince = System.nanoTime();
      Await.until("the outage held " + DOWN.toSeconds() + " s with nothing dead-lettered", DOWN.plusSeconds(30),
          () -> deadLetters(stack) == deadBefore ? System.nanoTime() - downSince : 0L,
          elapsed -> elapsed >= DOWN.toNanos());
    } finally {
      signal("CONT", registryJvm);
    }
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      Await.until("the new-schema record and the three files indexed", Duration.ofSeconds(120),
          () -> os.countOrZero("{\"terms\":{\"document_id\":[\"registry-down-new-schema\"]}}")
              + os.countOrZero("{\"term\":{\"source.collection\":\"registry-down\"}}"), n -> n == 4);
      Await.until("enrich ready again", Duration.ofSeconds(60), () -> status(enrichReady), s -> s == 200);
      assertThat(deadLetters(stack)).as("nothing dead-lettered during the outage").isEqualTo(deadBefore);

      // Killed outright: the launcher starts the registry again (its schemas are on disk).
      int restarts = stack.childRestarts();
      registryJvm.destroyForcibly();
      Await.until("the registry restarted by the launcher", Duration.ofSeconds(120), stack::childRestarts,
          n -> n > restarts);
      assertThat(registry.schemaById(newId).getField("chaosNote")).isNotNull();
      Files.writeString(folder.resolve("after-restart.txt"), "Written after the registry was restarted.\n");
      Await.until("a file dropped after the restart indexed", Duration.ofSeconds(90),
          () -> os.countOrZero("{\"term\":{\"source.collection\":\"registry-down\"}}"), n -> n == 4);
    }
  }

  private static int deadLetters(LocalStack stack) {
    return RawTopic.byKey(stack.bootstrapServers(), Topics.DEAD_LETTER).values().stream()
        .mapToInt(java.util.List::size).sum();
  }

  private static int status(String url) {
    try {
      return Http.status(url);
    } catch (Exception e) {
      return -1;
    }
  }

  private static void signal(String signal, ProcessHandle process) throws Exception {
    int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    assertThat(exit).as("kill -" + signal).isZero();
  }
}
