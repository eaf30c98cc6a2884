package io.docpipe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlainTextExtractorTest {
  private static PlainTextExtractor extractor;

  @BeforeAll
  static void loadModel() {
    extractor = new PlainTextExtractor(new LanguageGuesser());
  }

  @Test
  void decodesUtf8WithAndWithoutBom() throws Exception {
    byte[] plain = "Café".getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[plain.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, bom, 3, plain.length);
    assertThat(PlainTextExtractor.decode(plain)).isEqualTo("Café");
    assertThat(PlainTextExtractor.decode(bom)).isEqualTo("Café");
  }

  @Test
  void decodesUtf16WithBom() throws Exception {
    byte[] le = "\uFEFFHello".getBytes(StandardCharsets.UTF_16LE);
    byte[] be = "\uFEFFHello".getBytes(StandardCharsets.UTF_16BE);
    assertThat(PlainTextExtractor.decode(le)).isEqualTo("Hello");
    assertThat(PlainTextExtractor.decode(be)).isEqualTo("Hello");
  }

  @Test
  void refusesInvalidUtf8WithAReason() {
    assertThatThrownBy(() -> PlainTextExtractor.decode(new byte[] {'a', (byte) 0xC3, (byte) 0x28}))
        .isInstanceOf(ExtractionException.class).hasMessageContaining("not valid UTF-8");
  }

  @Test
  void refusesBinaryContent() {
    assertThatThrownBy(() -> extractor.extract(new byte[] {'P', 'K', 0, 0, 1}, "archive.txt"))
        .isInstanceOf(ExtractionException.class).hasMessageContaining("binary");
  }

  @Test
  void takesTheTitleFromAMarkdownHeadingOrTheFirstLineAndGuessesTheLanguage() throws Exception {
    ExtractedText md = extractor.extract(("intro\n# The Title\n\nThe quick brown fox jumps over the lazy dog "
        + "and keeps running through the field.").getBytes(StandardCharsets.UTF_8), "notes.md");
    assertThat(md.title()).isEqualTo("The Title");
    assertThat(md.contentType()).startsWith("text/markdown");
    assertThat(md.language()).isEqualTo("eng");
    ExtractedText txt = extractor.extract("\n\n  First line  \nsecond".getBytes(StandardCharsets.UTF_8), "a.txt");
    assertThat(txt.title()).isEqualTo("First line");
    assertThat(txt.contentType()).startsWith("text/plain");
  }
}
