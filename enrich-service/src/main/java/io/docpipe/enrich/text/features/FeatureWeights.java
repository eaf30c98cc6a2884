package io.docpipe.enrich.text.features;

import java.util.Map;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;

/**
 * A linear model's weights laid out for lookups that cost one or two cache lines: feature names are keyed by
 * their 64-bit FNV-1a hash in an open-addressing table whose slots hold the key and the feature's row side by
 * side, and each row holds the feature's weight for every outcome (zero where the model has none). OpenNLP's
 * own layout (a {@code LinkedHashMap} of strings to objects holding two arrays) costs about six dependent memory
 * reads per feature; it was two thirds of the name finder's time. Adding a zero leaves a sum as it was, so the
 * scores are bit for bit those of the model's own evaluation. Two of the model's feature names with one hash
 * are refused when the table is built; an unknown feature taken for a known one needs a 64-bit collision (about
 * one lookup in 10^14 for this model's 77,535 features). Immutable; shared by every thread.
 */
public final class FeatureWeights {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private static final long EMPTY = 0L;
  private final long[] slots; // key, row + 1; key, row + 1; ...
  private final int mask;
  private final double[] weights;
  private final int outcomes;

  public FeatureWeights(AbstractModel model) {
    Object[] data = model.getDataStructures();
    @SuppressWarnings("unchecked")
    Map<String, Context> parameters = (Map<String, Context>) data[1];
    outcomes = ((String[]) data[2]).length;
    int size = Integer.highestOneBit(Math.max(16, parameters.size() * 2 - 1)) << 1;
    slots = new long[size * 2];
    mask = size - 1;
    weights = new double[parameters.size() * outcomes];
    int row = 0;
    for (Map.Entry<String, Context> feature : parameters.entrySet()) {
      int[] ids = feature.getValue().getOutcomes();
      double[] values = feature.getValue().getParameters();
      for (int i = 0; i < ids.length; i++) {
        weights[row * outcomes + ids[i]] = values[i];
      }
      put(hash(feature.getKey()), row++, feature.getKey());
    }
  }

  public int outcomes() {
    return outcomes;
  }

  /** Adds the feature's weights to {@code scores}; an unknown feature adds nothing. */
  public void add(String feature, double[] scores) {
    addRow(row(feature), scores);
  }

  /** The feature's row, or -1 when the model does not know it. */
  int row(String feature) {
    return row(hash(feature));
  }

  /** Adds a row's weights to {@code scores}; row -1 adds nothing. */
  void addRow(int row, double[] scores) {
    if (row >= 0) {
      int from = row * outcomes;
      for (int o = 0; o < outcomes; o++) {
        scores[o] += weights[from + o];
      }
    }
  }

  private void put(long key, int row, String name) {
    int slot = spread(key) & mask;
    while (slots[2 * slot] != EMPTY) {
      if (slots[2 * slot] == key) {
        throw new IllegalStateException("two of the model's features share a 64-bit hash, one is " + name);
      }
      slot = (slot + 1) & mask;
    }
    slots[2 * slot] = key;
    slots[2 * slot + 1] = row;
  }

  private int row(long key) {
    int slot = spread(key) & mask;
    long k;
    while ((k = slots[2 * slot]) != EMPTY) {
      if (k == key) {
        return (int) slots[2 * slot + 1];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** FNV-1a over the characters; 0 (the empty slot) is moved to 1. */
  static long hash(String s) {
    long h = OFFSET;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * PRIME;
    }
    return h == EMPTY ? 1 : h;
  }

  private static int spread(long k) {
    return (int) (k ^ (k >>> 32)) * 0x9E3779B9;
  }
}
