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
      "\\p{Lu}[\\p{L}\\p{Mn}\\d'’.*-]*(?:[ ]\\n?(?:(?:of|and|the|bin|al|ul|de|van|von)[ ])?"
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

  @Override
  public List<EntitySpan> tag(String text) {
    List<EntitySpan> found = new ArrayList<>();
    List<Word> pendingSingles = new ArrayList<>();
    Set<String> personNames = new HashSet<>();
    Matcher matcher = NAME_RUN.matcher(text);
    while (matcher.find()) {
      List<Word> words = Word.split(text, matcher.start(), matcher.end());
      boolean heading = TitleCase.isHeadingLine(text, matcher.start());
      classifyRun(text, words, heading, found, pendingSingles, personNames);
    }
    for (Word single : pendingSingles) {
      if (personNames.contains(single.text())) {
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
          && (!CONNECTORS.contains(words.get(end).text()) || NAME_CONNECTORS.contains(words.get(end).text()))) {
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
    } else if (to - from == 1 && Word.isAcronym(words.get(from).text())) {
      emit(text, words, from, to, EntityKind.ORGANIZATION, found);
    } else if (titled || (to - from >= 2 && to - from <= 4 && !heading)) {
      EntitySpan person = emit(text, words, from, to, EntityKind.PERSON, found);
      for (String part : person.text().split("[ \\n]+")) {
        if (!NAME_CONNECTORS.contains(part) && part.length() > 2) {
          personNames.add(part);
        }
      }
    } else if (to - from == 1) {
      pendingSingles.add(Word.trimmed(words.get(from)));
    }
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
