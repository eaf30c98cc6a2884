package io.docpipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code docpipe enrich}: the enrichment on local files, one JSON object per file, no Kafka. */
class EnrichCommandTest {
  private static final String BOILERPLATE = "Subscribe to our newsletter for the latest analysis of South Asian "
      + "politics, security and the economy, delivered every morning.";

  @TempDir
  Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = DocpipeCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private List<JsonNode> documents() throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isBlank()) {
        docs.add(new ObjectMapper().readTree(line));
      }
    }
    return docs;
  }

  @Test
  void printsTheEnrichedRecordOfEachFileWithOffsetsIntoTheTextAsRead() throws Exception {
    String first = "Musharraf in Islamabad\n\nOn 13th September, President Pervez Musharraf met the envoy in "
        + "Islamabad, 23 years ago.\n\n" + BOILERPLATE + "\n";
    String second = "Another story\n\nPakistani officials spoke in Karachi in July of 2023.\n\n" + BOILERPLATE + "\n";
    Path a = Files.writeString(dir.resolve("a.txt"), first);
    Path b = Files.writeString(dir.resolve("b.txt"), second);

    assertThat(run("enrich", "--reference-date", "2024-10-07", a.toString(), b.toString())).isZero();
    List<JsonNode> docs = documents();
    assertThat(docs).hasSize(2);
    JsonNode docA = docs.get(0);
    assertThat(docA.path("referenceDate").path("date").asText()).isEqualTo("2024-10-07");
    assertThat(docA.path("referenceDate").path("origin").asText()).isEqualTo("OVERRIDE");
    for (JsonNode entity : docA.path("entities")) {
      assertThat(first.substring(entity.path("start").asInt(), entity.path("end").asInt()))
          .isEqualTo(entity.path("text").asText());
    }
    assertThat(docA.path("entities").findValuesAsText("text")).contains("Pervez Musharraf", "Islamabad");
    assertThat(docA.path("dates").findValuesAsText("value")).contains("2024-09-13", "2001");
    for (JsonNode date : docA.path("dates")) {
      assertThat(first.substring(date.path("start").asInt(), date.path("end").asInt()))
          .isEqualTo(date.path("text").asText());
    }

    JsonNode boilerplate = docs.get(1).path("paragraphs").get(2);
    assertThat(boilerplate.path("text").asText()).isEqualTo(BOILERPLATE);
    assertThat(boilerplate.path("repeatOf").path("kind").asText()).isEqualTo("EXACT");
    assertThat(boilerplate.path("repeatOf").path("documentId").asText()).isEqualTo(docA.path("documentId").asText());
    assertThat(boilerplate.path("repeatOf").path("paragraphIndex").asInt()).isEqualTo(2);
    assertThat(docs.get(1).path("dates").findValuesAsText("value")).contains("2023-07");
  }

  @Test
  void withoutAReferenceDateTheFilesModifiedDateIsUsedAndSaid() throws Exception {
    Path a = Files.writeString(dir.resolve("a.txt"), "It happened 23 years ago in Lahore.\n");
    Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2020-06-01T12:00:00Z")));
    assertThat(run("enrich", a.toString())).isZero();
    JsonNode doc = documents().get(0);
    assertThat(doc.path("referenceDate").path("origin").asText()).isEqualTo("FILE_MODIFIED_TIME");
    assertThat(doc.path("dates").get(0).path("value").asText()).isEqualTo("1997");
  }

  @Test
  void aBadFileIsReportedAndTheOthersStillPrinted() throws Exception {
    Path good = Files.writeString(dir.resolve("good.txt"), "Text about Pakistan.\n");
    assertThat(run("enrich", dir.resolve("missing.txt").toString(), good.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("missing.txt").contains("cannot read the file");
    assertThat(documents()).hasSize(1);
    assertThat(run("enrich", "--reference-date", "yesterday", good.toString())).isEqualTo(2);
  }
}
