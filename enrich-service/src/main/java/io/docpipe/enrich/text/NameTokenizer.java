package io.docpipe.enrich.text;

import java.util.Set;
import opennlp.tools.util.Span;

/**
 * Cuts a line into the tokens the name finder was trained on (CoNLL-style, like wikigold's and BTC's): hyphened
 * and apostrophed words stay whole ("Al-Qaeda", "O'Brien"), initials and abbreviations keep their periods
 * ("G.W.", "U.S.", "Mr."), a possessive "'s" is a token of its own, numbers keep their separators ("1,250.5"),
 * and every other symbol is a token. OpenNLP's SimpleTokenizer cuts "G.W. Bush" into five tokens, which the
 * model never saw in training.
 */
final class NameTokenizer {
  /** Words written with a period that is part of them, not a sentence end. */
  private static final Set<String> ABBREVIATIONS = Set.of("Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Inc", "Corp",
      "Co", "Ltd", "Gen", "Col", "Lt", "Sgt", "Capt", "Prof", "Rev", "Gov", "Sen", "Rep", "Mt", "Ft", "Maj",
      "Adm", "Cmdr", "Bros", "vs", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec");

  private NameTokenizer() {}

  static Span[] tokenize(String line) {
    Span[] tokens = new Span[Math.min(line.length(), 64) + 1];
    int count = 0;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        i++;
        continue;
      }
      int end;
      if (Character.isLetterOrDigit(c)) {
        end = wordEnd(line, i);
        int possessive = possessiveStart(line, i, end);
        if (possessive > i) {
          tokens = grow(tokens, count);
          count = add(tokens, count, i, possessive);
          i = possessive;
        }
      } else {
        end = i + 1;
      }
      tokens = grow(tokens, count);
      count = add(tokens, count, i, end);
      i = end;
    }
    Span[] out = new Span[count];
    System.arraycopy(tokens, 0, out, 0, count);
    return out;
  }

  /** Letters and digits, joined by single inner hyphens, apostrophes, periods, commas (in numbers) or ampersands. */
  private static int wordEnd(String line, int start) {
    int n = line.length();
    int end = start + 1;
    while (true) {
      while (end < n && (Character.isLetterOrDigit(line.charAt(end)) || Character.getType(line.charAt(end))
          == Character.NON_SPACING_MARK)) {
        end++;
      }
      if (end + 1 < n && Character.isLetterOrDigit(line.charAt(end + 1))) {
        char joiner = line.charAt(end);
        boolean digits = Character.isDigit(line.charAt(end - 1)) && Character.isDigit(line.charAt(end + 1));
        if (joiner == '-' || isApostrophe(joiner) || joiner == '&' || (joiner == '.' && (digits || isInitial(line,
            start, end))) || (joiner == ',' && digits)) {
          end += 2;
          continue;
        }
      }
      break;
    }
    if (end < n && line.charAt(end) == '.' && (isInitial(line, start, end)
        || ABBREVIATIONS.contains(line.substring(start, end)))) {
      end++; // "G." "U.S." "Mr."
    }
    return end;
  }

  /** "G" in "G.W." or the last letter of "U.S": single letters separated by periods. */
  private static boolean isInitial(String line, int start, int end) {
    for (int i = start; i < end; i += 2) {
      if (!Character.isLetter(line.charAt(i)) || (i + 1 < end && line.charAt(i + 1) != '.')) {
        return false;
      }
    }
    return (end - start) % 2 == 1;
  }

  /** Where a word's possessive "'s" begins, or {@code start} when it has none. */
  private static int possessiveStart(String line, int start, int end) {
    if (end - start > 2 && isApostrophe(line.charAt(end - 2)) && (line.charAt(end - 1) == 's'
        || line.charAt(end - 1) == 'S')) {
      return end - 2;
    }
    return start;
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '’';
  }

  private static Span[] grow(Span[] tokens, int count) {
    if (count < tokens.length) {
      return tokens;
    }
    Span[] bigger = new Span[tokens.length * 2];
    System.arraycopy(tokens, 0, bigger, 0, count);
    return bigger;
  }

  private static int add(Span[] tokens, int count, int start, int end) {
    tokens[count] = new Span(start, end);
    return count + 1;
  }
}
