package io.docpipe.enrich.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits extracted text into paragraphs the way a reader sees them. Most extracts (web pages, editors)
 * keep a paragraph on one line: there every non-empty line is a paragraph, so headings, captions and
 * one-line boilerplate stand alone. Extracts hard-wrapped at a fixed width (PDF text) are told apart by
 * their line lengths; there a paragraph runs until a blank line, or until an indented line that follows
 * the end of a sentence. Paragraph text is the trimmed source slice, so offsets stay exact.
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
        add(text, blockStart, blockEnd, paragraphs);
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
      add(text, blockStart, blockEnd, paragraphs);
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

  private static void add(String text, int start, int end, List<ParagraphSpan> out) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.add(new ParagraphSpan(out.size(), start, end, text.substring(start, end)));
    }
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
