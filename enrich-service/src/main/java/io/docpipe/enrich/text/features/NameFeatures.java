package io.docpipe.enrich.text.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.util.StringUtil;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;

/**
 * The features of {@code ner-features.xml}, the shipped name finder's descriptor, made the way OpenNLP's
 * generators make them (the same strings in the same order; {@code NameFeaturesTest} compares the two on whole
 * corpora) but summed into a word's scores without building most of them again: OpenNLP's window generators
 * ask for a word's class, lower case and cluster once per window it falls in (five times) and every feature is
 * a new string hashed for its weight. Here what depends only on the word (its class, its lower case, affixes,
 * cluster, each under every window prefix) is made and looked up once per distinct word and kept as weight
 * rows; only what depends on the sentence (bigrams, the earlier decisions for the word, gazetteer phrases) is
 * made per occurrence. One instance serves one thread.
 */
public final class NameFeatures {
  /** The descriptor this class implements, byte for byte as the model carries it. */
  public static final String DESCRIPTOR = "/io/docpipe/enrich/text/ner-features.xml";
  private static final int[] WINDOW2 = {0, -1, -2, 1, 2};
  private static final String[] WINDOW2_PREFIX = {"", "p1", "p2", "n1", "n2"};
  private static final int[] WINDOW1 = {0, -1, 1};
  private static final String[] WINDOW1_PREFIX = {"", "p1", "n1"};
  /** Distinct words kept; past this the memory starts again (a document of that many distinct words is rare). */
  private static final int MAX_WORDS = 20_000;
  private static final int CLASS = 0;
  private static final int TOKEN = 1;
  private static final int CLUSTER = 2;
  private static final int AFFIXES = 3;

  private final FeatureWeights weights;
  private final boolean keepNames;
  private final Map<String, Word> words = new HashMap<>();
  private final Map<String, String> previous = new HashMap<>();
  private String[] sentence;
  private Word[] sentenceWords;
  private List<List<String>> gazetteer;

  public NameFeatures(FeatureWeights weights) {
    this(weights, false);
  }

  /** With {@code keepNames}, a sink is also given the names of the features made once per word (tests). */
  NameFeatures(FeatureWeights weights, boolean keepNames) {
    this.weights = weights;
    this.keepNames = keepNames;
  }

  /** Whether a model was trained with the descriptor this class implements. */
  public static boolean implement(byte[] descriptor) {
    try (InputStream in = NameFeatures.class.getResourceAsStream(DESCRIPTOR)) {
      return in != null && descriptor != null && Arrays.equals(in.readAllBytes(), descriptor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where features go: a feature's weight row in the model (-1: unknown to the model) and its name (null for
   * the features made once per word, unless names are kept).
   */
  public interface Sink {
    void add(String feature, int row);
  }

  /** Adds the weights of token {@code index}'s features to {@code scores}. */
  public void addScores(String[] tokens, int index, double[] scores) {
    forEach(tokens, index, (feature, row) -> weights.addRow(row, scores));
  }

  /** Token {@code index}'s features in the order of OpenNLP's generators for the descriptor. */
  public void forEach(String[] tokens, int index, Sink sink) {
    prepare(tokens);
    window(index, CLASS, WINDOW2, sink);
    window(index, TOKEN, WINDOW2, sink);
    feature("def", sink);
    feature("pd=" + previous.get(tokens[index]), sink);
    Word word = sentenceWords[index];
    if (index > 0) {
      feature("pw,w=" + tokens[index - 1] + "," + tokens[index], sink);
      feature("pwc,wc=" + sentenceWords[index - 1].shape + "," + word.shape, sink);
    }
    if (index + 1 < tokens.length) {
      feature("w,nw=" + tokens[index] + "," + tokens[index + 1], sink);
      feature("wc,nc=" + word.shape + "," + sentenceWords[index + 1].shape, sink);
    }
    if (index == 0) {
      feature("S=begin", sink);
    }
    emit(word, AFFIXES, 0, sink);
    window(index, CLUSTER, WINDOW1, sink);
    for (int w = 0; w < WINDOW1.length; w++) {
      int at = index + WINDOW1[w];
      if (at >= 0 && at < tokens.length) {
        for (String phrase : gazetteer.get(at)) {
          feature(WINDOW1_PREFIX[w] + phrase, sink);
        }
      }
    }
  }

  /** Remembers the sentence's decisions word by word (OpenNLP's previous-map feature). */
  public void updateAdaptiveData(String[] tokens, String[] outcomes) {
    for (int i = 0; i < tokens.length; i++) {
      previous.put(tokens[i], outcomes[i]);
    }
  }

  /** Forgets the document's decisions. */
  public void clearAdaptiveData() {
    previous.clear();
  }

  private void prepare(String[] tokens) {
    if (tokens == sentence) {
      return;
    }
    if (words.size() > MAX_WORDS) {
      words.clear();
    }
    sentence = tokens;
    sentenceWords = new Word[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      sentenceWords[i] = words.computeIfAbsent(tokens[i], this::word);
    }
    gazetteer = NameLexiconFeatures.match(tokens);
  }

  private void window(int index, int group, int[] offsets, Sink sink) {
    for (int w = 0; w < offsets.length; w++) {
      int at = index + offsets[w];
      if (at >= 0 && at < sentence.length) {
        emit(sentenceWords[at], group, w, sink);
      }
    }
  }

  private void feature(String name, Sink sink) {
    sink.add(name, weights.row(name));
  }

  private static void emit(Word word, int group, int position, Sink sink) {
    int[] rows = word.rows[group][position];
    String[] names = word.names == null ? null : word.names[group][position];
    for (int i = 0; i < rows.length; i++) {
      sink.add(names == null ? null : names[i], rows[i]);
    }
  }

  private Word word(String token) {
    String[][][] features = ownFeatures(token);
    int[][][] rows = new int[features.length][][];
    for (int g = 0; g < features.length; g++) {
      rows[g] = new int[features[g].length][];
      for (int w = 0; w < features[g].length; w++) {
        rows[g][w] = new int[features[g][w].length];
        for (int f = 0; f < rows[g][w].length; f++) {
          rows[g][w][f] = weights.row(features[g][w][f]);
        }
      }
    }
    return new Word(FeatureGeneratorUtil.tokenFeature(token), rows, keepNames ? features : null);
  }

  /** A word's own features by group, then by window position (affixes: the word's position only). */
  private static String[][][] ownFeatures(String token) {
    String shape = FeatureGeneratorUtil.tokenFeature(token);
    String lower = StringUtil.toLowerCase(token);
    int affixes = Math.min(3, token.length());
    String[] affix = new String[affixes * 2];
    for (int i = 0; i < affixes; i++) {
      affix[i] = "pre=" + token.substring(0, Math.min(i + 1, token.length()));
      affix[affixes + i] = "suf=" + token.substring(Math.max(token.length() - i - 1, 0));
    }
    return new String[][][] {
        windowed(new String[] {"wc=" + shape, "w&c=" + lower + "," + shape}, WINDOW2_PREFIX),
        windowed(new String[] {"w=" + lower}, WINDOW2_PREFIX),
        windowed(WordClusterFeatures.of(token).toArray(new String[0]), WINDOW1_PREFIX),
        {affix}};
  }

  private static String[][] windowed(String[] features, String[] prefixes) {
    String[][] out = new String[prefixes.length][features.length];
    for (int w = 0; w < prefixes.length; w++) {
      for (int f = 0; f < features.length; f++) {
        out[w][f] = prefixes[w] + features[f];
      }
    }
    return out;
  }

  /** A distinct word's class and the weight rows of its own features (and their names, when kept). */
  private record Word(String shape, int[][][] rows, String[][][] names) {}
}
