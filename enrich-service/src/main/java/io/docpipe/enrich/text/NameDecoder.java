package io.docpipe.enrich.text;

import io.docpipe.enrich.text.features.FeatureWeights;
import io.docpipe.enrich.text.features.NameFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.SequenceCodec;
import opennlp.tools.util.SequenceValidator;
import opennlp.tools.util.Span;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.CachedFeatureGenerator;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;

/**
 * Decodes a sentence with a name finder model as OpenNLP's {@code NameFinderME} does (the same beam search, the
 * same features, the same arithmetic, so the same names), several times faster: {@code NameFinderME} builds and
 * scores every feature of a word once per sequence in the beam, although all but four of them (the previous two
 * decisions) are the same for each. Here a word's own features are summed once (made once per distinct word by
 * {@link NameFeatures} for the shipped descriptor, weighed through {@link FeatureWeights}); each sequence adds
 * only its four. The sums are made in the order the model's evaluation makes them, so the probabilities are
 * bit for bit those of {@code NameFinderME} ({@code NameDecoderTest} compares the two on whole corpora).
 * One decoder serves one thread.
 */
final class NameDecoder {
  private static final String OTHER = "other";
  /** BeamSearch's floor for a sequence's log probability. */
  private static final double MIN_SEQUENCE_SCORE = -100_000;
  /** The shipped descriptor's features, made once per distinct word; null for a model with another descriptor. */
  private final NameFeatures known;
  /** Otherwise the model's own generators, without the cache in front of them (each word is asked once). */
  private final AdaptiveFeatureGenerator features;
  private final List<String> own = new ArrayList<>();
  private final SequenceCodec<String> codec;
  private final SequenceValidator<String> validator;
  private final FeatureWeights weights;
  private final String[] outcomes;
  private final int beamSize;

  /** A decoder for one thread; every thread's shares the model's {@link FeatureWeights}. */
  NameDecoder(TokenNameFinderModel model, FeatureWeights weights) {
    this(model, weights, NameFeatures.implement(model.getArtifact("generator.featuregen")));
  }

  /** With {@code knownFeatures} false, the model's own generators even for the shipped descriptor (tests). */
  NameDecoder(TokenNameFinderModel model, FeatureWeights weights, boolean knownFeatures) {
    AbstractModel maxent = model.getArtifact("nameFinder.model");
    this.weights = weights;
    this.outcomes = ((String[]) maxent.getDataStructures()[2]).clone();
    if (knownFeatures) {
      this.known = new NameFeatures(weights);
      this.features = null;
    } else {
      AdaptiveFeatureGenerator generators = model.getFactory().createFeatureGenerators();
      this.known = null;
      this.features = generators instanceof CachedFeatureGenerator cached ? cached.getCachedFeatureGenerator()
          : generators;
    }
    this.codec = model.getFactory().createSequenceCodec();
    this.validator = codec.createSequenceValidator();
    String beam = model.getManifestProperty(BeamSearch.BEAM_SIZE_PARAMETER);
    this.beamSize = beam == null ? 3 : Integer.parseInt(beam);
  }

  /** Forgets what earlier sentences of the document said (as {@code NameFinderME.clearAdaptiveData}). */
  void clearAdaptiveData() {
    if (known != null) {
      known.clearAdaptiveData();
    } else {
      features.clearAdaptiveData();
    }
  }

  /** The names in one sentence's tokens. */
  Span[] find(String[] tokens) {
    Sequence best = bestSequence(tokens);
    if (best == null) {
      return new Span[0];
    }
    String[] decided = best.outcomeNames(outcomes);
    if (known != null) {
      known.updateAdaptiveData(tokens, decided);
    } else {
      features.updateAdaptiveData(tokens, decided);
    }
    return codec.decode(Arrays.asList(decided));
  }

  private Sequence bestSequence(String[] tokens) {
    int size = outcomes.length;
    PriorityQueue<Sequence> prev = new PriorityQueue<>(beamSize);
    PriorityQueue<Sequence> next = new PriorityQueue<>(beamSize);
    prev.add(Sequence.EMPTY);
    double[] sorted = new double[size];
    for (int i = 0; i < tokens.length; i++) {
      double[] own = ownScores(tokens, i);
      String shape = null;
      int beams = Math.min(beamSize, prev.size());
      for (int b = 0; !prev.isEmpty() && b < beams; b++) {
        Sequence top = prev.remove();
        String[] so = top.outcomeNames(outcomes);
        String po = i > 0 ? so[i - 1] : OTHER;
        String ppo = i > 1 ? so[i - 2] : OTHER;
        if (shape == null) {
          shape = FeatureGeneratorUtil.tokenFeature(tokens[i]);
        }
        double[] scores = own.clone(); // then the sequence's four, in the order NameFinderME's context has them
        weights.add("po=" + po, scores);
        weights.add("pow=" + po + "," + tokens[i], scores);
        weights.add("powf=" + po + "," + shape, scores);
        weights.add("ppo=" + ppo, scores);
        normalize(scores);
        System.arraycopy(scores, 0, sorted, 0, size);
        Arrays.sort(sorted);
        double min = sorted[Math.max(0, size - beamSize)];
        for (int p = 0; p < size; p++) {
          if (scores[p] >= min && validator.validSequence(i, tokens, so, outcomes[p])) {
            Sequence ns = new Sequence(top, p, scores[p]);
            if (ns.score > MIN_SEQUENCE_SCORE) {
              next.add(ns);
            }
          }
        }
        if (next.isEmpty()) { // as BeamSearch: when nothing advanced, every valid outcome does
          for (int p = 0; p < size; p++) {
            if (validator.validSequence(i, tokens, so, outcomes[p])) {
              Sequence ns = new Sequence(top, p, scores[p]);
              if (ns.score > MIN_SEQUENCE_SCORE) {
                next.add(ns);
              }
            }
          }
        }
      }
      prev.clear();
      PriorityQueue<Sequence> swap = prev;
      prev = next;
      next = swap;
    }
    return prev.isEmpty() ? null : prev.remove();
  }

  /** A word's scores from its own features: summed once, in the order the model's evaluation sums them. */
  private double[] ownScores(String[] tokens, int index) {
    double[] scores = new double[outcomes.length];
    if (known != null) {
      known.addScores(tokens, index, scores);
      return scores;
    }
    own.clear();
    features.createFeatures(own, tokens, index, null);
    for (String feature : own) {
      weights.add(feature, scores);
    }
    return scores;
  }

  /** The perceptron model's normalisation ({@code PerceptronModel.eval}), with the same operations. */
  private static void normalize(double[] prior) {
    double maxPrior = 1;
    for (double p : prior) {
      if (maxPrior < StrictMath.abs(p)) {
        maxPrior = StrictMath.abs(p);
      }
    }
    double normal = 0.0;
    for (int oid = 0; oid < prior.length; oid++) {
      prior[oid] = StrictMath.exp(prior[oid] / maxPrior);
      normal += prior[oid];
    }
    for (int oid = 0; oid < prior.length; oid++) {
      prior[oid] /= normal;
    }
  }

  /** A sequence of outcome indexes with its log probability, ordered best first (as OpenNLP's Sequence). */
  private static final class Sequence implements Comparable<Sequence> {
    static final Sequence EMPTY = new Sequence();
    private final int[] decided;
    final double score;

    private Sequence() {
      decided = new int[0];
      score = 0;
    }

    Sequence(Sequence prefix, int outcome, double probability) {
      decided = Arrays.copyOf(prefix.decided, prefix.decided.length + 1);
      decided[prefix.decided.length] = outcome;
      score = prefix.score + StrictMath.log(probability);
    }

    String[] outcomeNames(String[] names) {
      String[] out = new String[decided.length];
      for (int i = 0; i < decided.length; i++) {
        out[i] = names[decided[i]];
      }
      return out;
    }

    @Override
    public int compareTo(Sequence other) {
      return Double.compare(other.score, score);
    }
  }
}
