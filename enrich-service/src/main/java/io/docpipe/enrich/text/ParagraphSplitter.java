package io.docpipe.enrich.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits extracted text into paragraphs the way a reader sees them. Blank lines always separate
 * paragraphs. Inside a block of consecutive lines, long lines are paragraphs of their own (web extracts
 * with one paragraph per line), while a block of short, similar-length lines is a hard-wrapped paragraph
 * (PDF extracts) and stays one paragraph. Paragraph text is the trimmed source slice, so offsets stay
 * exact.
 */
public final class ParagraphSplitter {
  /** Lines at least this long are taken as whole paragraphs rather than wrapped fragments. */
  static final int LONG_LINE = 100;

  public List<ParagraphSpan> split(String text) {
    List<ParagraphSpan> paragraphs = new ArrayList<>();
    List<int[]> block = new ArrayList<>();
    int lineStart = 0;
    int length = text.length();
    while (lineStart <= length) {
      int newline = text.indexOf('\n', lineStart);
      int lineEnd = newline < 0 ? length : newline;
      if (isBlank(text, lineStart, lineEnd)) {
        flush(text, block, paragraphs);
      } else {
        block.add(new int[] {lineStart, lineEnd});
      }
      if (newline < 0) {
        break;
      }
      lineStart = newline + 1;
    }
    flush(text, block, paragraphs);
    return paragraphs;
  }

  private static void flush(String text, List<int[]> block, List<ParagraphSpan> out) {
    if (block.isEmpty()) {
      return;
    }
    if (block.size() > 1 && isOneLinePerParagraph(block)) {
      for (int[] line : block) {
        add(text, line[0], line[1], out);
      }
    } else {
      add(text, block.get(0)[0], block.get(block.size() - 1)[1], out);
    }
    block.clear();
  }

  private static boolean isOneLinePerParagraph(List<int[]> block) {
    int longLines = 0;
    for (int[] line : block) {
      if (line[1] - line[0] >= LONG_LINE) {
        longLines++;
      }
    }
    return longLines * 2 >= block.size();
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
