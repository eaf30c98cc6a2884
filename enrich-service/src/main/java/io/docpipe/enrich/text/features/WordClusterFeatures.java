package io.docpipe.enrich.text.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.GeneratorFactory;

/**
 * The Brown cluster of a word, as path prefixes of 4, 8, 12 and 16 bits and the whole path: words that occur in
 * the same contexts (towns, surnames, company words) share prefixes, so the model generalizes past the words its
 * small training set contains. Declared in the name finder's feature descriptor as this class's factory.
 */
public final class WordClusterFeatures extends SentenceFeatures {
  private static final int[] PREFIXES = {4, 8, 12, 16};
  private static final List<String> NONE = List.of("bc=none");
  private static final Map<Integer, List<String>> BY_CODE = new ConcurrentHashMap<>();

  @Override
  List<List<String>> compute(String[] tokens) {
    List<List<String>> out = new ArrayList<>(tokens.length);
    for (String token : tokens) {
      out.add(of(token));
    }
    return out;
  }

  static List<String> of(String token) {
    int code = Lexicons.clusters().get(HashedTable.hash(token.toLowerCase(Locale.ROOT)), 0);
    return code == 0 ? NONE : BY_CODE.computeIfAbsent(code, WordClusterFeatures::ofCode);
  }

  /** A cluster's features: clusters are few (thousands) and words many, so each cluster's are made once. */
  private static List<String> ofCode(int code) {
    List<String> features = new ArrayList<>(PREFIXES.length + 1);
    int length = 31 - Integer.numberOfLeadingZeros(code);
    for (int prefix : PREFIXES) {
      if (prefix < length) {
        features.add("bc" + prefix + "=" + Integer.toBinaryString(code >>> (length - prefix)).substring(1));
      }
    }
    features.add("bc=" + Integer.toBinaryString(code).substring(1));
    return List.copyOf(features);
  }

  /** The OpenNLP factory named in the descriptor. */
  public static final class Factory extends GeneratorFactory.AbstractXmlFeatureGeneratorFactory {
    @Override
    public AdaptiveFeatureGenerator create() {
      return new WordClusterFeatures();
    }
  }
}
