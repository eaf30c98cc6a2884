package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Quality against the gold annotations of the five samples; the build fails below the product thresholds:
 * entities micro-F1 and PERSON F1 >= 0.85 (strict span and bag of mentions), dates F1 >= 0.90 with value
 * accuracy >= 0.85, every gold group of repeated paragraphs found and no false merges (within documents and
 * across the five). The report, with every entity error, goes to target/quality-report.md.
 */
class GoldQualityTest {
  @Test
  void scoresAgainstTheGold() throws Exception {
    GoldEvaluation evaluation = GoldEvaluation.run(new TextEnricher());
    String report = evaluation.report();
    System.out.println(report);
    Files.writeString(Path.of("target", "quality-report.md"), report);

    for (var scope : java.util.List.of(evaluation.strictEntities, evaluation.bagEntities)) {
      assertThat(evaluation.micro(scope).f1()).as("entities micro-F1").isGreaterThanOrEqualTo(0.85);
      assertThat(scope.get("PERSON").f1()).as("PERSON F1").isGreaterThanOrEqualTo(0.85);
    }
    assertThat(evaluation.strictDates.f1()).as("dates F1").isGreaterThanOrEqualTo(0.90);
    assertThat(evaluation.dateValueAccuracy()).as("date value accuracy").isGreaterThanOrEqualTo(0.85);
    assertThat(evaluation.missedRepeatGroups).as("gold repeated-paragraph groups not found").isEmpty();
    assertThat(evaluation.falseMerges).as("paragraphs marked as repeats of unrelated ones").isEmpty();
  }
}
