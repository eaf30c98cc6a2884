package io.docpipe.ingest.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import opennlp.tools.langdetect.LanguageDetectorModel;

/** Language identification with Apache OpenNLP's published model (ISO 639-3 codes, 103 languages). */
public final class LanguageGuesser {
  /**
   * A few sentences tell languages apart; detection cost grows linearly with the sample (about 50 µs for
   * 300 characters with {@link LanguageScorer}), and it runs for every file.
   */
  private static final int SAMPLE_CHARS = 300;
  private final LanguageScorer scorer;
  private final String[] languages;

  public LanguageGuesser() {
    try (InputStream in = LanguageGuesser.class.getResourceAsStream("/langdetect-183.bin")) {
      if (in == null) {
        throw new IllegalStateException("OpenNLP language model langdetect-183.bin is not on the classpath");
      }
      scorer = new LanguageScorer(new LanguageDetectorModel(in));
      languages = scorer.languages();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the language model", e);
    }
  }

  /** ISO 639-3 code of the text's language, or null when the text is too short or unclear. */
  public String guess(String text) {
    return guessSample(text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text);
  }

  String guessSample(String sample) {
    if (sample.strip().length() < 20) {
      return null;
    }
    double[] scores = scorer.score(sample);
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    double runnerUp = 0;
    for (int i = 0; i < scores.length; i++) {
      if (i != best) {
        runnerUp = Math.max(runnerUp, scores[i]);
      }
    }
    // Confidences spread over 103 languages are small; trust a clear lead over the runner-up.
    return scores[best] >= 1.5 * runnerUp ? languages[best] : null;
  }
}
