package io.docpipe.index;

import io.docpipe.runtime.ConfigException;
import io.docpipe.runtime.Settings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The OpenSearch options shared by the commands that talk to the index ({@code search}, {@code reindex}):
 * URL and alias, with credentials from the same {@code DOCPIPE_OPENSEARCH_*} variables as the index service.
 */
public final class OpenSearchOptions {
  @Option(names = "--opensearch", defaultValue = "${env:DOCPIPE_OPENSEARCH_URL:-http://localhost:9200}",
      description = "OpenSearch URL (default ${DEFAULT-VALUE}); credentials as for the index service.")
  URI url;

  @Option(names = "--alias", defaultValue = "${env:DOCPIPE_INDEX_ALIAS:-docpipe-documents}",
      description = "Index alias (default ${DEFAULT-VALUE}).")
  String alias;

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  public String alias() {
    return alias;
  }

  /** Connection settings, with the given extra settings (e.g. a longer timeout); bad ones are usage errors. */
  public OpenSearchSettings settings(Map<String, String> extra) {
    Map<String, String> overrides = new HashMap<>(extra);
    overrides.put("opensearch.url", url.toString());
    try {
      return OpenSearchSettings.from(Settings.fromEnvironment(overrides));
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
