package io.docpipe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docpipe.runtime.ConfigException;
import io.docpipe.runtime.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
  @Test
  void defaultsPutProcessedAndFailedBesideTheInbox() {
    IngestConfig config = IngestConfig.from(Settings.of(Map.of("ingest.inbox.dir", "/data/inbox",
        "ingest.extensions", ".TXT, md")));
    assertThat(config.processedDir()).isEqualTo(Path.of("/data/processed"));
    assertThat(config.failedDir()).isEqualTo(Path.of("/data/failed"));
    assertThat(config.extensions()).containsExactlyInAnyOrder("txt", "md");
  }

  @Test
  void rejectsOutputFoldersInsideTheInboxAndBadValuesTogether() {
    assertThatThrownBy(() -> IngestConfig.from(Settings.of(Map.of("ingest.inbox.dir", "/data/inbox",
        "ingest.processed.dir", "/data/inbox/done", "ingest.workers", "0"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2));
  }
}
