package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextEnricherTest {
  private final TextEnricher enricher = new TextEnricher();

  @Test
  void marksExactRepeatsWithinADocumentPointingAtTheFirstOccurrence() {
    String text = "Intro.\n\nThe same paragraph.\n\nMiddle.\n\nThe  same   paragraph.";
    List<EnrichedText.Paragraph> paragraphs = enricher.enrich(text, LocalDate.of(2024, 1, 1)).paragraphs();
    assertThat(paragraphs).extracting(EnrichedText.Paragraph::firstOccurrence).containsExactly(-1, -1, -1, 1);
  }

  @Test
  void marksTheRepeatedParagraphsOfSample004() {
    List<EnrichedText.Paragraph> paragraphs = enricher.enrich(Samples.read("004"), LocalDate.of(2025, 3, 15))
        .paragraphs();
    assertThat(paragraphs.stream().filter(EnrichedText.Paragraph::isRepeat)).isNotEmpty();
    for (EnrichedText.Paragraph p : paragraphs) {
      if (p.isRepeat()) {
        EnrichedText.Paragraph first = paragraphs.get(p.firstOccurrence());
        assertThat(first.signature().similarity(p.signature())).isGreaterThanOrEqualTo(TextEnricher.NEAR_THRESHOLD);
        assertThat(first.span().index()).isLessThan(p.span().index());
      }
    }
  }

  /**
   * Hostile text goes through the whole enrichment (segmentation, signatures, entities, dates) without
   * catastrophic backtracking: re2j and single passes keep it linear. The timeout only guards against a
   * hang; speed is measured by bench/enrich.sh.
   */
  @Test
  void hostileTextGoesThroughWithoutHanging() {
    String singleLine = "Pakistan and the United States met in Islamabad on October 7, 2001. ".repeat(75_000);
    String digits = "7".repeat(80_000);
    String capitals = "Aa ".repeat(300_000);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> {
      EnrichedText line = enricher.enrich(singleLine, LocalDate.of(2024, 1, 1));
      assertThat(line.paragraphs()).hasSize(1);
      assertThat(line.dates()).hasSize(75_000);
      assertThat(enricher.enrich(digits, LocalDate.of(2024, 1, 1)).dates()).isEmpty();
      assertThat(enricher.enrich(capitals, LocalDate.of(2024, 1, 1)).paragraphs()).hasSize(1);
    });
  }
}
