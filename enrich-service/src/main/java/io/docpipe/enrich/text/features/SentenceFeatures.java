package io.docpipe.enrich.text.features;

import java.util.List;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;

/**
 * A feature generator that works out a whole sentence's features at once: the name finder asks word by word with
 * the same array, and window generators ask for each word three times (as the word, and as its neighbours'
 * neighbour), so a sentence is computed once, when first asked. One instance serves one thread, like the finder
 * that owns it.
 */
abstract class SentenceFeatures implements AdaptiveFeatureGenerator {
  private String[] sentence;
  private List<List<String>> perToken = List.of();

  /** Each token's features, in order. */
  abstract List<List<String>> compute(String[] tokens);

  @Override
  public final void createFeatures(List<String> features, String[] tokens, int index, String[] previousOutcomes) {
    if (tokens != sentence) {
      sentence = tokens;
      perToken = compute(tokens);
    }
    features.addAll(perToken.get(index));
  }

  @Override
  public final void clearAdaptiveData() {
    sentence = null;
  }
}
