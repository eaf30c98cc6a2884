package io.docpipe.ingest.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes plain-text bytes: UTF-8 with or without BOM, UTF-16 with BOM (the BOM is stripped), and legacy
 * single-byte text (Windows-1252, a superset of ISO-8859-1's printable range). Text that uses UTF-8
 * multi-byte sequences but also has invalid ones is corrupt UTF-8 and is refused, as is text with NUL bytes.
 */
final class TextDecoder {
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  record Decoded(String text, Charset charset) {}

  private TextDecoder() {}

  static Decoded decode(byte[] bytes) throws ExtractionException {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return new Decoded(strict(bytes, 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return new Decoded(strict(bytes, 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE);
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return new Decoded(strict(bytes, 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE);
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new ExtractionException("the file contains NUL bytes: it is binary, not text");
      }
    }
    int invalidAt = firstInvalidUtf8(bytes);
    if (invalidAt < 0) {
      return new Decoded(new String(bytes, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
    if (hasUtf8MultiByteSequence(bytes)) {
      throw new ExtractionException("the file is not valid UTF-8 text: invalid byte sequence at byte offset "
          + invalidAt + " of a file that is otherwise UTF-8");
    }
    return new Decoded(strict(bytes, 0, WINDOWS_1252), WINDOWS_1252);
  }

  private static String strict(byte[] bytes, int offset, Charset charset) throws ExtractionException {
    try {
      return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
    } catch (CharacterCodingException e) {
      throw new ExtractionException("the file is not valid " + charset.name() + " text", e);
    }
  }

  /** Byte offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
  static int firstInvalidUtf8(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xFF;
      int length = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
          : b >= 0xF0 && b <= 0xF4 ? 4 : -1;
      if (length < 0 || i + length > bytes.length) {
        return i;
      }
      for (int k = 1; k < length; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += length;
    }
    return -1;
  }

  private static boolean hasUtf8MultiByteSequence(byte[] bytes) {
    for (int i = 0; i + 1 < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      if (b >= 0xC2 && b <= 0xF4 && (bytes[i + 1] & 0xC0) == 0x80) {
        int length = b <= 0xDF ? 2 : b <= 0xEF ? 3 : 4;
        boolean complete = i + length <= bytes.length;
        for (int k = 1; complete && k < length; k++) {
          complete = (bytes[i + k] & 0xC0) == 0x80;
        }
        if (complete) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
