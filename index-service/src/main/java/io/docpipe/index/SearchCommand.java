package io.docpipe.index;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docpipe search}: find documents by words, entity and mentioned dates. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Search the indexed documents. Exit status: 0 found, 1 nothing found, 2 bad usage, "
        + "3 OpenSearch unavailable.",
    footer = {"", "Examples:", "  docpipe search Musharraf",
        "  docpipe search --entity person:\"Pervez Musharraf\" Taliban",
        "  docpipe search --from 2001-10-01 --to 2001-10-31 --json"})
public final class SearchCommand implements Callable<Integer> {
  public static final int FOUND = 0;
  public static final int NOTHING_FOUND = 1;
  public static final int UNAVAILABLE = 3;

  @Parameters(arity = "0..*", paramLabel = "WORDS", description = "Words to search for (simple query syntax).")
  String[] words = new String[0];

  @Option(names = "--entity", paramLabel = "TYPE:VALUE",
      description = "Only documents mentioning this entity, e.g. location:Pakistan.")
  String entity;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Mentions a date on or after this day.")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Mentions a date on or before this day.")
  String to;

  @Option(names = {"-n", "--size"}, defaultValue = "10", description = "Most hits to show (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--json", description = "Print the result as JSON for scripts.")
  boolean json;

  @Option(names = "--opensearch", defaultValue = "${env:DOCPIPE_OPENSEARCH_URL:-http://localhost:9200}",
      description = "OpenSearch URL (default ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--alias", defaultValue = "${env:DOCPIPE_INDEX_ALIAS:-docpipe-documents}",
      description = "Index alias (default ${DEFAULT-VALUE}).")
  String alias;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Optional<String> type = Optional.empty();
    Optional<String> value = Optional.empty();
    if (entity != null) {
      int colon = entity.indexOf(':');
      if (colon <= 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--entity must be TYPE:VALUE, e.g. person:Musharraf");
      }
      type = Optional.of(entity.substring(0, colon));
      value = Optional.of(entity.substring(colon + 1));
    }
    Searcher.Query query = new Searcher.Query(String.join(" ", words), type, value,
        Optional.ofNullable(from), Optional.ofNullable(to), size);
    PrintWriter out = spec.commandLine().getOut();
    Searcher.Result result;
    try (OpenSearchConnection connection = new OpenSearchConnection(OpenSearchSettings.of(url))) {
      result = new Searcher(connection, alias).search(query);
    } catch (OpenSearchException e) {
      spec.commandLine().getErr().println("search failed: " + e.getMessage());
      return UNAVAILABLE;
    }
    if (json) {
      out.println(OpenSearchConnection.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(result));
    } else {
      out.println(result.total() + " document(s)");
      for (Searcher.Hit hit : result.hits()) {
        out.printf("%n%s  [%s]%n  id: %s%n", hit.title(), hit.path(), hit.documentId());
        if (!hit.highlight().isEmpty()) {
          out.println("  ..." + hit.highlight().replace("<em>", "*").replace("</em>", "*")
              .replaceAll("\\s+", " ") + "...");
        }
        if (!hit.topEntities().isEmpty()) {
          out.println("  entities: " + String.join(", ", hit.topEntities()));
        }
      }
    }
    out.flush();
    return result.total() > 0 ? FOUND : NOTHING_FOUND;
  }
}
