package io.docpipe.enrich.text;

import java.util.regex.Pattern;

/**
 * The tense of the sentence around a date mention, as news taggers (HeidelTime's news strategy, SUTime)
 * use it to resolve a date given without its year or week: a past-tense report means the latest such
 * date on or before the document's date, a future one the next after it.
 */
enum Tense {
  PAST, FUTURE, UNKNOWN;

  private static final Pattern FUTURE_MARKERS = Pattern.compile("(?i)\\b(will|won't|shall|'ll|going to|plans? to|"
      + "planned for|scheduled|expected to|due to|is to|are to|upcoming|would be held|to be held)\\b");
  private static final Pattern PAST_MARKERS = Pattern.compile("(?i)\\b(was|were|had|did|said|told|ago|last|"
      + "earlier|yesterday|began|went|came|took|made|gave|got|left|met|ran|saw|fell|rose|won|lost|held|led|"
      + "fought|struck|hit|sent|spoke|wrote|brought|found|kept|became|broke|built|chose|drove|flew|grew|"
      + "knew|paid|put|sold|stood|threw|understood|withdrew|[a-z]{2,}ed)\\b");

  /** The tense of the sentence holding text[start, end). */
  static Tense around(String text, int start, int end) {
    int from = sentenceStart(text, start);
    int to = sentenceEnd(text, end);
    String sentence = text.substring(from, to);
    if (FUTURE_MARKERS.matcher(sentence).find()) {
      return FUTURE;
    }
    return PAST_MARKERS.matcher(sentence).find() ? PAST : UNKNOWN;
  }

  private static int sentenceStart(String text, int start) {
    for (int i = start - 1; i > 0 && start - i < 400; i--) {
      char c = text.charAt(i);
      if (c == '\n' || ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i + 1))
          && i > 2 && Character.isLowerCase(text.charAt(i - 1)) && Character.isLowerCase(text.charAt(i - 2)))) {
        return i + 1;
      }
    }
    return Math.max(0, start - 400);
  }

  private static int sentenceEnd(String text, int end) {
    for (int i = end; i < text.length() && i - end < 400; i++) {
      char c = text.charAt(i);
      if (c == '\n' || ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length()
          || Character.isWhitespace(text.charAt(i + 1))) && i > 1 && Character.isLowerCase(text.charAt(i - 1)))) {
        return i;
      }
    }
    return Math.min(text.length(), end + 400);
  }
}
