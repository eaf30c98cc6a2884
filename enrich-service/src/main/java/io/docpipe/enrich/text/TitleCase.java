package io.docpipe.enrich.text;

/** Recognizes title-case heading lines, whose capitalized words are not evidence of a name. */
final class TitleCase {
  private TitleCase() {}

  /** True when the line holding offset has at least three words, most of them capitalized, and no final period. */
  static boolean isHeadingLine(String text, int offset) {
    int start = text.lastIndexOf('\n', offset) + 1;
    int end = text.indexOf('\n', offset);
    if (end < 0) {
      end = text.length();
    }
    if (end - start > 200) {
      return false;
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
