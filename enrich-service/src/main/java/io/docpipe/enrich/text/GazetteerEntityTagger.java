package io.docpipe.enrich.text;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A first, licence-clean entity tagger: capitalized word sequences are matched against gazetteers
 * (places, nationalities, organizations) and cues (person titles, organization and place suffixes); a
 * name introduced by a title, or a multi-word name outside a title-case heading, is a person, and later
 * mentions of that person's surname are tagged too. It downloads nothing and runs in linear time.
 */
public final class GazetteerEntityTagger implements EntityTagger {
  /** Capitalized words, possibly joined by name connectors, on one line or across a single line break. */
  private static final Pattern NAME_RUN = Pattern.compile(
      "\\p{Lu}[\\p{L}\\p{Mn}\\d'’.*-]*(?:[ ]{1,2}\\n?(?:(?:of|and|the|bin|al|ul|de|van|von)[ ])?"
          + "\\p{Lu}[\\p{L}\\p{Mn}\\d'’.*-]*)*");
  private static final Set<String> CONNECTORS = Set.of("of", "and", "the", "bin", "al", "ul", "de",
      "van", "von");
  private static final Set<String> NAME_CONNECTORS = Set.of("bin", "al", "ul", "de", "van", "von");

  private final Gazetteer locations = Gazetteer.load("locations.txt");
  private final Gazetteer nationalities = Gazetteer.load("nationalities.txt");
  private final Gazetteer organizations = Gazetteer.load("organizations.txt");
  private final Gazetteer titles = Gazetteer.load("person-titles.txt");
  private final Gazetteer orgSuffixes = Gazetteer.load("org-suffixes.txt");
  private final Gazetteer placeSuffixes = Gazetteer.load("location-suffixes.txt");
  private final Gazetteer notNames = Gazetteer.load("not-names.txt");
  /** Built from the Broad Twitter Corpus by scripts/build-lexicons.py. */
  private final Gazetteer commonWords = Gazetteer.load("common-words.txt");
  private final Gazetteer givenNames = Gazetteer.load("given-names.txt");
  /** Lower-case words of the document being tagged: a word also used in lower case is a common word. */
  private final ThreadLocal<Set<String>> documentWords = ThreadLocal.withInitial(HashSet::new);
  /** Starts of the people named only because a capitalized run looked like a name (no title, no citation). */
  private final ThreadLocal<Set<Integer>> guessedPeople = ThreadLocal.withInitial(HashSet::new);
  /**
   * A parenthesized citation: author surnames separated by commas (or "and"), then a year or page numbers:
   * "(Sattar, 2007)", "(Hasnat, Pelinka, Anton: 35-36)".
   */
  private static final Pattern CITATION = Pattern.compile(
      "\\(\\s*((?:\\p{Lu}[\\p{Ll}'’-]+(?:,\\s*|\\s+and\\s+|\\s*&\\s*))*\\p{Lu}[\\p{Ll}'’-]+)"
          + "(?:,\\s*|\\s*:\\s*)(?:\\d|n\\.d\\.)");
  private static final Pattern INITIALS = Pattern.compile("(?:\\p{Lu}\\.){1,3}");
  private static final Pattern AUTHOR = Pattern.compile("\\p{Lu}[\\p{Ll}'’-]+");
  private static final Pattern LOWER_WORD = Pattern.compile("(?:^|[^\\p{L}])(\\p{Ll}[\\p{Ll}'’-]*)");

  /** Names the rules do not reach, from a statistical finder; null for rules only. */
  private final EntityTagger assist;
  /** Whether the finder's names come first and the rules only add names where it found none. */
  private final boolean modelFirst;

  /** Rules only. */
  public GazetteerEntityTagger() {
    this(null);
  }

  /**
   * Rules first; then the assisting finder's names that overlap no rule span and are not made of common
   * words only (a capitalized "However" or "Strategic Move" is no name).
   */
  public GazetteerEntityTagger(EntityTagger assist) {
    this(assist, false);
  }

  GazetteerEntityTagger(EntityTagger assist, boolean modelFirst) {
    this.assist = assist;
    this.modelFirst = modelFirst;
  }

  @Override
  public List<EntitySpan> tag(String text) {
    Set<String> lowerWords = documentWords.get();
    lowerWords.clear();
    Matcher lower = LOWER_WORD.matcher(text);
    while (lower.find()) {
      lowerWords.add(lower.group(1));
    }
    try {
      List<EntitySpan> found = tag(text, lowerWords);
      if (assist == null) {
        return found;
      }
      return modelFirst ? corrected(text, found) : assisted(text, found);
    } finally {
      lowerWords.clear();
      guessedPeople.get().clear();
    }
  }

  private List<EntitySpan> tag(String text, Set<String> lowerWords) {
    List<EntitySpan> found = new ArrayList<>();
    Set<Integer> taken = new HashSet<>();
    List<Word> pendingSingles = new ArrayList<>();
    Set<String> personNames = new HashSet<>();
    Matcher matcher = NAME_RUN.matcher(text);
    while (matcher.find()) {
      Interruptions.check();
      List<Word> words = Word.split(text, matcher.start(), matcher.end());
      boolean heading = TitleCase.isHeadingLine(text, matcher.start());
      classifyRun(text, words, heading, found, pendingSingles, personNames);
    }
    found.forEach(e -> taken.add(e.start()));
    Matcher citation = CITATION.matcher(text);
    while (citation.find()) {
      Matcher author = AUTHOR.matcher(text.substring(citation.start(1), citation.end(1)));
      while (author.find()) {
        int start = citation.start(1) + author.start();
        String name = author.group();
        // taken holds the start of every span found so far, so a new start needs no removal from found.
        if (kindOf(name) == null && !notNames.contains(name) && taken.add(start)) {
          found.add(new EntitySpan(name, EntityKind.PERSON, start, start + name.length()));
          personNames.add(name);
        }
      }
    }
    for (Word single : pendingSingles) {
      if (personNames.contains(single.text()) && taken.add(single.start())) {
        found.add(new EntitySpan(single.text(), EntityKind.PERSON, single.start(), single.end()));
      }
    }
    found.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return found;
  }

  private void classifyRun(String text, List<Word> words, boolean heading, List<EntitySpan> found,
      List<Word> pendingSingles, Set<String> personNames) {
    int i = 0;
    boolean titled = false;
    while (i < words.size()) {
      int titleLength = longestMatch(titles, words, i);
      if (titleLength > 0 && i + titleLength == words.size()) {
        return; // a title alone ("the then-Director General")
      }
      if (titleLength > 0 && i + titleLength < words.size()) {
        i += titleLength;
        titled = true;
        continue;
      }
      if (notNames.contains(words.get(i).text()) || CONNECTORS.contains(words.get(i).text())) {
        i++;
        continue;
      }
      int known = knownMatch(words, i);
      if (known > 0) {
        EntityKind kind = kindOf(Word.join(words, i, i + known));
        emit(text, words, i, i + known, kind, found);
        i += known;
        titled = false;
        continue;
      }
      if (i == 0 && words.size() > 1 && words.get(i).text().endsWith("ly")) {
        i++; // a sentence-opening adverb ("Initially Pakistan...", "Reportedly Khan...")
        continue;
      }
      int end = i + 1;
      while (end < words.size() && knownMatch(words, end) == 0 && !notNames.contains(words.get(end).text())
          && (!CONNECTORS.contains(words.get(end).text()) || NAME_CONNECTORS.contains(words.get(end).text()))
          && !hyphenedToKnown(text, words, end)) {
        end++;
      }
      classifyUnknown(text, words, i, end, titled, heading, found, pendingSingles, personNames);
      titled = false;
      i = end;
    }
  }

  private void classifyUnknown(String text, List<Word> words, int from, int to, boolean titled,
      boolean heading, List<EntitySpan> found, List<Word> pendingSingles, Set<String> personNames) {
    String last = words.get(to - 1).text();
    if (orgSuffixes.contains(last) && to - from > 1) {
      emit(text, words, from, to, EntityKind.ORGANIZATION, found);
    } else if (placeSuffixes.contains(last) && to - from > 1) {
      emit(text, words, from, to, EntityKind.LOCATION, found);
    } else if (to - from == 1 && Word.isAcronym(words.get(from).text())
        && !commonWords.contains(words.get(from).text().toLowerCase(java.util.Locale.ROOT))) {
      // an acronym, unless it is a common word in capitals ("OK", "EDIT")
      emit(text, words, from, to, EntityKind.ORGANIZATION, found);
    } else if (!titled && isTitleAlone(words, from, to)) {
      return;
    } else if (titled || (to - from >= 2 && to - from <= 4 && !heading && looksLikeAName(words, from, to))) {
      if (!titled) {
        while (to - from > 2 && isCommon(words.get(to - 1).text())
            && !NAME_CONNECTORS.contains(words.get(to - 2).text())) {
          to--; // "Christopher Gelpi Suggests"
        }
      }
      EntitySpan person = emit(text, words, from, to, EntityKind.PERSON, found);
      if (!titled && !strongName(words, from, to)) {
        guessedPeople.get().add(person.start());
      }
      for (String part : person.text().split("[ \\n]+")) {
        if (!NAME_CONNECTORS.contains(part) && part.length() > 2) {
          personNames.add(part);
        }
      }
    } else if (to - from == 1) {
      pendingSingles.add(Word.trimmed(words.get(from)));
    }
  }

  /** A known given name or initials first ("Christopher Gelpi"), or a name connector inside ("Osama bin Laden"). */
  private boolean strongName(List<Word> words, int from, int to) {
    String first = Word.trimmed(words.get(from)).text();
    if (givenNames.contains(first) || INITIALS.matcher(first).matches()) {
      return true;
    }
    for (int i = from + 1; i < to - 1; i++) {
      if (NAME_CONNECTORS.contains(words.get(i).text())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A capitalized run of two to four unknown words reads as a name unless its words are common words
   * ("Diplomatic Gamble", "Global South"): it needs a known given name, or at most one common word that
   * is not its first word.
   */
  private boolean looksLikeAName(List<Word> words, int from, int to) {
    int common = 0;
    for (int i = from; i < to; i++) {
      String word = Word.trimmed(words.get(i)).text();
      if (NAME_CONNECTORS.contains(word)) {
        continue;
      }
      if (word.length() >= 3 && Word.isAcronym(word)) {
        return false; // "PAYF Insights": people's names are not acronyms
      }
      if (i == from && (givenNames.contains(word) || INITIALS.matcher(word).matches())) {
        return true; // "Christopher Gelpi", "G.W. Bush"
      }
      if (isCommon(word)) {
        if (i == from) {
          return false;
        }
        common++;
      }
    }
    return common <= 1 && !(common == 1 && to - from == 2);
  }

  private List<EntitySpan> assisted(String text, List<EntitySpan> ruled) {
    List<EntitySpan> found = new ArrayList<>(ruled);
    RuledSpans spans = new RuledSpans(ruled);
    for (EntitySpan candidate : assist.tag(text)) {
      if (spans.overlap(candidate.start(), candidate.end()) || !Character.isUpperCase(candidate.text().charAt(0))) {
        continue;
      }
      boolean allCommon = true;
      for (String word : candidate.text().split("[\\s]+")) {
        String bare = Word.trimmed(new Word(word, 0, word.length())).text();
        if (!(isCommon(bare) || notNames.contains(bare) || titles.contains(bare) || CONNECTORS.contains(bare))) {
          allCommon = false;
        }
      }
      if (!allCommon) {
        found.add(candidate);
      }
    }
    found.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return found;
  }

  /**
   * The finder's names, post-corrected: a leading title is not part of a name ("President Bush"), names made
   * of common words only are dropped, a rule name that covers finder names and reaches further takes their
   * place ("Osama bin Laden", an organization ending in "Forum"), and rule names where the finder found
   * nothing are added (nationalities, and names the finder missed).
   */
  private List<EntitySpan> corrected(String text, List<EntitySpan> ruled) {
    List<EntitySpan> model = new ArrayList<>();
    for (EntitySpan candidate : assist.tag(text)) {
      EntitySpan name = withoutTitle(text, candidate);
      if (name != null && Character.isUpperCase(name.text().charAt(0)) && !allCommon(name.text())) {
        boolean demonym = name.kind() == EntityKind.LOCATION
            && nationalities.contains(Word.stripPossessive(name.text())); // "Australian" is no place
        model.add(demonym ? new EntitySpan(name.text(), EntityKind.NATIONALITY, name.start(), name.end()) : name);
      }
    }
    List<EntitySpan> found = new ArrayList<>();
    int next = 0; // model spans before this one are placed
    for (EntitySpan rule : ruled) {
      while (next < model.size() && model.get(next).end() <= rule.start()) {
        found.add(model.get(next++));
      }
      int covered = next;
      while (covered < model.size() && model.get(covered).start() >= rule.start()
          && model.get(covered).end() <= rule.end()) {
        covered++;
      }
      boolean overlapsRest = covered < model.size() && model.get(covered).start() < rule.end();
      boolean tailOverlap = !found.isEmpty() && found.get(found.size() - 1).end() > rule.start();
      if (overlapsRest || tailOverlap) {
        continue; // the finder's names stand
      }
      if (covered == next) {
        if (!guessedPeople.get().contains(rule.start())) {
          found.add(rule); // nothing of the finder's here; a run that only looks like a person's name is left out
        }
      } else if (rule.end() - rule.start() > model.get(next).end() - model.get(next).start()
          && (rule.kind() != EntityKind.PERSON || rule.start() == model.get(next).start())) {
        // a person's name only grows to the right ("Osama" -> "Osama bin Laden"): leftwards lie titles the
        // rules do not know ("Indonesian President-elect Joko Widodo")
        found.add(rule);
        next = covered;
      }
    }
    while (next < model.size()) {
      found.add(model.get(next++));
    }
    found.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return found;
  }

  /** The name without its leading title words ("President Bush" -> "Bush"), or null when it is all title. */
  private EntitySpan withoutTitle(String text, EntitySpan name) {
    List<Word> words = Word.split(text, name.start(), name.end());
    int title = words.isEmpty() ? 0 : longestMatch(titles, words, 0);
    if (title == 0) {
      return name;
    }
    if (title >= words.size()) {
      return null;
    }
    int start = words.get(title).start();
    return new EntitySpan(text.substring(start, name.end()), name.kind(), start, name.end());
  }

  private boolean allCommon(String name) {
    for (String word : name.split("[\\s]+")) {
      String bare = Word.trimmed(new Word(word, 0, word.length())).text();
      if (!(isCommon(bare) || notNames.contains(bare) || titles.contains(bare) || CONNECTORS.contains(bare))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The rule spans, sorted by start, with the furthest end reached so far: whether a candidate overlaps any
   * of them takes a binary search, not a scan (a name-dense 5 MB text has tens of thousands of each).
   */
  private static final class RuledSpans {
    private final int[] starts;
    private final int[] furthestEnd;

    RuledSpans(List<EntitySpan> sortedByStart) {
      starts = new int[sortedByStart.size()];
      furthestEnd = new int[sortedByStart.size()];
      int furthest = Integer.MIN_VALUE;
      for (int i = 0; i < starts.length; i++) {
        starts[i] = sortedByStart.get(i).start();
        furthest = Math.max(furthest, sortedByStart.get(i).end());
        furthestEnd[i] = furthest;
      }
    }

    /** True when a span starting before {@code end} ends after {@code start}. */
    boolean overlap(int start, int end) {
      int lo = 0;
      int hi = starts.length; // first index whose start >= end
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (starts[mid] < end) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo > 0 && furthestEnd[lo - 1] > start;
    }
  }

  /** "Pak" in "Pak-US": the first part of a compound with a known name is not part of a person's name. */
  private boolean hyphenedToKnown(String text, List<Word> words, int i) {
    Word word = words.get(i);
    return i + 1 < words.size() && word.end() < text.length() && text.charAt(word.end()) == '-'
        && words.get(i + 1).start() == word.end() + 1 && knownMatch(words, i + 1) > 0;
  }

  private boolean isCommon(String word) {
    String bare = Word.stripPossessive(word);
    return commonWords.contains(bare) || documentWords.get().contains(bare.toLowerCase(java.util.Locale.ROOT));
  }

  private boolean isTitleAlone(List<Word> words, int from, int to) {
    return to - from == 1 && titles.contains(Word.trimmed(words.get(from)).text());
  }

  /** Longest run of words starting at i that a gazetteer knows, or 0. */
  private int knownMatch(List<Word> words, int i) {
    int longest = Math.max(locations.longestWords(),
        Math.max(organizations.longestWords(), nationalities.longestWords()));
    for (int n = Math.min(longest, words.size() - i); n > 0; n--) {
      String name = Word.join(words, i, i + n);
      if (kindOf(name) != null) {
        return n;
      }
    }
    return 0;
  }

  private EntityKind kindOf(String name) {
    String bare = Word.stripPossessive(name);
    if (organizations.contains(bare)) {
      return EntityKind.ORGANIZATION;
    }
    if (locations.contains(bare)) {
      return EntityKind.LOCATION;
    }
    if (nationalities.contains(bare)) {
      return EntityKind.NATIONALITY;
    }
    return null;
  }

  private static int longestMatch(Gazetteer gazetteer, List<Word> words, int i) {
    for (int n = Math.min(gazetteer.longestWords(), words.size() - i); n > 0; n--) {
      if (gazetteer.contains(Word.join(words, i, i + n))) {
        return n;
      }
    }
    return 0;
  }

  private static EntitySpan emit(String text, List<Word> words, int from, int to, EntityKind kind,
      List<EntitySpan> found) {
    int start = words.get(from).start();
    Word last = Word.trimmed(words.get(to - 1));
    int end = last.end();
    EntitySpan span = new EntitySpan(text.substring(start, end), kind, start, end);
    found.add(span);
    return span;
  }
}
