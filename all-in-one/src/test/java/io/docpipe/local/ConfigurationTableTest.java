package io.docpipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.runtime.Setting;
import io.docpipe.runtime.SettingTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration tables are the declared settings: a setting added, removed or changed in its
 * declaration and not in the README (or the other way round) fails here. To regenerate the README's block:
 * {@code ./mvnw -pl all-in-one test -Dtest=ConfigurationTableTest -Ddocpipe.readme.write=true}.
 */
class ConfigurationTableTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void theReadmeShowsEveryDeclaredSettingAsDeclared() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int begin = readme.indexOf(ConfigurationTables.BEGIN);
    int end = readme.indexOf(ConfigurationTables.END);
    assertThat(begin).as("the README's settings:begin marker").isNotNegative();
    assertThat(end).as("the README's settings:end marker").isGreaterThan(begin);
    String block = readme.substring(begin, end + ConfigurationTables.END.length());
    String expected = ConfigurationTables.markdown();
    if (!block.equals(expected) && Boolean.getBoolean("docpipe.readme.write")) {
      Files.writeString(README, readme.replace(block, expected), StandardCharsets.UTF_8);
      block = expected;
    }
    assertThat(block).as("the README's configuration tables (rerun with -Ddocpipe.readme.write=true to "
        + "regenerate them from the declarations)").isEqualTo(expected);
  }

  @Test
  void everyVariableIsDeclaredOnceAndDocumented() {
    Set<String> seen = new HashSet<>();
    for (SettingTable table : ConfigurationTables.ALL) {
      for (Setting<?> setting : table.settings()) {
        assertThat(seen.add(setting.envName())).as(setting + " declared in two tables").isTrue();
        assertThat(setting.doc()).as(setting + "'s doc").isNotBlank().doesNotContain("|");
        assertThat(setting.defaultText()).as(setting + "'s default").isNotBlank();
      }
    }
    assertThat(seen).contains("DOCPIPE_INGEST_INBOX_DIR", "DOCPIPE_TOPICS_PARTITIONS", "DOCPIPE_OPENSEARCH_URL",
        "DOCPIPE_ENRICH_OPS_PORT", "DOCPIPE_LOCAL_DATA_DIR");
  }
}
