package io.docpipe.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Extracts plain text and Markdown: decodes UTF-8 (with or without BOM) or UTF-16 with BOM, refuses
 * binary content, takes the first Markdown heading or first line as the title, and guesses the language.
 */
public final class PlainTextExtractor {
  private final LanguageGuesser languages;

  public PlainTextExtractor(LanguageGuesser languages) {
    this.languages = languages;
  }

  public ExtractedText extract(byte[] bytes, String fileName) throws ExtractionException {
    String text = decode(bytes);
    if (text.indexOf('\u0000') >= 0) {
      throw new ExtractionException("the file contains NUL characters: it looks binary, not text");
    }
    boolean markdown = fileName.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(md|markdown)$");
    String type = (markdown ? "text/markdown" : "text/plain") + "; charset=UTF-8";
    return new ExtractedText(text, type, title(text), languages.guess(text), null);
  }

  static String decode(byte[] bytes) throws ExtractionException {
    Charset charset = StandardCharsets.UTF_8;
    int offset = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      offset = 3;
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      offset = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      offset = 2;
    }
    try {
      return charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ExtractionException("the file is not valid " + charset.name() + " text ("
          + e.getMessage() + ")", e);
    }
  }

  static String title(String text) {
    String firstLine = null;
    for (String line : text.split("\n", 200)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("# ")) {
        return clip(trimmed.substring(2).strip());
      }
      if (firstLine == null && !trimmed.isEmpty()) {
        firstLine = trimmed;
      }
    }
    return firstLine == null ? null : clip(firstLine);
  }

  private static String clip(String title) {
    return title.length() <= 200 ? title : title.substring(0, 200);
  }
}
