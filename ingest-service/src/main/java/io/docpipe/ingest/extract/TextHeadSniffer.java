package io.docpipe.ingest.extract;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.tika.mime.MimeTypes;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A quick, sound answer to "can any of Tika's magic rules match this text?". Tika's magic detection costs
 * about 0.3 ms per file whatever its size (each of ~440 rules scans a window of up to 8 KiB); for plain prose
 * no rule matches and Tika then calls it text/plain. This reads the same rules (Tika's own
 * {@code tika-mimetypes.xml}) and checks each rule's first condition cheaply: a pattern must occur within its
 * offset range, a regex is run as Tika runs it. When no rule's first condition can hold on a head without
 * control bytes, Tika's answer is text/plain, and the caller may skip it. Any doubt (a mask, a condition it
 * cannot decode) counts as "may match", which only costs the full detection.
 */
final class TextHeadSniffer {
  private static final String TIKA_TYPES = "/org/apache/tika/mime/tika-mimetypes.xml";

  /** A rule's first condition, or a group of alternatives. */
  private record Condition(String mediaType, String kind, int begin, int end, byte[] pattern, byte[] mask,
      boolean ignoreCase, String rawOffset, String rawValue, byte[] requiredLiteral,
      java.util.regex.Pattern regex, int[] firstBytes, List<Condition> alternatives) {}

  private final List<Condition> conditions;

  private TextHeadSniffer(List<Condition> conditions) {
    this.conditions = conditions;
  }

  static TextHeadSniffer load() {
    try (InputStream in = MimeTypes.class.getResourceAsStream(TIKA_TYPES)) {
      if (in == null) {
        throw new IllegalStateException(TIKA_TYPES + " is not on the classpath");
      }
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setExpandEntityReferences(false);
      NodeList types = factory.newDocumentBuilder().parse(in).getElementsByTagName("mime-type");
      List<Condition> conditions = new ArrayList<>();
      for (int t = 0; t < types.getLength(); t++) {
        Element type = (Element) types.item(t);
        for (Element magic : children(type, "magic")) {
          for (Element match : children(magic, "match")) {
            conditions.add(condition(type.getAttribute("type"), match));
          }
        }
      }
      return new TextHeadSniffer(conditions);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read Tika's type definitions", e);
    }
  }

  int conditions() {
    return conditions.size();
  }

  /** True when the head has no control bytes (tab, line breaks, form feed and escape aside). */
  static boolean isTextHead(byte[] head, int length) {
    for (int i = 0; i < length; i++) {
      int b = head[i] & 0xff;
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) {
        return false;
      }
    }
    return true;
  }

  /** False only when no magic rule of Tika can match this text head: Tika would then say text/plain. */
  boolean mayMatchSomeRule(byte[] head, int length) {
    Positions positions = new Positions(head, length);
    for (Condition condition : conditions) {
      if (mayHold(condition, head, length, positions)) {
        return true;
      }
    }
    return false;
  }

  /** Where each byte value occurs in the head, in order: a pattern is only tried where its first byte is. */
  private static final class Positions {
    private final int[] start = new int[257];
    private final int[] at;

    Positions(byte[] head, int length) {
      for (int i = 0; i < length; i++) {
        start[(head[i] & 0xff) + 1]++;
      }
      for (int v = 0; v < 256; v++) {
        start[v + 1] += start[v];
      }
      at = new int[length];
      int[] next = java.util.Arrays.copyOf(start, 256);
      for (int i = 0; i < length; i++) {
        at[next[head[i] & 0xff]++] = i;
      }
    }
  }

  /** The types whose first condition may hold (for diagnostics). */
  List<String> typesThatMayMatch(byte[] head, int length) {
    List<String> types = new ArrayList<>();
    Positions positions = new Positions(head, length);
    for (Condition condition : conditions) {
      if (mayHold(condition, head, length, positions)) {
        types.add(condition.mediaType() + " " + condition.kind() + " " + condition.rawOffset() + " "
            + condition.rawValue());
      }
    }
    return types;
  }

  private static boolean mayHold(Condition c, byte[] head, int length, Positions positions) {
    if (c.alternatives != null) {
      for (Condition alternative : c.alternatives) {
        if (mayHold(alternative, head, length, positions)) {
          return true;
        }
      }
      return false;
    }
    if (c.pattern == null) {
      return true; // not understood: assume it may match
    }
    if (c.kind.equals("regex")) {
      if (c.requiredLiteral != null && indexOf(head, length, c.requiredLiteral) < 0) {
        return false; // e.g. "%AI5_FileFormat" anywhere in 8 KiB: no need to run the regex 8,192 times
      }
      // As Tika runs it: over the bytes from the range's start, as ISO-8859-1, zero-padded to pattern length
      // plus range, looking at each start in the range with a region as long as the pattern's source.
      int window = c.pattern.length + (c.end - c.begin);
      char[] chars = new char[window];
      for (int i = 0; i < window && c.begin + i < length; i++) {
        chars[i] = (char) (head[c.begin + i] & 0xff);
      }
      java.util.regex.Matcher m = c.regex.matcher(java.nio.CharBuffer.wrap(chars));
      for (int i = 0; i <= c.end - c.begin; i++) {
        m.region(i, c.pattern.length + i);
        if (m.lookingAt()) {
          return true;
        }
      }
      return false;
    }
    int n = c.pattern.length;
    if (n == 0 || allZero(c.pattern)) {
      return true;
    }
    if (length < c.begin + n) {
      return false; // Tika needs that many bytes before it compares at all
    }
    // Past the head Tika compares with zero bytes; a start past the head cannot match a non-zero pattern.
    int last = Math.min(c.end, length - 1);
    for (int value : c.firstBytes) {
      for (int k = positions.start[value]; k < positions.start[value + 1]; k++) {
        int i = positions.at[k];
        if (i >= c.begin && i <= last && matchesAt(c, head, length, i, n)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesAt(Condition c, byte[] head, int length, int i, int n) {
    int j = 0;
    while (j < n && same(i + j < length ? head[i + j] : 0, c.mask == null ? 0xff : c.mask[j], c.pattern[j],
        c.ignoreCase)) {
      j++;
    }
    return j == n;
  }

  private static boolean allZero(byte[] pattern) {
    for (byte b : pattern) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] head, int length, byte[] literal) {
    outer:
    for (int i = 0; i + literal.length <= length; i++) {
      for (int j = 0; j < literal.length; j++) {
        if (head[i + j] != literal[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean same(int data, int mask, byte pattern, boolean ignoreCase) {
    int masked = data & mask & 0xff;
    if (ignoreCase) {
      masked = Character.toLowerCase(masked);
    }
    return masked == (pattern & 0xff);
  }

  private static Condition condition(String mediaType, Element match) {
    List<Element> nested = children(match, "match");
    if (!match.hasAttribute("value")) {
      List<Condition> alternatives = new ArrayList<>();
      nested.forEach(child -> alternatives.add(condition(mediaType, child)));
      return new Condition(mediaType, "group", 0, 0, null, null, false, null, null, null, null, null, alternatives);
    }
    String kind = match.getAttribute("type").isEmpty() ? "string" : match.getAttribute("type"); // Tika's default
    String offset = match.getAttribute("offset");
    int begin = 0;
    int end = 0;
    try {
      if (!offset.isEmpty()) {
        int colon = offset.indexOf(':');
        begin = Integer.parseInt(colon < 0 ? offset : offset.substring(0, colon));
        end = colon < 0 ? begin : Integer.parseInt(offset.substring(colon + 1));
      }
    } catch (NumberFormatException e) {
      return new Condition(mediaType, kind, 0, 0, null, null, false, null, null, null, null, null, null);
    }
    String value = match.getAttribute("value");
    byte[] pattern = MagicValues.decode(value, kind);
    byte[] mask = match.hasAttribute("mask") ? MagicValues.decode(match.getAttribute("mask"), kind) : null;
    if (mask != null && (pattern == null || mask.length < pattern.length || kind.equals("regex"))) {
      pattern = null; // a mask we cannot apply as Tika does: assume it may match
    }
    byte[] literal = kind.equals("regex") && pattern != null
        ? MagicValues.requiredLiteral(new String(pattern, StandardCharsets.UTF_8), begin, end) : null;
    java.util.regex.Pattern regex = null;
    if (kind.equals("regex") && pattern != null) {
      try {
        regex = java.util.regex.Pattern.compile(new String(pattern, StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        pattern = null;
      }
    }
    boolean ignoreCase = kind.equals("stringignorecase");
    return new Condition(mediaType, kind, begin, end, pattern, mask, ignoreCase, offset.isEmpty() ? null : offset,
        value, literal, regex, pattern == null || regex != null ? null : firstBytes(pattern, mask, ignoreCase), null);
  }

  /** The byte values a match can start with. */
  private static int[] firstBytes(byte[] pattern, byte[] mask, boolean ignoreCase) {
    if (pattern.length == 0) {
      return new int[0];
    }
    List<Integer> values = new ArrayList<>();
    for (int v = 0; v < 256; v++) {
      if (same(v, mask == null ? 0xff : mask[0], pattern[0], ignoreCase)) {
        values.add(v);
      }
    }
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }
}
