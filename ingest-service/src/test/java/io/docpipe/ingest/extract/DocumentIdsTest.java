package io.docpipe.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {
  @Test
  void idsAreStablePerPathAndDifferAcrossPaths() {
    assertThat(DocumentIds.forRelativePath("a/b.txt")).isEqualTo(DocumentIds.forRelativePath("a/b.txt"))
        .hasSize(32).matches("[0-9a-f]+");
    assertThat(DocumentIds.forRelativePath("a/b.txt")).isNotEqualTo(DocumentIds.forRelativePath("a/c.txt"));
  }

  @Test
  void sha256MatchesTheKnownVector() {
    assertThat(DocumentIds.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
