package io.docpipe.index.search;

import io.docpipe.index.OpenSearchSettings;
import io.docpipe.index.OpenSearchException;
import io.docpipe.index.OpenSearchConnection;
import io.docpipe.index.OpenSearchOptions;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docpipe search}: find documents by words, entities and mentioned dates. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search the indexed documents: words in titles and paragraphs (repeated paragraphs left out "
        + "unless --include-repeated), filtered by entities and mentioned dates; shows each document's best "
        + "paragraph and the top entities per type.",
        "Credentials for a secured OpenSearch come from DOCPIPE_OPENSEARCH_USER, _PASSWORD[_FILE], _API_KEY[_FILE] "
            + "and _SSL_TRUSTSTORE_*, as for the index service.",
        "Exit status: 0 found, 1 nothing found, 2 bad usage, 3 OpenSearch unavailable."},
    footer = {"", "Examples:", "  docpipe search Musharraf",
        "  docpipe search --entity person:\"Pervez Musharraf\" Taliban",
        "  docpipe search --entity location:Pakistan --entity organization:ISI",
        "  docpipe search --from 2001-10-01 --to 2001-10-31 --json"})
public final class SearchCommand implements Callable<Integer> {
  public static final int FOUND = 0;
  public static final int NOTHING_FOUND = 1;
  public static final int UNAVAILABLE = 3;

  @Parameters(arity = "0..*", paramLabel = "WORDS",
      description = "Words to search for (simple query syntax: \"a phrase\", -not, either|or).")
  String[] words = new String[0];

  @Option(names = "--entity", paramLabel = "TYPE:VALUE",
      description = "Only documents mentioning this entity (type person, organization, location or "
          + "nationality), e.g. location:Pakistan. Repeat to require several.")
  List<String> entities = List.of();

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Mentions a date on or after this day.")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Mentions a date on or before this day.")
  String to;

  @Option(names = {"-n", "--size"}, defaultValue = "10", description = "Most hits to show (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--include-repeated", description = "Also match words in repeated paragraphs (boilerplate).")
  boolean includeRepeated;

  @Option(names = "--json", description = "Print the result as JSON for scripts.")
  boolean json;

  @CommandLine.Mixin
  OpenSearchOptions openSearch;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Searcher.Query query;
    try {
      query = Searcher.Query.of(String.join(" ", words), entities, from, to, size, includeRepeated);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    OpenSearchSettings settings = openSearch.settings(Map.of());
    PrintWriter out = spec.commandLine().getOut();
    Searcher.Result result;
    try (OpenSearchConnection connection = new OpenSearchConnection(settings)) {
      result = new Searcher(connection, openSearch.alias()).search(query);
    } catch (OpenSearchException e) {
      spec.commandLine().getErr().println("search failed: " + e.getMessage());
      return UNAVAILABLE;
    }
    if (json) {
      out.println(OpenSearchConnection.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(result));
    } else {
      print(result, out);
    }
    out.flush();
    return result.total() > 0 ? FOUND : NOTHING_FOUND;
  }

  static void print(Searcher.Result result, PrintWriter out) {
    out.println(result.total() + " document(s)");
    for (Searcher.Hit hit : result.hits()) {
      out.printf("%n%s  [%s]%n  id: %s%n", hit.title(), hit.path(), hit.documentId());
      if (hit.paragraph() != null && !hit.paragraph().highlight().isEmpty()) {
        out.println("  " + (hit.paragraph().index() >= 0 ? "¶" + hit.paragraph().index() + ": " : "title: ") + "..."
            + hit.paragraph().highlight().replace("<em>", "*").replace("</em>", "*").replaceAll("\\s+", " ")
            + "...");
      }
      if (!hit.topEntities().isEmpty()) {
        out.println("  entities: " + String.join(", ", hit.topEntities()));
      }
    }
    if (result.total() > 0) {
      out.println();
      result.facets().forEach((type, facets) -> {
        if (!facets.isEmpty()) {
          out.println("top " + type + ": " + String.join(", ", facets.stream()
              .map(f -> f.value() + " (" + f.count() + ")").toList()));
        }
      });
    }
  }
}
