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
    // 5.1 MB on one line that ends in a newline (the normal case for a file): past the analysis budget.
    String singleLine = "Pakistan and the United States met in Islamabad on October 7, 2001. ".repeat(75_000) + "\n";
    String digits = "7".repeat(80_000);
    String capitals = "Aa ".repeat(300_000);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> {
      EnrichedText line = enricher.enrich(singleLine, LocalDate.of(2024, 1, 1));
      assertThat(line.paragraphs()).hasSize(1);
      assertThat(line.analyzedChars()).isLessThanOrEqualTo(TextEnricher.MAX_ANALYZED_CHARS)
          .isGreaterThan(TextEnricher.MAX_ANALYZED_CHARS / 2);
      assertThat(line.dates()).allMatch(d -> d.end() <= line.analyzedChars()).size()
          .isBetween(line.analyzedChars() / 68 - 1, line.analyzedChars() / 68 + 1); // one date per 68 chars
      assertThat(line.entities()).isNotEmpty().allMatch(e -> e.end() <= line.analyzedChars());
      assertThat(enricher.enrich(digits, LocalDate.of(2024, 1, 1)).dates()).isEmpty();
      assertThat(enricher.enrich(capitals, LocalDate.of(2024, 1, 1)).paragraphs()).hasSize(1);
    });
  }

  @Test
  void pastTheBudgetParagraphsAreListedAndExactRepeatsStillFound() {
    String paragraph = "Pervez Musharraf spoke in Islamabad on October 7, 2001, about the border with Afghanistan.\n\n";
    TextEnricher small = new TextEnricher(TextEnricher.defaultEntityTagger(),
        new io.docpipe.enrich.repeats.RepeatFinder(TextEnricher.NEAR_THRESHOLD), 1_000);
    String text = "A first paragraph, unlike the others, opens the text.\n\n" + paragraph.repeat(40);
    EnrichedText result = small.enrich(text, LocalDate.of(2024, 1, 1));
    assertThat(result.analyzedChars()).isLessThanOrEqualTo(1_000).isGreaterThan(500);
    assertThat(text.charAt(result.analyzedChars())).isEqualTo('\n'); // cut at a line break
    assertThat(result.paragraphs()).hasSize(41);
    assertThat(result.dates()).isNotEmpty().allMatch(d -> d.end() <= result.analyzedChars());
    // Every repeat is found, those past the budget by their fingerprint.
    assertThat(result.paragraphs().subList(2, 41)).allMatch(EnrichedText.Paragraph::isRepeat);
    assertThat(result.paragraphs().get(40).signature().nearEligible()).isFalse();
    assertThat(result.paragraphs().get(1).signature().nearEligible()).isTrue();
  }

  @Test
  void aTextWithinTheBudgetIsAnalyzedWhole() {
    String text = "Musharraf met Karzai in Kabul on 7 October 2001.";
    assertThat(enricher.enrich(text, LocalDate.of(2024, 1, 1)).analyzedChars()).isEqualTo(text.length());
    assertThat(TextEnricher.analyzedLength("word ".repeat(1_000), 1_000)).isEqualTo(999); // at a space
    assertThat(TextEnricher.analyzedLength("x".repeat(5_000), 1_000)).isEqualTo(1_000); // no break at all
  }
}
