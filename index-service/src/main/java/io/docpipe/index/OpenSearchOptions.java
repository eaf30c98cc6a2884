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
 * Without a default provider (the {@code docpipe} command line sets one from the declared settings), the URL and
 * alias fall back to {@link OpenSearchSettings#URL} and {@link IndexConfig#ALIAS} as the services read them.
 */
public final class OpenSearchOptions {
  @Option(names = "--opensearch", description = "OpenSearch URL (default: DOCPIPE_OPENSEARCH_URL: ${DEFAULT-VALUE}); "
      + "credentials as for the index service.")
  URI url;

  @Option(names = "--alias", description = "Index alias (default: DOCPIPE_INDEX_ALIAS: ${DEFAULT-VALUE}).")
  String alias;

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  public String alias() {
    return alias != null ? alias : IndexConfig.ALIAS.read(Settings.fromEnvironment());
  }

  /** Connection settings, with the given extra settings (e.g. a longer timeout); bad ones are usage errors. */
  public OpenSearchSettings settings(Map<String, String> extra) {
    Map<String, String> overrides = new HashMap<>(extra);
    if (url != null) {
      overrides.put(OpenSearchSettings.URL.key(), url.toString());
    }
    try {
      return OpenSearchSettings.from(Settings.fromEnvironment(overrides));
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
