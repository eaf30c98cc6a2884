package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The whole default tagger on WNUT17's test split (reported, not gated; target/wnut17-report.md): text nobody
 * here tuned on, and which the shipped name finder was not trained on. Strict span; person, location, and
 * corporation plus group as ORGANIZATION (WNUT's product and creative-work have no counterpart).
 */
class Wnut17ReportTest {
  @Test
  void reportsTheTaggerOnWnut17Test() throws Exception {
    List<Wikigold.Document> documents = Wikigold.wnut17Test();
    EntityTagger tagger = TextEnricher.defaultEntityTagger();
    Map<String, int[]> counts = new TreeMap<>();
    int gold = Wikigold.scoreAll(documents, tagger, counts);
    String report = Wikigold.report("WNUT17 test, default tagger, strict span", counts);
    System.out.println(report);
    Files.writeString(Path.of("target", "wnut17-report.md"), report);
    assertThat(gold).as("person/location/corporation/group mentions parsed").isGreaterThan(800);
    int[] total = Wikigold.total(counts);
    assertThat(total[0] + total[2]).as("every gold mention counted once").isEqualTo(gold);
  }
}
