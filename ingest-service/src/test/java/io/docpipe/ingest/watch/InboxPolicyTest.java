package io.docpipe.ingest.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboxPolicyTest {
  private final InboxPolicy policy = new InboxPolicy(Set.of("txt", "md"));

  @ParameterizedTest(name = "{0}: ignored={1} supported={2}")
  @CsvSource({
      "report.txt, false, true",
      "notes/READ ME.MD, false, true",
      "photo.jpg, false, false",
      ".hidden.txt, true, true",
      ".git/config.txt, true, true",
      "draft.txt~, true, false",
      ".report.txt.swp, true, false",
      "upload.txt.part, true, false",
      "data.tmp, true, false",
      "~$report.docx, true, false"})
  void classifiesFiles(String path, boolean ignored, boolean supported) {
    assertThat(policy.isIgnored(Path.of(path))).isEqualTo(ignored);
    assertThat(policy.isSupported(Path.of(path))).isEqualTo(supported);
  }
}
