package io.docpipe.local;

import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code docpipe search} and {@code docpipe tail} against the real stack: output and exit status. */
class CommandLineIT {
  private static LocalStack stack;

  @BeforeAll
  static void dropADocument() throws Exception {
    stack = SharedStack.get();
    Path folder = stack.config().inbox().resolve("cli");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("zanzibar.md"), "# Zanzibar notes\n\nPresident Pervez Musharraf visited "
        + "Zanzibar on October 7, 2001.\n");
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      Await.until("the CLI test document indexed", Duration.ofSeconds(60),
          () -> os.countOrZero("{\"term\":{\"source.collection\":\"cli\"}}"), n -> n == 1);
    }
  }

  private record Run(int status, String out, String err) {}

  private static Run docpipe(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DocpipeCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void searchFindsByWordEntityAndDateAndSaysWhenNothingMatches() throws Exception {
    String url = stack.config().openSearchUrl();
    Run found = docpipe("search", "--opensearch", url, "Zanzibar");
    assertThat(found.status()).isZero();
    assertThat(found.out()).contains("1 document(s)", "Zanzibar notes", "cli/zanzibar.md", "Musharraf");

    Run json = docpipe("search", "--opensearch", url, "--json", "--entity", "person:Pervez Musharraf",
        "--from", "2001-10-07", "--to", "2001-10-07", "Zanzibar");
    assertThat(json.status()).isZero();
    JsonNode result = new ObjectMapper().readTree(json.out());
    assertThat(result.path("total").asLong()).isEqualTo(1);
    assertThat(result.path("hits").get(0).path("paragraph").path("highlight").asText()).contains("<em>Zanzibar</em>");

    assertThat(docpipe("search", "--opensearch", url, "Zanzibar", "--from", "1990-01-01", "--to", "1990-12-31")
        .status()).isEqualTo(1);
    assertThat(docpipe("search", "--opensearch", url, "--entity", "no-colon").status()).isEqualTo(2);
    assertThat(docpipe("search", "--opensearch", "http://127.0.0.1:1", "x").status()).isEqualTo(3);
  }

  @Test
  void tailPrintsTheEnrichedRecordsAsJsonLines() throws Exception {
    Run tail = docpipe("tail", "--bootstrap-servers", stack.bootstrapServers(), "--registry",
        stack.config().registryUrl(), "--no-text");
    assertThat(tail.status()).isZero();
    ObjectMapper json = new ObjectMapper();
    boolean seen = false;
    for (String line : tail.out().split("\n")) {
      JsonNode record = json.readTree(line);
      assertThat(record.has("text")).isFalse();
      if (record.path("source").path("path").asText().equals("cli/zanzibar.md")) {
        seen = true;
        assertThat(record.path("ingestTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(record.path("dates").get(0).path("value").asText()).isEqualTo("2001-10-07");
      }
    }
    assertThat(seen).isTrue();
  }
}
