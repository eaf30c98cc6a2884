package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The rules on wikigold, strict span, PER/ORG/LOC (reported, not gated; target/wikigold-report.md). Only the
 * rules: the shipped name finder is trained on wikigold too, so the whole tagger's wikigold F1 comes from
 * cross-validation instead ({@code enrich-service/scripts/evaluate-wikigold.sh}, numbers in BENCHMARKS.md).
 */
class WikigoldReportTest {
  @Test
  void reportsTheRulesF1OnWikigold() throws Exception {
    List<Wikigold.Document> documents = Wikigold.load();
    GazetteerEntityTagger rules = new GazetteerEntityTagger();
    Map<String, int[]> counts = new TreeMap<>();
    int gold = Wikigold.scoreAll(documents, rules, counts);
    String report = Wikigold.report("wikigold, rules only, strict span", counts);
    System.out.println(report);
    Files.writeString(Path.of("target", "wikigold-report.md"), report);

    assertThat(documents).as("wikigold documents parsed").hasSize(145);
    assertThat(gold).as("PER/ORG/LOC mentions parsed").isGreaterThan(2000);
    int[] total = Wikigold.total(counts);
    assertThat(total[0] + total[2]).as("every gold mention counted once").isEqualTo(gold);
    assertThat(documents.stream().mapToInt(d -> d.samples().size()).sum()).isGreaterThan(1600);
  }
}
