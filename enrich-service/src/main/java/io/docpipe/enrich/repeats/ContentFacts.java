package io.docpipe.enrich.repeats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * What a paragraph states beyond its wording: its numbers (digits, number words, ordinals), its dates
 * (months, weekdays, relative days), its negations, and its names (capitalized words that are not common
 * sentence-initial words). Two paragraphs with different facts say different things, however similar their
 * characters ("On Jan. 9 ... 26 strikes" against "On Jan. 8 ... 34 strikes", "THIRD ROUND" against "SECOND
 * ROUND", "ENGLISH" against "SCOTTISH", "was" against "was not"), so they are never near repeats. Case and
 * punctuation do not count: "Division one" and "Division One" state the same facts. A repeat may add names
 * (qualifiers: "President Bush" and "U.S. President Bush") but not change any.
 */
public final class ContentFacts {
  private static final Set<String> NUMBER_WORDS = Set.of("zero", "one", "two", "three", "four", "five", "six",
      "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
      "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
      "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen", "dozens", "half", "quarter",
      "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
      "twelfth", "last", "once", "twice", "single", "double", "triple", "hundreds", "thousands", "millions");
  private static final Set<String> TIME_WORDS = Set.of("january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
      "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "today",
      "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "week", "month", "year",
      "spring", "summer", "autumn", "fall", "winter", "earlier", "later", "ago", "next", "previous");
  private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nor", "nothing", "nobody",
      "neither", "without", "cannot", "nowhere", "unable", "denied", "denies", "deny", "refused", "rejects",
      "rejected", "against", "lost", "won", "loses", "wins", "lose", "win", "up", "down", "rose", "fell", "more",
      "less", "higher", "lower");
  /** Capitalized only because a sentence starts with them: not names. */
  private static final Set<String> COMMON = Set.of("the", "a", "an", "and", "or", "but", "in", "on", "at", "to",
      "of", "for", "by", "with", "from", "as", "it", "its", "this", "that", "these", "those", "he", "she", "they",
      "we", "i", "you", "his", "her", "their", "our", "there", "here", "when", "while", "after", "before",
      "if", "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "should", "may",
      "also", "however", "meanwhile", "according", "both", "all", "some", "many", "most", "other", "such",
      "what", "which", "who", "where", "why", "how", "so", "then", "than", "be", "been", "being", "do", "does",
      "did", "said", "says", "mr", "mrs", "ms", "dr");

  private final int words;
  private final int[] facts;

  private ContentFacts(int words, int[] facts) {
    this.words = words;
    this.facts = facts;
  }

  /** Words of the paragraph (letters and digits; an apostrophe inside a word keeps it whole). */
  public int words() {
    return words;
  }

  /** Hashes of the facts, sorted, each as often as the paragraph states it ("not" twice is not "not" once). */
  public int[] facts() {
    return facts;
  }

  public static ContentFacts of(String paragraph) {
    int[] hashes = new int[16];
    int n = 0;
    int words = 0;
    int i = 0;
    int length = paragraph.length();
    while (i < length) {
      while (i < length && !Character.isLetterOrDigit(paragraph.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < length && (Character.isLetterOrDigit(paragraph.charAt(i))
          || (isApostrophe(paragraph.charAt(i)) && i + 1 < length && Character.isLetter(paragraph.charAt(i + 1))))) {
        i++;
      }
      if (i == start) {
        continue;
      }
      words++;
      String token = paragraph.substring(start, i);
      String fact = fact(token);
      if (fact != null) {
        if (n == hashes.length) {
          hashes = Arrays.copyOf(hashes, n * 2);
        }
        hashes[n++] = ((fact.hashCode() * 0x9E3779B1) & ~3) | category(fact.charAt(0));
      }
    }
    return new ContentFacts(words, Arrays.stream(hashes, 0, n).sorted().toArray());
  }

  /** The category a fact hash carries in its two low bits. */
  private static int category(char prefix) {
    return prefix == 'c' ? NAME : 0;
  }

  private static final int NAME = 3;

  /**
   * Whether two paragraphs' facts agree: the same numbers, dates and negations, and the names of one among
   * the names of the other (a repeat may add a qualifier, "President Bush" / "U.S. President Bush", but not
   * swap one name for another).
   */
  static boolean agree(int[] a, int[] b) {
    int[] onlyA = difference(a, b);
    int[] onlyB = difference(b, a);
    if (!allNames(onlyA) || !allNames(onlyB)) {
      return false;
    }
    return onlyA.length == 0 || onlyB.length == 0;
  }

  private static boolean allNames(int[] facts) {
    for (int fact : facts) {
      if ((fact & 3) != NAME) {
        return false;
      }
    }
    return true;
  }

  /** The sorted multiset a minus b. */
  private static int[] difference(int[] a, int[] b) {
    int[] out = new int[a.length];
    int n = 0;
    int j = 0;
    for (int value : a) {
      while (j < b.length && b[j] < value) {
        j++;
      }
      if (j < b.length && b[j] == value) {
        j++;
      } else {
        out[n++] = value;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The fact a token states, or null for an ordinary word. */
  static String fact(String token) {
    String lower = token.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    for (int i = 0; i < lower.length(); i++) {
      if (Character.isDigit(lower.charAt(i))) {
        return "#" + lower;
      }
    }
    if (NUMBER_WORDS.contains(lower)) {
      return "#" + lower;
    }
    if (TIME_WORDS.contains(lower)) {
      return "t" + lower;
    }
    if (NEGATIONS.contains(lower) || lower.endsWith("n't")) {
      return "!" + lower;
    }
    if (Character.isUpperCase(token.charAt(0)) && !COMMON.contains(lower)) {
      return "c" + lower;
    }
    return null;
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '\u2019';
  }
}
