package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docpipe.enrich.DocumentEnricher;
import io.docpipe.ingest.extract.DocumentIds;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.docpipe.schemas.serde.GenericAvroDecoder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A tagger upgrade under a running stack: documents enriched by one tagger version, the enrich service
 * restarted with another, and {@code docpipe reenrich} for their collection. Every selected document is
 * re-enriched exactly once (one new record each on the enriched topic, nothing else re-enriched), the index
 * shows the new version in place (still one document each), and the repeat marks keep their first
 * occurrence.
 */
class ReenrichIT {
  private static final String UPGRADED = "rules-upgrade-test";
  private static final String SHARED = "The regional council approved the new water treaty after eleven hours "
      + "of talks, and the ministers of both provinces signed it in the old library before the press.";

  @Test
  void everyDocumentIsReenrichedOnceWithTheNewTaggerAndKeepsItsRepeats() throws Exception {
    LocalStack stack = SharedStack.get();
    String collection = "reenrich-" + System.nanoTime();
    Path folder = Files.createDirectories(stack.config().inbox().resolve(collection));
    String inCollection = "{\"term\":{\"source.collection\":\"" + collection + "\"}}";
    Files.writeString(folder.resolve("first.txt"), "Treaty signed\n\n" + SHARED + "\n");
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      Await.until("the first document indexed", Duration.ofSeconds(90), () -> os.countOrZero(inCollection),
          n -> n == 1);
    }
    Files.writeString(folder.resolve("second.txt"), "Treaty reactions\n\n" + SHARED + "\n\nFarmers in the "
        + "valley welcomed the agreement on Tuesday and asked for the canals to be repaired before summer.\n");
    Files.writeString(folder.resolve("third.txt"), "Weather\n\nHeavy rain is expected across the north of the "
        + "region for the rest of the week, with floods likely along the river.\n");
    String first = DocumentIds.forRelativePath(collection + "/first.txt");
    String second = DocumentIds.forRelativePath(collection + "/second.txt");
    String third = DocumentIds.forRelativePath(collection + "/third.txt");
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      Await.until("three documents by the built-in tagger", Duration.ofSeconds(90), () -> os.countOrZero(
          "{\"bool\":{\"filter\":[" + inCollection + ",{\"term\":{\"tagger_version\":\""
              + DocumentEnricher.TAGGER_VERSION + "\"}}]}}"), n -> n == 3);
    }

    stack = SharedStack.restartWith(Map.of("enrich.tagger.version", UPGRADED));
    try {
      StringWriter out = new StringWriter();
      CommandLine cli = DocpipeCli.commandLine();
      cli.setOut(new PrintWriter(out));
      int status = cli.execute("reenrich", "--collection", collection, "--bootstrap-servers",
          stack.bootstrapServers(), "--registry", stack.config().registryUrl());
      assertThat(status).as(out.toString()).isZero();
      assertThat(out.toString()).contains("re-enrichment requested for 3 of");

      try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
        Await.until("three documents by the upgraded tagger", Duration.ofSeconds(120), () -> os.countOrZero(
            "{\"bool\":{\"filter\":[" + inCollection + ",{\"term\":{\"tagger_version\":\"" + UPGRADED + "\"}}]}}"),
            n -> n == 3);
        assertThat(os.count(inCollection)).as("updated in place, not added").isEqualTo(3);
        JsonNode paragraphs = os.search("{\"query\":{\"ids\":{\"values\":[\"" + second + "\"]}}}")
            .path("hits").path("hits").get(0).path("_source").path("paragraphs");
        assertThat(paragraphs.get(1).path("repeated").asBoolean()).isTrue();
        assertThat(paragraphs.get(1).path("repeat_of_document").asText()).as("first occurrence kept").isEqualTo(first);
        JsonNode firstParagraphs = os.search("{\"query\":{\"ids\":{\"values\":[\"" + first + "\"]}}}")
            .path("hits").path("hits").get(0).path("_source").path("paragraphs");
        assertThat(firstParagraphs.get(1).path("repeated").asBoolean()).as("still the first occurrence").isFalse();
      }

      GenericAvroDecoder decoder = new GenericAvroDecoder(new SchemaRegistryClient(
          RegistryClientConfig.of(URI.create(stack.config().registryUrl()))));
      Map<String, List<ConsumerRecord<String, byte[]>>> enriched =
          RawTopic.byKey(stack.bootstrapServers(), Topics.ENRICHED_DOCUMENTS.name());
      for (String id : List.of(first, second, third)) {
        long upgraded = 0;
        long builtIn = 0;
        for (ConsumerRecord<String, byte[]> record : enriched.get(id)) {
          GenericRecord document = decoder.decode(record.value());
          Object version = document.get("taggerVersion");
          Object arrival = ((GenericRecord) document.get("source")).get("arrivalTime");
          if (UPGRADED.equals(String.valueOf(version))) {
            upgraded++;
            assertThat(arrival).as("a re-enrichment is not a new arrival (no drop-to-searchable latency)").isNull();
          } else if (DocumentEnricher.TAGGER_VERSION.equals(String.valueOf(version))) {
            builtIn++;
            assertThat(arrival).as("the first enrichment keeps the file's arrival").isNotNull();
          }
        }
        assertThat(upgraded).as(id + " re-enriched exactly once").isEqualTo(1);
        assertThat(builtIn).as(id + " enriched once before the upgrade").isEqualTo(1);
      }
    } finally {
      SharedStack.restart(); // the test defaults again, for the tests after this one
    }
  }
}
