package io.docpipe.local;

import io.docpipe.enrich.EnrichConfig;
import io.docpipe.index.IndexConfig;
import io.docpipe.index.OpenSearchSettings;
import io.docpipe.ingest.IngestConfig;
import io.docpipe.runtime.KafkaSettings;
import io.docpipe.runtime.SettingTable;
import java.util.List;

/**
 * Every declared setting of docpipe, table by table, as the README's configuration section shows them (between
 * its {@code settings:begin} and {@code settings:end} markers; {@code ConfigurationTableTest} keeps the two equal).
 */
final class ConfigurationTables {
  static final List<SettingTable> ALL = List.of(KafkaSettings.TABLE, IngestConfig.TABLE, EnrichConfig.TABLE,
      IndexConfig.TABLE, OpenSearchSettings.TABLE, LocalConfig.TABLE);
  static final String BEGIN = "<!-- settings:begin (generated from the declarations; see ConfigurationTableTest) -->";
  static final String END = "<!-- settings:end -->";

  private ConfigurationTables() {}

  /** The README's block, markers included. */
  static String markdown() {
    StringBuilder out = new StringBuilder(BEGIN).append("\n");
    for (SettingTable table : ALL) {
      out.append("\n#### ").append(table.title()).append("\n\n").append(table.markdown());
    }
    return out.append("\n").append(END).toString();
  }
}
