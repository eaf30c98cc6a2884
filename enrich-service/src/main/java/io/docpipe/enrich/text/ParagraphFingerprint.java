package io.docpipe.enrich.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Exact-repeat fingerprint of a paragraph: a hash of its text after folding case, quote and apostrophe
 * styles, dashes and whitespace, so that {@code India's} and {@code India’s} give the same fingerprint.
 */
public final class ParagraphFingerprint {
  private ParagraphFingerprint() {}

  public static String normalize(String paragraph) {
    StringBuilder out = new StringBuilder(paragraph.length());
    boolean space = false;
    for (int i = 0; i < paragraph.length(); i++) {
      char c = fold(paragraph.charAt(i));
      if (Character.isWhitespace(c)) {
        space = out.length() > 0;
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.append(c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** 64-bit (16 hex digits) prefix of the SHA-256 of the normalized text. */
  public static String of(String paragraph) {
    return ofNormalized(normalize(paragraph));
  }

  /** The fingerprint of text already passed through {@link #normalize}. */
  public static String ofNormalized(String normalized) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static char fold(char c) {
    return switch (c) {
      case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '`', '\u00B4' -> '\'';
      case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> '"';
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> '-';
      case '\u00A0', '\u2007', '\u202F', '\u200B' -> ' ';
      default -> c;
    };
  }
}
