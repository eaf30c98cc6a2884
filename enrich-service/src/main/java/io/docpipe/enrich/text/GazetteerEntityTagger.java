package io.docpipe.enrich.text;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The entity rules, which post-correct the statistical name finder ({@link StatisticalEntityTagger}) and can
 * run alone: capitalized word sequences are matched against gazetteers (places, nationalities,
 * organizations) and cues (person titles, organization and place suffixes); a name introduced by a title, or
 * a multi-word name outside a title-case heading, is a person, and later mentions of that person's surname
 * are tagged too. It downloads nothing and runs in linear time.
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

  /**
   * What the rules found in one text, with the evidence a post-correction needs: the text's lower-case words
   * (a word also used in lower case is a common word) and the starts of the people named only because a
   * capitalized run looked like a name (no title, no known given name, no citation).
   */
  record Ruling(List<EntitySpan> spans, Set<String> lowerWords, Set<Integer> guessedPeople) {}

  /** One pass over a text: what it has found so far. */
  private record Pass(String text, Set<String> lowerWords, List<EntitySpan> found, List<Word> pendingSingles,
      Set<String> personNames, Set<Integer> guessedPeople) {}

  @Override
  public List<EntitySpan> tag(String text) {
    return rule(text).spans();
  }

  Ruling rule(String text) {
    Set<String> lowerWords = new HashSet<>();
    Matcher lower = LOWER_WORD.matcher(text);
    while (lower.find()) {
      lowerWords.add(lower.group(1));
    }
    Pass pass = new Pass(text, lowerWords, new ArrayList<>(), new ArrayList<>(), new HashSet<>(), new HashSet<>());
    return new Ruling(tag(pass), lowerWords, pass.guessedPeople());
  }

  private List<EntitySpan> tag(Pass pass) {
    String text = pass.text();
    List<EntitySpan> found = pass.found();
    Set<String> personNames = pass.personNames();
    Set<Integer> taken = new HashSet<>();
    Matcher matcher = NAME_RUN.matcher(text);
    while (matcher.find()) {
      Interruptions.check();
      List<Word> words = Word.split(text, matcher.start(), matcher.end());
      boolean heading = TitleCase.isHeadingLine(text, matcher.start());
      classifyRun(pass, words, heading);
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
    for (Word single : pass.pendingSingles()) {
      if (personNames.contains(single.text()) && taken.add(single.start())) {
        found.add(new EntitySpan(single.text(), EntityKind.PERSON, single.start(), single.end()));
      }
    }
    found.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return found;
  }

  private void classifyRun(Pass pass, List<Word> words, boolean heading) {
    String text = pass.text();
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
        emit(text, words, i, i + known, kind, pass.found());
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
      classifyUnknown(pass, words, i, end, titled, heading);
      titled = false;
      i = end;
    }
  }

  private void classifyUnknown(Pass pass, List<Word> words, int from, int to, boolean titled, boolean heading) {
    String text = pass.text();
    List<EntitySpan> found = pass.found();
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
    } else if (titled || (to - from >= 2 && to - from <= 4 && !heading && looksLikeAName(words, from, to, pass.lowerWords()))) {
      if (!titled) {
        while (to - from > 2 && isCommon(words.get(to - 1).text(), pass.lowerWords())
            && !NAME_CONNECTORS.contains(words.get(to - 2).text())) {
          to--; // "Christopher Gelpi Suggests"
        }
      }
      EntitySpan person = emit(text, words, from, to, EntityKind.PERSON, found);
      if (!titled && !strongName(words, from, to)) {
        pass.guessedPeople().add(person.start());
      }
      for (String part : person.text().split("[ \\n]+")) {
        if (!NAME_CONNECTORS.contains(part) && part.length() > 2) {
          pass.personNames().add(part);
        }
      }
    } else if (to - from == 1) {
      pass.pendingSingles().add(Word.trimmed(words.get(from)));
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
  private boolean looksLikeAName(List<Word> words, int from, int to, Set<String> lowerWords) {
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
      if (isCommon(word, lowerWords)) {
        if (i == from) {
          return false;
        }
        common++;
      }
    }
    return common <= 1 && !(common == 1 && to - from == 2);
  }

  /** The name without its leading title words ("President Bush" -> "Bush"), or null when it is all title. */
  EntitySpan withoutTitle(String text, EntitySpan name) {
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

  /** Whether a name is made of common words, titles and connectors only ("However", "Strategic Move"). */
  boolean allCommon(String name, Set<String> lowerWords) {
    for (String word : name.split("[\\s]+")) {
      String bare = Word.trimmed(new Word(word, 0, word.length())).text();
      if (!(isCommon(bare, lowerWords) || notNames.contains(bare) || titles.contains(bare) || CONNECTORS.contains(bare))) {
        return false;
      }
    }
    return true;
  }

  /** "Pak" in "Pak-US": the first part of a compound with a known name is not part of a person's name. */
  private boolean hyphenedToKnown(String text, List<Word> words, int i) {
    Word word = words.get(i);
    return i + 1 < words.size() && word.end() < text.length() && text.charAt(word.end()) == '-'
        && words.get(i + 1).start() == word.end() + 1 && knownMatch(words, i + 1) > 0;
  }

  /** A demonym or national adjective ("Australian"). */
  boolean isNationality(String name) {
    return nationalities.contains(Word.stripPossessive(name));
  }

  private boolean isCommon(String word, Set<String> lowerWords) {
    String bare = Word.stripPossessive(word);
    return commonWords.contains(bare) || lowerWords.contains(bare.toLowerCase(java.util.Locale.ROOT));
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
