package io.docpipe.local;

import io.docpipe.index.IndexConfig;
import io.docpipe.index.OpenSearchSettings;
import io.docpipe.runtime.KafkaSettings;
import io.docpipe.runtime.Setting;
import io.docpipe.runtime.Settings;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives the commands' connection options their defaults from the services' declared settings: the same
 * {@code DOCPIPE_*} variable a service reads, else the same default. An option given on the command line wins.
 */
final class SettingDefaults implements CommandLine.IDefaultValueProvider {
  static final Map<String, Setting<?>> BY_OPTION = Map.of(
      "--bootstrap-servers", KafkaSettings.BOOTSTRAP_SERVERS,
      "--registry", KafkaSettings.REGISTRY_URL,
      "--opensearch", OpenSearchSettings.URL,
      "--alias", IndexConfig.ALIAS);
  private final Settings settings;

  SettingDefaults(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String defaultValue(ArgSpec argument) {
    if (argument instanceof OptionSpec option) {
      Setting<?> setting = BY_OPTION.get(option.longestName());
      if (setting != null) {
        return String.valueOf(setting.read(settings));
      }
    }
    return null;
  }
}
