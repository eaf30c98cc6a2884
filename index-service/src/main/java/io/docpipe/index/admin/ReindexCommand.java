package io.docpipe.index.admin;

import io.docpipe.index.OpenSearchSettings;
import io.docpipe.index.OpenSearchException;
import io.docpipe.index.IndexLayout;
import io.docpipe.index.OpenSearchConnection;
import io.docpipe.index.OpenSearchOptions;
import io.docpipe.index.search.SearchCommand;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code docpipe reindex}: a new versioned index from the current mapping, then an alias swap. */
@Command(name = "reindex", mixinStandardHelpOptions = true,
    description = {"Apply a mapping change without downtime: create <alias>-v<n+1> from the current index "
        + "template, copy every document into it (versions kept), swap the alias atomically, then copy again "
        + "what was written meanwhile. Searches and the index service use the alias throughout. The old index "
        + "is kept; delete it when satisfied.",
        "Exit status: 0 done, 3 OpenSearch unavailable or the reindex failed."})
public final class ReindexCommand implements Callable<Integer> {
  @CommandLine.Mixin
  OpenSearchOptions openSearch;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OpenSearchSettings settings = openSearch.settings(Map.of("opensearch.timeout", "30m"));
    try (OpenSearchConnection connection = new OpenSearchConnection(settings)) {
      Reindexer.Outcome outcome = new Reindexer(connection, new IndexLayout(openSearch.alias())).reindex();
      spec.commandLine().getOut().printf("%s now points at %s (%d documents copied from %s, %d caught up after "
          + "the swap, %d deleted meanwhile)%n", openSearch.alias(), outcome.to(), outcome.copied(), outcome.from(),
          outcome.caughtUp(), outcome.deleted());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (OpenSearchException | IllegalStateException e) {
      spec.commandLine().getErr().println("reindex failed: " + e.getMessage());
      return SearchCommand.UNAVAILABLE;
    }
  }
}
