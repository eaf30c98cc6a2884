package io.docpipe.ingest.extract;

/**
 * A title for text without one in its metadata: the first Markdown heading, else the first line; a first
 * line that is a whole paragraph is cut at a word before {@link #LONG} characters, with an ellipsis.
 */
final class TextTitles {
  private static final int MAX = 200;
  /** A first line longer than this is body text, not a title. */
  static final int LONG = 150;

  private TextTitles() {}

  static String of(String text, String fileName) {
    String firstLine = null;
    int lines = 0;
    int start = 0;
    while (start < text.length() && lines++ < 200) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, Math.min(end, start + 1000)).strip();
      if (line.startsWith("# ")) {
        return clip(line.substring(2).strip());
      }
      if (firstLine == null && !line.isEmpty()) {
        firstLine = line;
      }
      start = end + 1;
    }
    if (firstLine == null) {
      return fileName;
    }
    if (firstLine.length() <= LONG) {
      return firstLine;
    }
    int cut = firstLine.lastIndexOf(' ', 100);
    return firstLine.substring(0, cut > 40 ? cut : 100).strip() + "…";
  }

  private static String clip(String title) {
    return title.length() <= MAX ? title : title.substring(0, MAX);
  }
}
