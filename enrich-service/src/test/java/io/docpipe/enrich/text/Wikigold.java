package io.docpipe.enrich.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;

/**
 * Wikigold (CC-BY 4.0; a copy in test resources) as documents: the text (tokens joined by single spaces, one
 * sentence per line), the gold PER/ORG/LOC spans as {@code TYPE@start:end}, and the sentences as OpenNLP
 * training samples. MISC has no counterpart here and is left out.
 */
final class Wikigold {
  static final Map<String, EntityKind> TYPES = Map.of("PER", EntityKind.PERSON, "ORG",
      EntityKind.ORGANIZATION, "LOC", EntityKind.LOCATION);

  record Document(String text, Set<String> gold, List<NameSample> samples) {}

  private Wikigold() {}

  static List<Document> load() throws IOException {
    return load("/wikigold/wikigold.conll.txt", TYPES);
  }

  /** WNUT17's test split (CC-BY 4.0; emerging entities in social media): person, location, corporation and group. */
  static List<Document> wnut17Test() throws IOException {
    return load("/wnut17/emerging.test.annotated", Map.of("person", EntityKind.PERSON, "location",
        EntityKind.LOCATION, "corporation", EntityKind.ORGANIZATION, "group", EntityKind.ORGANIZATION));
  }

  /**
   * A CoNLL file (token, then its IOB1 or IOB2 tag after the last space or tab) as documents split at
   * -DOCSTART- lines; only the tags in {@code types} count.
   */
  static List<Document> load(String resource, Map<String, EntityKind> types) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        Wikigold.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      return load(in, types, false);
    }
  }

  /** A CoNLL file outside the classpath with one document per sentence (a BTC section in ../shared: tweets). */
  static List<Document> loadSentences(java.nio.file.Path file, Map<String, EntityKind> types) throws IOException {
    try (BufferedReader in = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return load(in, types, true);
    }
  }

  private static List<Document> load(BufferedReader in, Map<String, EntityKind> types, boolean perSentence)
      throws IOException {
    List<Document> documents = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    Set<String> gold = new HashSet<>();
    List<NameSample> samples = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<Span> names = new ArrayList<>();
    String open = null;
    int openStart = -1;
    int openToken = -1;
    for (String line = in.readLine(); ; line = in.readLine()) {
      boolean end = line == null || line.startsWith("-DOCSTART-") || (perSentence && line.isBlank());
      int space = line == null ? -1 : Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
      String tag = space < 0 ? "O" : line.substring(space + 1).strip();
      String token = space < 0 || end ? "" : line.substring(0, space);
      String type = tag.length() > 2 ? tag.substring(2) : null;
      boolean continues = type != null && type.equals(open) && tag.startsWith("I-");
      if (open != null && !continues) {
        if (types.containsKey(open)) {
          gold.add(types.get(open) + "@" + openStart + ":" + (text.length() - 1));
          names.add(new Span(openToken, tokens.size(), open));
        }
        open = null;
      }
      if (token.isEmpty()) { // end of sentence (or of document)
        if (!tokens.isEmpty()) {
          samples.add(new NameSample(tokens.toArray(new String[0]), names.toArray(new Span[0]), false));
          tokens.clear();
          names.clear();
          text.setLength(text.length() - 1);
          text.append('\n');
        }
        if (end && text.length() > 0) {
          documents.add(new Document(text.toString(), gold, samples));
          text = new StringBuilder();
          gold = new HashSet<>();
          samples = new ArrayList<>();
        }
        if (line == null) {
          return documents;
        }
        continue;
      }
      if (type != null && !continues) {
        open = type;
        openStart = text.length();
        openToken = tokens.size();
      }
      tokens.add(token);
      text.append(token).append(' ');
    }
  }

  /** Adds strict-span true positives, false positives and false negatives per type to {@code counts}. */
  static void score(Document document, List<EntitySpan> found, Map<String, int[]> counts) {
    Set<String> spans = new HashSet<>();
    for (EntitySpan e : found) {
      if (e.kind() != EntityKind.NATIONALITY) {
        spans.add(e.kind() + "@" + e.start() + ":" + e.end());
      }
    }
    for (String f : spans) {
      counts.computeIfAbsent(f.substring(0, f.indexOf('@')), k -> new int[3])[document.gold().contains(f) ? 0 : 1]++;
    }
    for (String g : document.gold()) {
      if (!spans.contains(g)) {
        counts.computeIfAbsent(g.substring(0, g.indexOf('@')), k -> new int[3])[2]++;
      }
    }
  }

  /** Tags every document and adds its counts; returns how many gold mentions there were. */
  static int scoreAll(List<Document> documents, EntityTagger tagger, Map<String, int[]> counts) {
    int gold = 0;
    for (Document document : documents) {
      gold += document.gold().size();
      score(document, tagger.tag(document.text()), counts);
    }
    return gold;
  }

  /** True positives, false positives and false negatives over all types. */
  static int[] total(Map<String, int[]> counts) {
    return counts.values().stream().reduce(new int[3], (a, b) -> new int[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
  }

  static String report(String title, Map<String, int[]> counts) {
    StringBuilder out = new StringBuilder("| " + title + " | precision | recall | F1 |\n| --- | --- | --- | --- |\n");
    int[] micro = new int[3];
    counts.forEach((type, c) -> {
      row(out, type, c);
      for (int i = 0; i < 3; i++) {
        micro[i] += c[i];
      }
    });
    row(out, "micro (PER, ORG, LOC)", micro);
    return out.toString();
  }

  private static void row(StringBuilder out, String type, int[] c) {
    double p = c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
    double r = c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
    double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
    out.append(String.format(java.util.Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", type, p, r, f));
  }
}
