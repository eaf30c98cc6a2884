package io.docpipe.enrich.repeats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A labelled set of paragraph pairs built from real text we may use (wikigold's Wikipedia sentences and the
 * BTC's mainstream-news tweets, both CC-BY 4.0, copies in test resources) and generated variants, seeded so
 * that every run builds the same set. Each pair is an earlier paragraph and a later one, labelled a repeat
 * when the later one says the same thing (punctuation, spacing, quotes, a filler word, a synonym, a typo)
 * and not a repeat when it says something else (another number, date, name, ordinal, or a negation).
 */
final class RepeatPairs {
  /** A sentence: tokens and their BIO types (null for none). */
  record Sentence(List<String> tokens, List<String> types) {}

  record Pair(String earlier, String later, boolean repeat, String edit) {}

  private static final Set<String> FILLERS = Set.of("also", "very", "now", "just", "then", "still", "already");
  private static final Map<String, String> SYNONYMS = Map.ofEntries(Map.entry("said", "stated"),
      Map.entry("says", "states"), Map.entry("began", "started"), Map.entry("big", "large"),
      Map.entry("help", "assist"), Map.entry("show", "display"), Map.entry("buy", "purchase"),
      Map.entry("called", "named"), Map.entry("near", "close to"), Map.entry("about", "around"),
      Map.entry("because", "since"), Map.entry("however", "but"), Map.entry("many", "numerous"));
  private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June",
      "July", "August", "September", "October", "November", "December");
  private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "sixth");
  /** Content words whose replacement changes what a paragraph says without touching its facts. */
  private static final Map<String, String> OPPOSITES = Map.ofEntries(Map.entry("killed", "injured"),
      Map.entry("bought", "sold"), Map.entry("increased", "decreased"), Map.entry("opened", "closed"),
      Map.entry("arrested", "released"), Map.entry("approved", "blocked"), Map.entry("before", "after"),
      Map.entry("north", "south"), Map.entry("east", "west"), Map.entry("largest", "smallest"),
      Map.entry("joined", "left"), Map.entry("born", "buried"), Map.entry("male", "female"),
      Map.entry("early", "late"), Map.entry("former", "current"), Map.entry("major", "minor"),
      Map.entry("released", "cancelled"), Map.entry("won", "lost"), Map.entry("new", "old"),
      Map.entry("best", "worst"), Map.entry("top", "bottom"), Map.entry("first", "last"));
  private static final Set<String> AUXILIARIES = Set.of("is", "was", "are", "were", "has", "have", "had",
      "will", "would", "can", "could", "should", "did", "does");

  private RepeatPairs() {}

  static List<Sentence> conll(String resource, char separator) throws IOException {
    List<Sentence> sentences = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<String> types = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        RepeatPairs.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank() || line.startsWith("-DOCSTART-")) {
          if (!tokens.isEmpty()) {
            sentences.add(new Sentence(List.copyOf(tokens), new ArrayList<>(types)));
            tokens.clear();
            types.clear();
          }
          continue;
        }
        int split = line.lastIndexOf(separator);
        if (split <= 0) {
          continue;
        }
        String tag = line.substring(split + 1).strip();
        tokens.add(line.substring(0, split));
        types.add(tag.length() > 2 ? tag.substring(2) : null);
      }
    }
    if (!tokens.isEmpty()) {
      sentences.add(new Sentence(List.copyOf(tokens), types));
    }
    return sentences;
  }

  /** Tokens joined as text is written: no space before closing punctuation or after opening brackets. */
  static String join(List<String> tokens) {
    StringBuilder out = new StringBuilder();
    for (String token : tokens) {
      boolean attach = token.matches("[.,;:!?%)\\]}]|'s|n't|'re|'ve|'ll|'d") || out.length() == 0
          || out.charAt(out.length() - 1) == '(' || out.charAt(out.length() - 1) == '$';
      if (!attach) {
        out.append(' ');
      }
      out.append(token);
    }
    return out.toString();
  }

  /**
   * Pairs from paragraphs of 1 to 4 consecutive wikigold sentences and from single news tweets: for each, one
   * meaning-keeping variant and one meaning-changing variant where the paragraph allows it.
   */
  static List<Pair> build(List<Sentence> wikipedia, List<Sentence> news, long seed) {
    Random random = new Random(seed);
    List<List<Sentence>> paragraphs = new ArrayList<>();
    for (int i = 0; i < wikipedia.size(); ) {
      int n = 1 + random.nextInt(4);
      paragraphs.add(wikipedia.subList(i, Math.min(wikipedia.size(), i + n)));
      i += n;
    }
    for (Sentence tweet : news) {
      if (tweet.tokens().size() >= 4) {
        paragraphs.add(List.of(tweet));
      }
    }
    List<Pair> pairs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Sentence s : wikipedia) {
      for (int i = 0; i < s.tokens().size(); i++) {
        if (s.types().get(i) != null && Character.isUpperCase(s.tokens().get(i).charAt(0))) {
          names.add(s.tokens().get(i));
        }
      }
    }
    String previous = null;
    for (List<Sentence> paragraph : paragraphs) {
      List<String> tokens = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (Sentence s : paragraph) {
        tokens.addAll(s.tokens());
        types.addAll(s.types());
      }
      String original = join(tokens);
      Pair same = keepsMeaning(original, tokens, types, random);
      if (same != null) {
        pairs.add(same);
      }
      Pair other = changesMeaning(original, tokens, types, names, random);
      if (other != null) {
        pairs.add(other);
      }
      if (previous != null && random.nextInt(4) == 0) {
        pairs.add(new Pair(previous, original, false, "next paragraph")); // same article, other text
      }
      previous = paragraph.size() > 1 || tokens.size() > 20 ? original : null;
    }
    return pairs;
  }

  private static Pair keepsMeaning(String original, List<String> tokens, List<String> types, Random random) {
    List<String> edited = new ArrayList<>(tokens);
    int edit = random.nextInt(5);
    String name;
    switch (edit) {
      case 0 -> { // punctuation and spacing
        name = "punctuation";
        String text = original.replace(", ", " , ").replace(".", " .").replace("\"", "'");
        return new Pair(original, text.equals(original) ? original + " " : text, true, name);
      }
      case 1 -> { // a filler word added
        name = "filler word";
        int at = lowercaseWord(edited, types, random);
        if (at < 0 || tokens.size() < 9) {
          return null;
        }
        edited.add(at, pick(FILLERS, random));
      }
      case 2 -> { // a synonym
        name = "synonym";
        int at = -1;
        for (int i = 0; i < edited.size(); i++) {
          if (SYNONYMS.containsKey(edited.get(i))) {
            at = i;
          }
        }
        if (at < 0 || tokens.size() < 9) {
          return null;
        }
        edited.set(at, SYNONYMS.get(edited.get(at)));
      }
      case 3 -> { // a typo in a common word
        name = "typo";
        int at = -1;
        for (int i = 0; i < edited.size(); i++) {
          String w = edited.get(i);
          if (types.get(i) == null && w.length() >= 6 && w.chars().allMatch(Character::isLowerCase)) {
            at = i;
            break;
          }
        }
        if (at < 0 || tokens.size() < 9) {
          return null;
        }
        char[] w = edited.get(at).toCharArray();
        char c = w[2];
        w[2] = w[3];
        w[3] = c;
        edited.set(at, new String(w));
      }
      default -> { // a filler word removed, or the case of the first word
        name = "filler removed";
        int at = edited.indexOf("the");
        if (at < 0 || tokens.size() < 9) {
          String first = edited.get(0);
          edited.set(0, Character.isUpperCase(first.charAt(0)) ? first.toLowerCase(Locale.ROOT)
              : Character.toUpperCase(first.charAt(0)) + first.substring(1));
          name = "case of the first word";
        } else {
          edited.remove(at);
        }
      }
    }
    return new Pair(original, join(edited), true, name);
  }

  private static Pair changesMeaning(String original, List<String> tokens, List<String> types, List<String> names,
      Random random) {
    List<String> edited = new ArrayList<>(tokens);
    List<String> edits = new ArrayList<>();
    for (int i = 0; i < edited.size(); i++) {
      String w = edited.get(i);
      if (w.matches("\\d+(\\.\\d+)?")) {
        edits.add("number:" + i);
      } else if (MONTHS.contains(w)) {
        edits.add("date:" + i);
      } else if (ORDINALS.contains(w.toLowerCase(Locale.ROOT))) {
        edits.add("ordinal:" + i);
      } else if (types.get(i) != null && ContentFacts.fact(w) != null && ContentFacts.fact(w).startsWith("c")) {
        edits.add("name:" + i); // a real name, not a capitalized "The" inside one
      } else if (AUXILIARIES.contains(w)) {
        edits.add("negation:" + i);
      } else if (OPPOSITES.containsKey(w)) {
        edits.add("content word:" + i);
      }
    }
    if (edits.isEmpty()) {
      return null;
    }
    String chosen = edits.get(random.nextInt(edits.size()));
    int at = Integer.parseInt(chosen.substring(chosen.indexOf(':') + 1));
    String kind = chosen.substring(0, chosen.indexOf(':'));
    String w = edited.get(at);
    switch (kind) {
      case "number" -> edited.set(at, w.contains(".") ? w + "5" : Long.toString(Long.parseLong(
          w.length() > 15 ? w.substring(0, 15) : w) + 1 + random.nextInt(9)));
      case "date" -> edited.set(at, MONTHS.get((MONTHS.indexOf(w) + 1 + random.nextInt(11)) % 12));
      case "ordinal" -> {
        int i = ORDINALS.indexOf(w.toLowerCase(Locale.ROOT));
        String next = ORDINALS.get((i + 1) % ORDINALS.size());
        edited.set(at, Character.isUpperCase(w.charAt(0)) ? Character.toUpperCase(next.charAt(0)) + next.substring(1)
            : next);
      }
      case "name" -> {
        String other = w;
        for (int tries = 0; tries < 20 && (other.equalsIgnoreCase(w) || ContentFacts.fact(other) == null); tries++) {
          other = names.get(random.nextInt(names.size()));
        }
        if (other.equalsIgnoreCase(w) || ContentFacts.fact(other) == null) {
          return null;
        }
        edited.set(at, other);
      }
      case "content word" -> edited.set(at, OPPOSITES.get(w));
      default -> edited.add(at + 1, "not");
    }
    return new Pair(original, join(edited), false, kind);
  }

  private static int lowercaseWord(List<String> tokens, List<String> types, Random random) {
    for (int tries = 0; tries < 10; tries++) {
      int at = 1 + random.nextInt(Math.max(1, tokens.size() - 1));
      if (at < tokens.size() && types.get(at) == null && tokens.get(at).chars().allMatch(Character::isLowerCase)) {
        return at;
      }
    }
    return -1;
  }

  private static String pick(Set<String> words, Random random) {
    List<String> list = new ArrayList<>(words);
    list.sort(null);
    return list.get(random.nextInt(list.size()));
  }
}
