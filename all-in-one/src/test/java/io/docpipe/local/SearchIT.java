package io.docpipe.local;

import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.Http;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docpipe.index.OpenSearchConnection;
import io.docpipe.index.OpenSearchSettings;
import io.docpipe.index.search.Searcher;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search on the real OpenSearch node, through the whole pipeline: words in titles (boosted) and paragraphs,
 * repeated paragraphs left out by default, entity filters and facets, a mentioned-date range as one query,
 * the best paragraph highlighted; the same through the index service's HTTP endpoint.
 */
class SearchIT {
  private static final String COLLECTION = "search-it";
  private static final String BOILERPLATE = "Quokkaville gazette readers get every analysis first by subscribing "
      + "to the weekly letter of the institute.";
  private static LocalStack stack;
  private static OpenSearchConnection connection;
  private static Searcher searcher;

  @BeforeAll
  static void indexDocuments() throws Exception {
    stack = SharedStack.get();
    Path folder = Files.createDirectories(stack.config().inbox().resolve(COLLECTION));
    Files.writeString(folder.resolve("first.md"), "Marmalade talks in Islamabad\n\nPresident Pervez Musharraf met "
        + "the envoy in Islamabad on October 7, 2001, to discuss the border.\n\n" + BOILERPLATE + "\n");
    connection = new OpenSearchConnection(OpenSearchSettings.of(URI.create(stack.config().openSearchUrl())));
    searcher = new Searcher(connection, "docpipe-documents");
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      String inCollection = "{\"term\":{\"source.collection\":\"" + COLLECTION + "\"}}";
      // One after the other, so that the first is the earlier occurrence of the boilerplate.
      Await.until("the first search document indexed", Duration.ofSeconds(90), () -> os.countOrZero(inCollection),
          n -> n == 1);
      Files.writeString(folder.resolve("second.md"), "Trade notes\n\nOfficials from Pakistan discussed marmalade "
          + "exports in Karachi in March 1998.\n\n" + BOILERPLATE + "\n");
      Await.until("both search documents indexed", Duration.ofSeconds(90), () -> os.countOrZero(inCollection),
          n -> n == 2);
    }
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
  }

  private static Searcher.Result search(String words, List<String> entities, String from, String to,
      boolean includeRepeated) {
    return searcher.search(Searcher.Query.of(words, entities, from, to, 10, includeRepeated));
  }

  @Test
  void theTitleWeighsMoreAndTheBestParagraphIsHighlighted() {
    Searcher.Result result = search("marmalade", List.of(), null, null, false);
    assertThat(result.hits()).extracting(Searcher.Hit::path)
        .containsExactly(COLLECTION + "/first.md", COLLECTION + "/second.md");
    Searcher.Hit second = result.hits().get(1);
    assertThat(second.paragraph().index()).isEqualTo(1);
    assertThat(second.paragraph().highlight()).contains("<em>marmalade</em>");
  }

  @Test
  void repeatedParagraphsAreLeftOutUnlessAskedFor() {
    assertThat(search("Quokkaville", List.of(), null, null, false).hits()).extracting(Searcher.Hit::path)
        .as("only the first occurrence counts").containsExactly(COLLECTION + "/first.md");
    assertThat(search("Quokkaville", List.of(), null, null, true).hits()).hasSize(2);
  }

  @Test
  void entitiesFilterAndFacetAndDatesMatchAsOneRange() {
    Searcher.Result byPerson = search("", List.of("person:Pervez Musharraf", "location:Islamabad"), null, null,
        false);
    assertThat(byPerson.hits()).extracting(Searcher.Hit::path).contains(COLLECTION + "/first.md")
        .doesNotContain(COLLECTION + "/second.md");
    Searcher.Result october = search("marmalade", List.of(), "2001-10-01", "2001-10-31", false);
    assertThat(october.hits()).extracting(Searcher.Hit::path).containsExactly(COLLECTION + "/first.md");
    Searcher.Result nineties = search("marmalade", List.of(), "1990-01-01", "1999-12-31", false);
    assertThat(nineties.hits()).extracting(Searcher.Hit::path).containsExactly(COLLECTION + "/second.md");
    Searcher.Result both = search("marmalade", List.of(), null, null, false);
    assertThat(both.facets().get("location")).extracting(Searcher.Facet::value)
        .contains("Islamabad", "Karachi", "Pakistan");
    assertThat(both.facets().get("person")).extracting(Searcher.Facet::value).contains("Pervez Musharraf");
  }

  @Test
  void theHttpEndpointAnswersTheSameSearch() throws Exception {
    String base = "http://127.0.0.1:" + stack.config().indexOpsPort() + "/search";
    JsonNode answer = new ObjectMapper().readTree(Http.get(base + "?q=marmalade&from=2001-10-01&to=2001-10-31&entity="
        + URLEncoder.encode("person:Pervez Musharraf", StandardCharsets.UTF_8)));
    assertThat(answer.path("total").asLong()).isEqualTo(1);
    assertThat(answer.path("hits").get(0).path("path").asText()).isEqualTo(COLLECTION + "/first.md");
    assertThat(answer.path("hits").get(0).path("paragraph").path("highlight").asText()).contains("<em>");
    assertThat(answer.path("facets").path("person").get(0).path("value").asText()).isNotBlank();
    assertThat(Http.status(base + "?q=x&from=yesterday")).isEqualTo(400);
    assertThat(Http.status(base + "?entity=planet:Mars")).isEqualTo(400);
  }
}
