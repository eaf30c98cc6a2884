package io.docpipe.index;

import io.docpipe.runtime.ConfigException;
import io.docpipe.runtime.Settings;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code docpipe reindex}: a new versioned index from the current mapping, then an alias swap. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
    description = {"Apply a mapping change without downtime: create <alias>-v<n+1> from the current index "
        + "template, copy every document into it (versions kept), swap the alias atomically, then copy again "
        + "what was written meanwhile. Searches and the index service use the alias throughout. The old index "
        + "is kept; delete it when satisfied.",
        "Exit status: 0 done, 3 OpenSearch unavailable or the reindex failed."})
public final class ReindexCommand implements Callable<Integer> {
  @Option(names = "--opensearch", defaultValue = "${env:DOCPIPE_OPENSEARCH_URL:-http://localhost:9200}",
      description = "OpenSearch URL (default ${DEFAULT-VALUE}); credentials as for the index service.")
  URI url;

  @Option(names = "--alias", defaultValue = "${env:DOCPIPE_INDEX_ALIAS:-docpipe-documents}",
      description = "Index alias (default ${DEFAULT-VALUE}).")
  String alias;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OpenSearchSettings settings;
    try {
      settings = OpenSearchSettings.from(Settings.fromEnvironment(Map.of("opensearch.url", url.toString(),
          "opensearch.timeout", "30m")));
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    try (OpenSearchConnection connection = new OpenSearchConnection(settings)) {
      Reindexer.Outcome outcome = new Reindexer(connection, new IndexLayout(alias)).reindex();
      spec.commandLine().getOut().printf("%s now points at %s (%d documents copied from %s, %d caught up after "
          + "the swap)%n", alias, outcome.to(), outcome.copied(), outcome.from(), outcome.caughtUp());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (OpenSearchException | IllegalStateException e) {
      spec.commandLine().getErr().println("reindex failed: " + e.getMessage());
      return SearchCommand.UNAVAILABLE;
    }
  }
}
