package io.docpipe.enrich.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores the enrichment against the hand-annotated gold for the five samples (copied from shared/gold):
 * entities strict-span and bag-of-mentions per type, dates strict-span with value accuracy.
 */
final class GoldEvaluation {
  static final List<String> FILES = List.of("000_7a85573243417cb3", "001_d1b8266712f60fd5",
      "002_b5d91702df57ba9e", "003_adaa45728fb4c7fa", "004_ad93c0ebc40b9a3e");

  /** True positives, false positives and false negatives. */
  record Counts(int tp, int fp, int fn) {
    Counts plus(Counts other) {
      return new Counts(tp + other.tp, fp + other.fp, fn + other.fn);
    }

    double precision() {
      return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  final Map<String, Counts> strictEntities = new TreeMap<>();
  final Map<String, Counts> bagEntities = new TreeMap<>();
  Counts strictDates = new Counts(0, 0, 0);
  int dateValuesRight;
  int repeatGroupsGold;
  int repeatGroupsFound;
  final List<String> missedRepeatGroups = new ArrayList<>();
  /** Paragraphs marked as repeats of a paragraph that no gold group puts with them. */
  final List<String> falseMerges = new ArrayList<>();
  private final io.docpipe.enrich.repeats.InMemoryRepeatIndex acrossDocuments =
      new io.docpipe.enrich.repeats.InMemoryRepeatIndex();

  static GoldEvaluation run(TextEnricher enricher) {
    GoldEvaluation evaluation = new GoldEvaluation();
    ObjectMapper json = new ObjectMapper();
    for (String file : FILES) {
      JsonNode gold;
      try (InputStream in = GoldEvaluation.class.getResourceAsStream("/gold/" + file + ".json")) {
        gold = json.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String text = Samples.read(file.substring(0, 3));
      EnrichedText result = enricher.enrich(text, LocalDate.parse(gold.path("referenceDate").asText()));
      evaluation.scoreEntities(gold.path("entities"), result.entities());
      evaluation.listEntityErrors(file, text, gold.path("entities"), result.entities());
      evaluation.scoreDates(gold.path("dates"), result.dates());
      evaluation.scoreRepeats(file, gold.path("paragraphs").path("duplicateGroups"), result, enricher);
    }
    return evaluation;
  }

  private void scoreEntities(JsonNode gold, List<EntitySpan> found) {
    for (EntityKind kind : EntityKind.values()) {
      List<String> goldSpans = new ArrayList<>();
      List<String> goldBag = new ArrayList<>();
      for (JsonNode g : gold) {
        if (g.path("type").asText().equals(kind.name())) {
          goldSpans.add(g.path("start").asInt() + ":" + g.path("end").asInt());
          goldBag.add(normalize(g.path("text").asText()));
        }
      }
      List<String> foundSpans = new ArrayList<>();
      List<String> foundBag = new ArrayList<>();
      for (EntitySpan e : found) {
        if (e.kind() == kind) {
          foundSpans.add(e.start() + ":" + e.end());
          foundBag.add(normalize(e.text()));
        }
      }
      strictEntities.merge(kind.name(), match(goldSpans, foundSpans), Counts::plus);
      bagEntities.merge(kind.name(), match(goldBag, foundBag), Counts::plus);
    }
  }

  /** Strict-span misses and spurious mentions, for the report. */
  final List<String> entityErrors = new ArrayList<>();

  private void listEntityErrors(String file, String text, JsonNode gold, List<EntitySpan> found) {
    java.util.Set<String> goldKeys = new java.util.HashSet<>();
    for (JsonNode g : gold) {
      goldKeys.add(g.path("type").asText() + "@" + g.path("start").asInt() + ":" + g.path("end").asInt());
    }
    java.util.Set<String> foundKeys = new java.util.HashSet<>();
    for (EntitySpan e : found) {
      String key = e.kind().name() + "@" + e.start() + ":" + e.end();
      foundKeys.add(key);
      if (!goldKeys.contains(key)) {
        entityErrors.add("spurious " + e.kind() + " '" + e.text().replace('\n', ' ') + "' " + file.substring(0, 3) + "@"
            + e.start());
      }
    }
    for (JsonNode g : gold) {
      String key = g.path("type").asText() + "@" + g.path("start").asInt() + ":" + g.path("end").asInt();
      if (!foundKeys.contains(key)) {
        entityErrors.add("missed " + g.path("type").asText() + " '" + g.path("text").asText().replace('\n', ' ')
            + "' " + file.substring(0, 3) + "@" + g.path("start").asInt());
      }
    }
  }

  private void scoreDates(JsonNode gold, List<DateSpan> found) {
    Map<String, String> goldValues = new HashMap<>();
    for (JsonNode g : gold) {
      goldValues.put(g.path("start").asInt() + ":" + g.path("end").asInt(), g.path("value").asText());
    }
    List<String> foundSpans = new ArrayList<>();
    for (DateSpan d : found) {
      String span = d.start() + ":" + d.end();
      foundSpans.add(span);
      if (d.value().equals(goldValues.get(span))) {
        dateValuesRight++;
      }
    }
    strictDates = strictDates.plus(match(new ArrayList<>(goldValues.keySet()), foundSpans));
  }

  /**
   * Gold groups of repeated paragraphs must each end up together (every member marked as a repeat of the
   * group's first paragraph, directly or through another member), and no paragraph may be marked as a
   * repeat of one outside its gold group, within the document or across the five (the gold has no
   * cross-document repeats).
   */
  private void scoreRepeats(String file, JsonNode groups, EnrichedText result, TextEnricher enricher) {
    Map<Integer, Integer> goldGroup = new HashMap<>();
    int groupId = 0;
    for (JsonNode group : groups) {
      for (JsonNode index : group.path("paragraphIndices")) {
        goldGroup.put(index.asInt(), groupId);
      }
      groupId++;
    }
    Map<Integer, Integer> root = new HashMap<>();
    for (EnrichedText.Paragraph p : result.paragraphs()) {
      int index = p.span().index();
      root.put(index, p.isRepeat() ? root.get(p.firstOccurrence()) : index);
      if (p.isRepeat() && !java.util.Objects.equals(goldGroup.get(index), goldGroup.get(p.firstOccurrence()))
          || p.isRepeat() && goldGroup.get(index) == null) {
        falseMerges.add(file + " #" + index + " marked as a repeat of #" + p.firstOccurrence());
      }
    }
    for (JsonNode group : groups) {
      repeatGroupsGold++;
      java.util.Set<Integer> roots = new java.util.HashSet<>();
      group.path("paragraphIndices").forEach(i -> roots.add(root.get(i.asInt())));
      if (roots.size() == 1 && !roots.contains(null)) {
        repeatGroupsFound++;
      } else {
        missedRepeatGroups.add(file + " " + group.path("paragraphIndices"));
      }
    }
    for (EnrichedText.Paragraph p : result.paragraphs()) {
      var occurrence = new io.docpipe.enrich.repeats.Occurrence(file, "v1", p.span().index(),
          FILES.indexOf(file), p.signature());
      enricher.repeatFinder().findOrRemember(occurrence, p.signature().keys(), acrossDocuments)
          .filter(r -> !r.first().documentId().equals(file))
          .ifPresent(r -> falseMerges.add(file + " #" + p.span().index() + " marked as a repeat of "
              + r.first().documentId() + " #" + r.first().paragraphIndex()));
    }
  }

  /** Multiset matching. */
  private static Counts match(List<String> gold, List<String> found) {
    Map<String, Integer> remaining = new HashMap<>();
    gold.forEach(g -> remaining.merge(g, 1, Integer::sum));
    int tp = 0;
    for (String f : found) {
      Integer left = remaining.get(f);
      if (left != null && left > 0) {
        remaining.put(f, left - 1);
        tp++;
      }
    }
    return new Counts(tp, found.size() - tp, gold.size() - tp);
  }

  private static String normalize(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  Counts micro(Map<String, Counts> byType) {
    return byType.values().stream().reduce(new Counts(0, 0, 0), Counts::plus);
  }

  double dateValueAccuracy() {
    return strictDates.tp() == 0 ? 0 : (double) dateValuesRight / strictDates.tp();
  }

  String report() {
    StringBuilder out = new StringBuilder("| scope | type | precision | recall | F1 |\n| --- | --- | --- | --- | --- |\n");
    for (var scope : Map.of("entities, strict span", strictEntities, "entities, bag of mentions", bagEntities)
        .entrySet()) {
      scope.getValue().forEach((type, c) -> row(out, scope.getKey(), type, c));
      row(out, scope.getKey(), "micro", micro(scope.getValue()));
    }
    row(out, "dates, strict span", "all", strictDates);
    out.append(String.format(java.util.Locale.ROOT, "%ndate value accuracy on matched spans: %.3f%n",
        dateValueAccuracy()));
    out.append(String.format(java.util.Locale.ROOT,
        "repeated-paragraph groups found: %d of %d; false merges: %d%n", repeatGroupsFound, repeatGroupsGold,
        falseMerges.size()));
    missedRepeatGroups.forEach(m -> out.append("- missed group ").append(m).append('\n'));
    out.append("\nEntity errors (strict span):\n");
    entityErrors.forEach(e -> out.append("- ").append(e).append('\n'));
    falseMerges.forEach(m -> out.append("- false merge: ").append(m).append('\n'));
    return out.toString();
  }

  private static void row(StringBuilder out, String scope, String type, Counts c) {
    out.append(String.format(java.util.Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f |%n", scope, type,
        c.precision(), c.recall(), c.f1()));
  }
}
