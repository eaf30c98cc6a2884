package io.docpipe.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTitlesTest {
  @Test
  void aMarkdownHeadingOrAShortFirstLineIsTheTitle() {
    assertThat(TextTitles.of("intro\n# The Heading\n\nbody", "a.md")).isEqualTo("The Heading");
    assertThat(TextTitles.of("\n\nPak-US Relations before 9/11\n\nBody text.", "a.txt"))
        .isEqualTo("Pak-US Relations before 9/11");
    assertThat(TextTitles.of("  \n", "empty.txt")).isEqualTo("empty.txt");
  }

  @Test
  void aFirstLineThatIsAWholeParagraphIsCutAtAWord() {
    String paragraph = "It has been nearly three years since the U.S. withdrawal from Afghanistan and the "
        + "subsequent takeover by the Taliban government, leaving enormous consequences for regional security.";
    String title = TextTitles.of(paragraph + "\nMore.", "a.txt");
    assertThat(title).endsWith("…").hasSizeLessThanOrEqualTo(101);
    assertThat(paragraph).startsWith(title.substring(0, title.length() - 1));
    assertThat(title).doesNotEndWith(" …");
  }
}
