package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The entity tagger on wikigold (Wikipedia, CC-BY 4.0; a copy is in test resources): strict-span precision,
 * recall and F1 for PERSON, ORGANIZATION and LOCATION (wikigold's MISC has no counterpart and is left out,
 * as are our NATIONALITY mentions). Reported, not gated: written to target/wikigold-report.md and to
 * BENCHMARKS.md by hand. Tokens are joined with single spaces, one sentence per line.
 */
class WikigoldReportTest {
  private static final Map<String, EntityKind> TYPES = Map.of("PER", EntityKind.PERSON, "ORG",
      EntityKind.ORGANIZATION, "LOC", EntityKind.LOCATION);

  @Test
  void reportsF1OnWikigold() throws Exception {
    List<StringBuilder> documents = new ArrayList<>();
    List<Set<String>> golds = new ArrayList<>();
    StringBuilder text = null;
    Set<String> gold = null;
    String openType = null;
    int openStart = -1;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        WikigoldReportTest.class.getResourceAsStream("/wikigold/wikigold.conll.txt"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (text == null || line.startsWith("-DOCSTART-")) {
          text = new StringBuilder();
          gold = new HashSet<>();
          documents.add(text);
          golds.add(gold);
          if (line.startsWith("-DOCSTART-")) {
            continue;
          }
        }
        int space = line.lastIndexOf(' ');
        String tag = space < 0 ? "O" : line.substring(space + 1);
        String token = space < 0 ? "" : line.substring(0, space);
        String type = tag.length() > 2 ? tag.substring(2) : null;
        boolean continues = type != null && type.equals(openType) && tag.startsWith("I-");
        if (openType != null && !continues) {
          close(gold, openType, openStart, text);
          openType = null;
        }
        if (token.isEmpty()) {
          if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
            text.setLength(Math.max(0, text.length() - 1));
            text.append('\n');
          }
          continue;
        }
        if (type != null && !continues) {
          openType = type;
          openStart = text.length();
        }
        text.append(token).append(' ');
      }
      if (openType != null) {
        close(gold, openType, openStart, text);
      }
    }

    EntityTagger tagger = TextEnricher.defaultEntityTagger();
    Map<String, int[]> counts = new TreeMap<>(); // type -> tp, fp, fn
    int goldTotal = 0;
    for (int d = 0; d < documents.size(); d++) {
      Set<String> expected = golds.get(d);
      goldTotal += expected.size();
      Set<String> found = new HashSet<>();
      for (EntitySpan e : tagger.tag(documents.get(d).toString())) {
        if (e.kind() != EntityKind.NATIONALITY) {
          found.add(e.kind() + "@" + e.start() + ":" + e.end());
        }
      }
      for (String f : found) {
        counts.computeIfAbsent(f.substring(0, f.indexOf('@')), k -> new int[3])[expected.contains(f) ? 0 : 1]++;
      }
      for (String g : expected) {
        if (!found.contains(g)) {
          counts.computeIfAbsent(g.substring(0, g.indexOf('@')), k -> new int[3])[2]++;
        }
      }
    }
    int[] micro = new int[3];
    StringBuilder report = new StringBuilder("| wikigold, strict span | precision | recall | F1 |\n| --- | --- | --- | --- |\n");
    counts.forEach((type, c) -> {
      row(report, type, c);
      for (int i = 0; i < 3; i++) {
        micro[i] += c[i];
      }
    });
    row(report, "micro (PER, ORG, LOC)", micro);
    System.out.println(report);
    Files.writeString(Path.of("target", "wikigold-report.md"), report);

    assertThat(documents).as("wikigold documents parsed (145 markers, the first document has none)").hasSize(146);
    assertThat(goldTotal).as("PER/ORG/LOC mentions parsed").isGreaterThan(2000);
    assertThat(micro[0] + micro[2]).isEqualTo(goldTotal);
  }

  private static void close(Set<String> gold, String type, int start, StringBuilder text) {
    EntityKind kind = TYPES.get(type);
    if (kind != null) {
      gold.add(kind + "@" + start + ":" + (text.length() - 1));
    }
  }

  private static void row(StringBuilder out, String type, int[] c) {
    double p = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
    double r = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
    double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
    out.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", type, p, r, f));
  }
}
