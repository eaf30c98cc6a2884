package io.docpipe.enrich.text;

/** Recognizes title-case heading lines, whose capitalized words are not evidence of a name. */
final class TitleCase {
  private static final int MAX_LENGTH = 200;

  private TitleCase() {}

  /** True when the line holding offset has at least three words, most of them capitalized, and no final period. */
  static boolean isHeadingLine(String text, int offset) {
    // Look for the line's ends no further than a heading can be long: on a 5 MB single line, every name
    // would otherwise scan the whole line.
    int start = offset;
    while (start > 0 && text.charAt(start - 1) != '\n') {
      if (offset - start > MAX_LENGTH) {
        return false;
      }
      start--;
    }
    int end = offset;
    while (end < text.length() && text.charAt(end) != '\n') {
      if (end - start > MAX_LENGTH) {
        return false;
      }
      end++;
    }
    String line = text.substring(start, end).strip();
    if (line.endsWith(".")) {
      return false;
    }
    String[] words = line.split("\\s+");
    if (words.length < 3) {
      return false;
    }
    int capitalized = 0;
    for (String word : words) {
      if (!word.isEmpty() && Character.isUpperCase(word.charAt(0))) {
        capitalized++;
      }
    }
    return capitalized * 3 >= words.length * 2;
  }
}
