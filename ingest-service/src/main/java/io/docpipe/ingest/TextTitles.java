package io.docpipe.ingest;

/** A title for text without one in its metadata: the first Markdown heading, else the first line. */
final class TextTitles {
  private static final int MAX = 200;

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
    return firstLine == null ? fileName : clip(firstLine);
  }

  private static String clip(String title) {
    return title.length() <= MAX ? title : title.substring(0, MAX);
  }
}
