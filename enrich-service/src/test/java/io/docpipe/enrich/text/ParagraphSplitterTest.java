package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParagraphSplitterTest {
  private final ParagraphSplitter splitter = new ParagraphSplitter();

  @Test
  void blankLinesSeparateParagraphsAndOffsetsPointIntoTheText() {
    String text = "Title\n\nFirst paragraph.\n\n\n  Second paragraph.  \n";
    List<ParagraphSpan> paragraphs = splitter.split(text);
    assertThat(paragraphs).extracting(ParagraphSpan::text)
        .containsExactly("Title", "First paragraph.", "Second paragraph.");
    for (ParagraphSpan p : paragraphs) {
      assertThat(text.substring(p.start(), p.end())).isEqualTo(p.text());
    }
    assertThat(paragraphs).extracting(ParagraphSpan::index).containsExactly(0, 1, 2);
  }

  @Test
  void everyLineIsAParagraphInUnwrappedText() {
    String line = "x".repeat(150);
    List<ParagraphSpan> paragraphs = splitter.split("Caption one\nCaption two\n\n" + line + "\n" + line);
    assertThat(paragraphs).extracting(ParagraphSpan::text)
        .containsExactly("Caption one", "Caption two", line, line);
  }

  @Test
  void hardWrappedTextIsReflowedIntoParagraphs() {
    String wrapped = "Pakistan US relations are fundamental to the War against terror and\n";
    String text = "Abstract\n\n" + wrapped.repeat(6) + "the end of a sentence.\n"
        + " An indented line starts a new paragraph after a full stop and\n" + wrapped.repeat(4)
        + "\n" + wrapped.repeat(3);
    List<ParagraphSpan> paragraphs = splitter.split(text);
    assertThat(paragraphs).hasSize(4);
    assertThat(paragraphs.get(0).text()).isEqualTo("Abstract");
    assertThat(paragraphs.get(2).text()).startsWith("An indented line");
    assertThat(paragraphs.get(1).text()).doesNotContain("\n")
        .startsWith("Pakistan US relations are fundamental to the War against terror and Pakistan US");
    assertThat(text.substring(paragraphs.get(1).start(), paragraphs.get(1).end())).contains("\n");
  }

  @Test
  void reflowJoinsWordsHyphenatedAcrossLines() {
    assertThat(ParagraphSplitter.reflow("the inter-\n national community and\n  the well known")).isEqualTo(
        "the international community and the well known");
    assertThat(ParagraphSplitter.reflow("Pak-\nUS ties")).as("a capitalized part keeps its hyphen").isEqualTo(
        "Pak-US ties");
  }

  @ParameterizedTest
  @CsvSource({"000, 30", "001, 11", "002, 20", "003, 8", "004, 24"})
  void samplesSplitAsTheGoldSays(String sample, int expected) {
    assertThat(splitter.split(Samples.read(sample))).hasSize(expected);
  }

  @Test
  void emptyAndBlankTextHaveNoParagraphs() {
    assertThat(splitter.split("")).isEmpty();
    assertThat(splitter.split(" \n\n \t\n")).isEmpty();
  }
}
