package io.docpipe.enrich.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits extracted text into paragraphs the way a reader sees them. Most extracts (web pages, editors)
 * keep a paragraph on one line: there every non-empty line is a paragraph, so headings, captions and
 * one-line boilerplate stand alone. Extracts hard-wrapped at a fixed width (PDF text) are told apart by
 * their line lengths; there a paragraph runs until a blank line, or until an indented line that follows
 * the end of a sentence, and its text is reflowed: line breaks become spaces, and a word hyphenated across
 * a line break is joined ("inter-\nnational" becomes "international"). Offsets always point at the source
 * slice; elsewhere the paragraph text is that slice, trimmed.
 */
public final class ParagraphSplitter {
  /** Lines at least this long are not wrap fragments. */
  static final int LONG_LINE = 100;

  public List<ParagraphSpan> split(String text) {
    List<int[]> lines = lines(text);
    boolean wrapped = isHardWrapped(text, lines);
    List<ParagraphSpan> paragraphs = new ArrayList<>();
    int blockStart = -1;
    int blockEnd = -1;
    for (int[] line : lines) {
      boolean blank = isBlank(text, line[0], line[1]);
      boolean breaksBefore = blank || !wrapped
          || (blockStart >= 0 && isIndented(text, line[0]) && endsSentence(text, blockEnd));
      if (breaksBefore && blockStart >= 0) {
        add(text, blockStart, blockEnd, wrapped, paragraphs);
        blockStart = -1;
      }
      if (!blank) {
        if (blockStart < 0) {
          blockStart = line[0];
        }
        blockEnd = line[1];
      }
    }
    if (blockStart >= 0) {
      add(text, blockStart, blockEnd, wrapped, paragraphs);
    }
    return paragraphs;
  }

  private static List<int[]> lines(String text) {
    List<int[]> lines = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int newline = text.indexOf('\n', start);
      int end = newline < 0 ? text.length() : newline;
      lines.add(new int[] {start, end});
      if (newline < 0) {
        break;
      }
      start = newline + 1;
    }
    return lines;
  }

  /** Hard-wrapped text: many lines, nearly all of them shorter than a long line and most of them close to the wrap width. */
  static boolean isHardWrapped(String text, List<int[]> lines) {
    int nonBlank = 0;
    int longLines = 0;
    int nearWidth = 0;
    for (int[] line : lines) {
      int length = line[1] - line[0];
      if (isBlank(text, line[0], line[1])) {
        continue;
      }
      nonBlank++;
      if (length >= LONG_LINE) {
        longLines++;
      } else if (length >= 55) {
        nearWidth++;
      }
    }
    return nonBlank >= 10 && longLines * 10 < nonBlank && nearWidth * 2 >= nonBlank;
  }

  private static boolean isIndented(String text, int lineStart) {
    return lineStart < text.length() && (text.charAt(lineStart) == ' ' || text.charAt(lineStart) == '\t');
  }

  private static boolean endsSentence(String text, int end) {
    int i = end - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    while (i >= 0 && "\"'”’)]".indexOf(text.charAt(i)) >= 0) {
      i--;
    }
    return i >= 0 && ".?!".indexOf(text.charAt(i)) >= 0;
  }

  private static void add(String text, int start, int end, boolean wrapped, List<ParagraphSpan> out) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      String slice = text.substring(start, end);
      out.add(new ParagraphSpan(out.size(), start, end, wrapped ? reflow(slice) : slice));
    }
  }

  /** Joins the lines of a hard-wrapped paragraph. */
  static String reflow(String slice) {
    if (slice.indexOf('\n') < 0) {
      return slice;
    }
    StringBuilder out = new StringBuilder(slice.length());
    int i = 0;
    while (i < slice.length()) {
      char c = slice.charAt(i);
      if (c != '\n') {
        out.append(c);
        i++;
        continue;
      }
      int next = i + 1;
      while (next < slice.length() && Character.isWhitespace(slice.charAt(next))) {
        next++;
      }
      int last = out.length() - 1;
      while (last >= 0 && (out.charAt(last) == ' ' || out.charAt(last) == '\t' || out.charAt(last) == '\r')) {
        last--;
      }
      out.setLength(last + 1);
      boolean hyphenated = last >= 1 && out.charAt(last) == '-' && Character.isLowerCase(out.charAt(last - 1))
          && next < slice.length() && Character.isLowerCase(slice.charAt(next));
      if (hyphenated) {
        out.setLength(last); // "inter-" + "national"
      } else if (out.length() > 0 && out.charAt(last) != '-') { // "Pak-" + "US" stays a compound
        out.append(' ');
      }
      i = next;
    }
    return out.toString();
  }

  private static boolean isBlank(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
