package io.docpipe.local;

import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.docpipe.ingest.extract.DocumentIds;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.docpipe.schemas.serde.GenericAvroDecoder;
import io.docpipe.schemas.serde.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The walking skeleton end to end on real components: the five samples dropped into the watched folder
 * become searchable documents in a real OpenSearch node, via a real KRaft broker and a real registry.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
  static final List<String> SAMPLES = List.of("000_7a85573243417cb3.txt", "001_d1b8266712f60fd5.txt",
      "002_b5d91702df57ba9e.txt", "003_adaa45728fb4c7fa.txt", "004_ad93c0ebc40b9a3e.txt");
  private static final String COLLECTION = "e2e";
  private static final String IN_COLLECTION = "{\"term\":{\"source.collection\":\"" + COLLECTION + "\"}}";
  private static LocalStack stack;

  @BeforeAll
  static void dropTheSamples() throws Exception {
    stack = SharedStack.get();
    Path folder = stack.config().inbox().resolve(COLLECTION);
    Files.createDirectories(folder);
    for (String name : SAMPLES) {
      try (InputStream in = EndToEndIT.class.getResourceAsStream("/samples/" + name)) {
        Files.copy(in, folder.resolve(name));
      }
    }
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      Await.until("five sample documents in the index", Duration.ofSeconds(90),
          () -> os.countOrZero(IN_COLLECTION), n -> n == 5);
    }
  }

  @Test
  @Order(1)
  void everySampleIsASearchableDocumentAndItsFileMovedToProcessed() throws Exception {
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      for (String name : SAMPLES) {
        assertThat(os.count("{\"term\":{\"source.file_name\":\"" + name + "\"}}")).as(name).isEqualTo(1);
        assertThat(stack.config().dataDir().resolve("processed").resolve(COLLECTION).resolve(name)).exists();
      }
      assertThat(stack.config().inbox().resolve(COLLECTION)).isEmptyDirectory();
    }
  }

  @Test
  @Order(2)
  void repeatedParagraphsOf004AreMarkedWithTheirFirstOccurrence() throws Exception {
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      JsonNode hits = os.search("{\"query\":{\"bool\":{\"filter\":[" + IN_COLLECTION
          + ",{\"term\":{\"source.file_name\":\"004_ad93c0ebc40b9a3e.txt\"}}]}}}").path("hits").path("hits");
      assertThat(hits.size()).isEqualTo(1);
      JsonNode paragraphs = hits.get(0).path("_source").path("paragraphs");
      // Gold: paragraph 17 repeats paragraph 2 exactly.
      assertThat(paragraphs.get(17).path("repeated").asBoolean()).isTrue();
      assertThat(paragraphs.get(17).path("repeat_kind").asText()).isEqualTo("EXACT");
      assertThat(paragraphs.get(17).path("repeat_of_index").asInt()).isEqualTo(2);
      assertThat(paragraphs.get(2).path("repeated").asBoolean()).isFalse();
      assertThat(os.count("{\"nested\":{\"path\":\"paragraphs\",\"query\":{\"term\":"
          + "{\"paragraphs.repeated\":true}}}}")).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  @Order(3)
  void musharrafAndTheSeventhOfOctober2001AreFindable() throws Exception {
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      assertThat(os.count("{\"bool\":{\"filter\":[" + IN_COLLECTION
          + ",{\"term\":{\"entities.person\":\"Musharraf\"}}]}}")).isGreaterThanOrEqualTo(1);
      assertThat(os.count("{\"bool\":{\"filter\":[" + IN_COLLECTION
          + ",{\"term\":{\"mentioned_dates\":\"2001-10-07\"}}]}}")).isGreaterThanOrEqualTo(1);
      assertThat(os.count("{\"bool\":{\"filter\":[" + IN_COLLECTION + ",{\"range\":{\"mentioned_date_ranges\":"
          + "{\"gte\":\"2001-10-01\",\"lte\":\"2001-10-31\",\"relation\":\"intersects\"}}}]}}"))
          .isGreaterThanOrEqualTo(1);
      assertThat(os.count("{\"simple_query_string\":{\"query\":\"Musharraf\",\"fields\":[\"text\"]}}"))
          .isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  @Order(4)
  void theEnrichedTopicHoldsOneConfluentFramedRecordPerDocumentReadableByKcat() throws Exception {
    String kcat = Kcat.path();
    assumeTrue(kcat != null || System.getenv("CI") != null, "kcat is not installed (CI installs it)");
    assertThat(kcat).as("kcat must be installed in CI").isNotNull();
    Map<String, List<String>> byKey = new HashMap<>();
    for (String line : Kcat.run(stack.bootstrapServers(), "-t", Topics.ENRICHED_DOCUMENTS.name(),
        "-o", "beginning", "-e", "-f", "%k %p %o\\n").split("\n")) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 3) {
        byKey.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1] + " " + parts[2]);
      }
    }
    SchemaRegistryClient freshClient = new SchemaRegistryClient(
        RegistryClientConfig.of(URI.create(stack.config().registryUrl())));
    GenericAvroDecoder decoder = new GenericAvroDecoder(freshClient);
    for (String name : SAMPLES) {
      String id = DocumentIds.forRelativePath(COLLECTION + "/" + name);
      assertThat(byKey.get(id)).as("records for " + name).hasSize(1);
      String[] position = byKey.get(id).get(0).split(" ");
      byte[] value = Kcat.runBytes(stack.bootstrapServers(), "-t", Topics.ENRICHED_DOCUMENTS.name(),
          "-p", position[0], "-o", position[1], "-c", "1", "-e", "-f", "%s");
      assertThat(value[0]).as("Confluent magic byte").isEqualTo(WireFormat.MAGIC_BYTE);
      int schemaId = WireFormat.schemaId(value);
      assertThat(freshClient.schemaById(schemaId).getFullName())
          .isEqualTo(EnrichedDocument.getClassSchema().getFullName());
      GenericRecord record = decoder.decode(value);
      assertThat(record.get("documentId").toString()).isEqualTo(id);
    }
  }

  @Test
  @Order(5)
  void aRestartKeepsDocumentsAndSchemaIdsAndResumesIngest() throws Exception {
    SchemaRegistryClient registry = new SchemaRegistryClient(
        RegistryClientConfig.of(URI.create(stack.config().registryUrl())));
    int idBefore = registry.lookup(Topics.ENRICHED_DOCUMENTS.valueSubject(), EnrichedDocument.getClassSchema());

    stack = SharedStack.restart();

    SchemaRegistryClient after = new SchemaRegistryClient(
        RegistryClientConfig.of(URI.create(stack.config().registryUrl())));
    assertThat(after.lookup(Topics.ENRICHED_DOCUMENTS.valueSubject(), EnrichedDocument.getClassSchema()))
        .isEqualTo(idBefore);
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      assertThat(os.count(IN_COLLECTION)).isEqualTo(5);
      Files.writeString(stack.config().inbox().resolve(COLLECTION).resolve("after-restart.md"),
          "# After the restart\n\nPresident Pervez Musharraf met reporters on October 7, 2001.\n");
      Await.until("the document dropped after the restart", Duration.ofSeconds(60),
          () -> os.countOrZero(IN_COLLECTION), n -> n == 6);
    }
  }

  /** Runs the real kcat binary (librdkafka), a third-party Kafka client. */
  static final class Kcat {
    static String path() {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (Files.isExecutable(Path.of(dir, "kcat"))) {
          return Path.of(dir, "kcat").toString();
        }
      }
      return null;
    }

    static String run(String bootstrap, String... args) throws IOException, InterruptedException {
      return new String(runBytes(bootstrap, args), java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] runBytes(String bootstrap, String... args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of(path(), "-C", "-q", "-b", bootstrap));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as("kcat exit status").isZero();
      return out;
    }
  }
}
