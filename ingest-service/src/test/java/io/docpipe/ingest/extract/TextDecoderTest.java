package io.docpipe.ingest.extract;

import static io.docpipe.ingest.TestFiles.concat;
import static io.docpipe.ingest.TestFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecoderTest {
  @Test
  void utf8WithAndWithoutBom() throws Exception {
    assertThat(TextDecoder.decode(utf8("Café")).text()).isEqualTo("Café");
    TextDecoder.Decoded withBom = TextDecoder.decode(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        utf8("Café")));
    assertThat(withBom.text()).isEqualTo("Café");
    assertThat(withBom.charset()).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void utf16WithBomLosesTheBom() throws Exception {
    assertThat(TextDecoder.decode("\uFEFFHello".getBytes(StandardCharsets.UTF_16LE)).text()).isEqualTo("Hello");
    assertThat(TextDecoder.decode("\uFEFFHello".getBytes(StandardCharsets.UTF_16BE)).text()).isEqualTo("Hello");
  }

  @Test
  void legacySingleByteTextIsWindows1252() throws Exception {
    TextDecoder.Decoded decoded = TextDecoder.decode("Café – déjà vu".getBytes(TextDecoder.WINDOWS_1252));
    assertThat(decoded.text()).isEqualTo("Café – déjà vu");
    assertThat(decoded.charset()).isEqualTo(TextDecoder.WINDOWS_1252);
  }

  @Test
  void corruptUtf8IsRefusedWithTheOffset() {
    byte[] corrupt = concat(utf8("naïve "), new byte[] {(byte) 0xC3, (byte) 0x28}, utf8(" text"));
    assertThatThrownBy(() -> TextDecoder.decode(corrupt)).isInstanceOf(ExtractionException.class)
        .hasMessageContaining("not valid UTF-8").hasMessageContaining("byte offset 7");
  }

  @Test
  void nulBytesMeanBinary() {
    assertThatThrownBy(() -> TextDecoder.decode(new byte[] {'P', 'K', 3, 4, 0, 0}))
        .hasMessageContaining("binary");
  }

  @Test
  void findsTheFirstInvalidUtf8Byte() {
    assertThat(TextDecoder.firstInvalidUtf8(utf8("ok ✓"))).isEqualTo(-1);
    assertThat(TextDecoder.firstInvalidUtf8(new byte[] {'a', (byte) 0xE2, (byte) 0x9C})).isEqualTo(1);
    assertThat(TextDecoder.firstInvalidUtf8(new byte[] {(byte) 0xC0, (byte) 0x80})).isZero(); // overlong
  }
}
