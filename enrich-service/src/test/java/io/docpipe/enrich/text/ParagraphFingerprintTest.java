package io.docpipe.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParagraphFingerprintTest {

  @ParameterizedTest(name = "{0} == {1}")
  @CsvSource(delimiter = '|', value = {
      "India's Prime Minister | India’s Prime Minister",
      "Two  spaces\tand tab | two spaces and TAB",
      "“Quoted” text | \"quoted\" text",
      "dash – here | dash - here",
      "  padded  | padded"})
  void foldsQuotesWhitespaceAndCase(String a, String b) {
    assertThat(ParagraphFingerprint.of(a)).isEqualTo(ParagraphFingerprint.of(b));
  }

  @ParameterizedTest(name = "{0} != {1}")
  @CsvSource(delimiter = '|', value = {
      "Pakistan urged the Taliban | Pakistan urged the US",
      "However, the deal failed | the deal failed"})
  void differentWordsDiffer(String a, String b) {
    assertThat(ParagraphFingerprint.of(a)).isNotEqualTo(ParagraphFingerprint.of(b));
  }

  @org.junit.jupiter.api.Test
  void isSixteenHexDigits() {
    assertThat(ParagraphFingerprint.of("anything")).matches("[0-9a-f]{16}");
  }
}
