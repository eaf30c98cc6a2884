package io.docpipe.enrich.text;

import java.util.ArrayList;
import java.util.List;

/** A word of a capitalized run, split at spaces and hyphens, with its offsets into the text. */
record Word(String text, int start, int end) {

  /** Splits [from, to) at whitespace; hyphenated compounds become their parts ("Pak-US" → Pak, US). */
  static List<Word> split(String text, int from, int to) {
    List<Word> words = new ArrayList<>();
    int i = from;
    while (i < to) {
      while (i < to && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < to && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        addParts(text, start, i, words);
      }
    }
    return words;
  }

  private static void addParts(String text, int start, int end, List<Word> words) {
    String token = text.substring(start, end);
    if (token.indexOf('-') < 0 || isKnownHyphenated(token)) {
      words.add(trimmed(new Word(token, start, end)));
      return;
    }
    int partStart = start;
    for (int i = start; i <= end; i++) {
      if (i == end || text.charAt(i) == '-') {
        if (i > partStart && Character.isUpperCase(text.charAt(partStart))) {
          words.add(trimmed(new Word(text.substring(partStart, i), partStart, i)));
        }
        partStart = i + 1;
      }
    }
  }

  /** Names whose hyphen belongs to them (Al-Qaeda, ISIS-K, Af-Pak). */
  private static boolean isKnownHyphenated(String token) {
    String lower = token.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("al-") || lower.startsWith("af-pak") || lower.endsWith("-k")
        || lower.contains("-e-") || lower.contains("-i-") || lower.startsWith("mazar-");
  }

  /** Drops trailing possessives, '*' and sentence punctuation (keeping an abbreviation's final dot). */
  static Word trimmed(Word word) {
    String text = word.text;
    int end = text.length();
    boolean changed = true;
    while (changed && end > 0) {
      changed = false;
      if (text.startsWith("'s", end - 2) || text.startsWith("’s", end - 2)) {
        end -= 2;
        changed = true;
      } else if (end > 0 && "*’',".indexOf(text.charAt(end - 1)) >= 0) {
        end--;
        changed = true;
      } else if (end > 1 && text.charAt(end - 1) == '.' && !isAbbreviation(text.substring(0, end))) {
        end--;
        changed = true;
      }
    }
    return new Word(text.substring(0, end), word.start, word.start + end);
  }

  private static boolean isAbbreviation(String token) {
    // U.S. / U.K. / Dr. keep their dot; a sentence-final "Pakistan." does not.
    return token.matches("(\\p{Lu}\\.)+") || token.length() <= 3;
  }

  static String stripPossessive(String name) {
    return trimmed(new Word(name, 0, name.length())).text;
  }

  static boolean isAcronym(String token) {
    int letters = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      if (Character.isLetter(c)) {
        letters++;
      }
    }
    return letters >= 2 && letters <= 6;
  }

  static String join(List<Word> words, int from, int to) {
    StringBuilder out = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (i > from) {
        out.append(' ');
      }
      out.append(words.get(i).text);
    }
    return out.toString();
  }
}
