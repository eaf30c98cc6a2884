package io.docpipe.ingest.extract;

import java.io.CharArrayWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The values of Tika's magic rules ({@code tika-mimetypes.xml}) as bytes, decoded the way Tika decodes them. */
final class MagicValues {
  private MagicValues() {}

  /** The pattern bytes, decoded as Tika decodes them; null when the kind is not one it knows. */
  static byte[] decode(String value, String kind) {
    try {
      String digits = value.startsWith("0x") ? value.substring(2) : value;
      int radix = value.startsWith("0x") ? 16 : 8;
      return switch (kind) {
        case "string", "regex" -> string(value);
        case "stringignorecase" -> string(value.toLowerCase(Locale.ROOT));
        case "unicodeLE", "unicodeBE" -> value.chars().anyMatch(ch -> ch > 0xff) ? null
            : utf16(string(value), kind.equals("unicodeLE"));
        case "byte" -> digits.getBytes(StandardCharsets.UTF_8);
        case "host16", "little16" -> {
          int i = Integer.parseInt(digits, radix);
          yield new byte[] {(byte) (i & 0xff), (byte) (i >> 8)};
        }
        case "big16" -> {
          int i = Integer.parseInt(digits, radix);
          yield new byte[] {(byte) (i >> 8), (byte) (i & 0xff)};
        }
        case "host32", "little32" -> {
          long i = Long.parseLong(digits, radix);
          yield new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16), (byte) (i >> 24)};
        }
        case "big32" -> {
          long i = Long.parseLong(digits, radix);
          yield new byte[] {(byte) (i >> 24), (byte) (i >> 16), (byte) (i >> 8), (byte) i};
        }
        default -> null;
      };
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Tika's unicodeLE/BE: each decoded character as two bytes. */
  private static byte[] utf16(byte[] chars, boolean littleEndian) {
    byte[] bytes = new byte[chars.length * 2];
    for (int i = 0; i < chars.length; i++) {
      bytes[i * 2 + (littleEndian ? 0 : 1)] = chars[i];
    }
    return bytes;
  }

  private static byte[] string(String value) {
    if (value.startsWith("0x")) {
      byte[] bytes = new byte[(value.length() - 2) / 2];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) Integer.parseInt(value.substring(2 + i * 2, 4 + i * 2), 16);
      }
      return bytes;
    }
    CharArrayWriter decoded = new CharArrayWriter();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\') {
        decoded.write(c);
        continue;
      }
      char next = value.charAt(i + 1);
      if (next == '\\') {
        decoded.write('\\');
        i++;
      } else if (next == 'x') {
        decoded.write(Integer.parseInt(value.substring(i + 2, i + 4), 16));
        i += 3;
      } else if (next == 'r') {
        decoded.write('\r');
        i++;
      } else if (next == 'n') {
        decoded.write('\n');
        i++;
      } else {
        int j = i + 1;
        while (j < i + 4 && j < value.length() && Character.isDigit(value.charAt(j))) {
          j++;
        }
        decoded.write(Short.decode("0" + value.substring(i + 1, j)).byteValue());
        i = j - 1;
      }
    }
    char[] chars = decoded.toCharArray();
    byte[] bytes = new byte[chars.length];
    for (int i = 0; i < chars.length; i++) {
      bytes[i] = (byte) chars[i];
    }
    return bytes;
  }

  /**
   * For a regex over a long range: a run of at least four letters or digits it must contain, when it has no
   * alternation, no case-insensitive flag and no quantifier after the run; else null.
   */
  static byte[] requiredLiteral(String regex, int begin, int end) {
    if (end - begin <= 64 || regex.contains("|") || regex.contains("(?i")) {
      return null;
    }
    String best = null;
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        int close = regex.indexOf(']', i + 1);
        i = close < 0 ? regex.length() : close + 1;
        continue;
      }
      int start = i;
      while (i < regex.length() && (Character.isLetterOrDigit(regex.charAt(i)) || regex.charAt(i) == '_'
          || regex.charAt(i) == '%')) {
        i++;
      }
      if (i > start) {
        boolean quantified = i < regex.length() && "?*{".indexOf(regex.charAt(i)) >= 0;
        String run = regex.substring(start, quantified ? i - 1 : i);
        if (run.length() >= 4 && (best == null || run.length() > best.length())) {
          best = run;
        }
      } else {
        i++;
      }
    }
    return best == null ? null : best.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** As Tika compares: the data byte under the mask, lower-cased for case-insensitive patterns. */
}
