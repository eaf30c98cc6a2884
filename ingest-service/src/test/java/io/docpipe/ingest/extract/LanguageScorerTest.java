package io.docpipe.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fast scorer must give OpenNLP's own answer, probability for probability. */
class LanguageScorerTest {
  private static LanguageDetectorModel model;
  private static LanguageScorer scorer;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = LanguageScorerTest.class.getResourceAsStream("/langdetect-183.bin")) {
      model = new LanguageDetectorModel(in);
    }
    scorer = new LanguageScorer(model);
  }

  @Test
  void sameProbabilitiesAsLanguageDetectorMeOnTheSamplesAndManyLanguages() throws IOException {
    List<String> texts = new ArrayList<>(List.of(
        "Die Bundesregierung hat am Mittwoch beschlossen, die Hilfen für Familien zu verlängern.",
        "Le gouvernement a annoncé mercredi de nouvelles mesures pour soutenir les familles.",
        "El gobierno anunció el miércoles nuevas medidas para apoyar a las familias españolas.",
        "Il governo ha annunciato mercoledì nuove misure per sostenere le famiglie italiane.",
        "De regering heeft woensdag nieuwe maatregelen aangekondigd om gezinnen te steunen.",
        "Правительство в среду объявило о новых мерах поддержки семей.",
        "Η κυβέρνηση ανακοίνωσε την Τετάρτη νέα μέτρα για τη στήριξη των οικογενειών.",
        "政府星期三宣布了支持家庭的新措施。", "政府は水曜日、家族を支援する新たな措置を発表した。",
        "أعلنت الحكومة يوم الأربعاء عن إجراءات جديدة لدعم الأسر.",
        "İSTANBUL'DA BÜYÜK TOPLANTI yapıldı, Çarşamba günü 2024'te açıklandı.",
        "Mail me at someone@example.org or see https://example.org/a?b=c #news @user rt: loooool :-) 😀😀 hahaha",
        "Numbers 123 456 7890 and    many     spaces\t\ttabs\n\nnew lines, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math letters ΣΑΣ",
        "x", "", "   ", "aaaaaaaaaaaaaaaaaaaa"));
    try (Stream<Path> samples = Files.list(Path.of("src/test/resources/samples"))) {
      for (Path sample : samples.sorted().toList()) {
        String text = Files.readString(sample);
        for (int start = 0; start + 300 <= text.length(); start += 700) {
          texts.add(text.substring(start, start + 300));
        }
      }
    }
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      StringBuilder noise = new StringBuilder();
      for (int j = 0; j < 300; j++) {
        noise.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : 0x80 + random.nextInt(0x2000)));
      }
      texts.add(noise.toString());
    }
    assertThat(texts).hasSizeGreaterThan(250);

    String[] languages = scorer.languages();
    for (String text : texts) {
      Language[] expected = new LanguageDetectorME(model).predictLanguages(text);
      double[] actual = scorer.score(text);
      assertThat(actual).hasSize(expected.length);
      for (Language language : expected) {
        int index = List.of(languages).indexOf(language.getLang());
        assertThat(actual[index]).as("%s for %s", language.getLang(), text)
            .isCloseTo(language.getConfidence(), within(1e-12));
      }
    }
  }

  @Test
  void skippingNormalizersThatCannotMatchGivesOpenNlpsNormalizedText() {
    // Short random strings over the characters the normalizers react to, supplementary ones included.
    String[] alphabet = {"h", "H", "a", "j", "J", "o", "x", "X", "d", "D", "p", "P", ":", ";", "-", "(", ")", "@",
        "#", "r", "R", "t", "T", " ", "  ", "\t", "\n", "0", "9", "e", "E", ".", "/", "://", "http", "😀", "𝔘",
        "\uD835", "é", "É", "ß", "ǅ", "ǆ"};
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      assertThat(LanguageScorer.normalize(text))
          .as("normalized \"%s\"", text)
          .isEqualTo(LanguageScorer.OPENNLP_NORMALIZER.normalize(text).toString());
    }
    for (String text : List.of("RT: @user loooove it #great :-) xD hahaha jajaja", "see http://a.example/x?y=1",
        "mail a.b+c@example.org now", "𝔘𝔘𝔘 and 😀😀😀", "ǅǆǅ tri", "Plain prose without any of it")) {
      assertThat(LanguageScorer.normalize(text)).isEqualTo(LanguageScorer.OPENNLP_NORMALIZER.normalize(text).toString());
    }
  }

  @Test
  void guesserNamesTheLanguageOrNothingWhenUnclear() {
    LanguageGuesser guesser = new LanguageGuesser();
    assertThat(guesser.guess("The government announced new measures on Wednesday to support families "
        + "who lost their homes in the floods.")).isEqualTo("eng");
    assertThat(guesser.guess("Die Bundesregierung hat am Mittwoch beschlossen, die Hilfen für Familien zu "
        + "verlängern.")).isEqualTo("deu");
    assertThat(guesser.guess("short")).isNull();
  }
}
