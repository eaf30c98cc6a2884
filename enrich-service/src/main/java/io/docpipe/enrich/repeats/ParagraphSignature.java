package io.docpipe.enrich.repeats;

import io.docpipe.enrich.text.ParagraphFingerprint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What repeat detection knows of a paragraph: the fingerprint of its normalized text (case, quotes,
 * dashes and whitespace folded: equal fingerprints are the same text), a hash of its text as written
 * (whitespace collapsed: equal hashes are an exact repeat), and a MinHash signature of its character
 * 5-shingles, whose agreement estimates the Jaccard similarity of two paragraphs (near repeats). Short
 * paragraphs, where one edit moves the similarity most, also keep their shingle hashes, so that two of
 * them are compared exactly. Lookup keys: one exact key, and LSH band keys (bands of two MinHash values)
 * when the paragraph is long enough for near-repeat detection.
 *
 * @param minHash 16-bit MinHash values; empty when the paragraph is too short for near-repeat detection
 * @param shingles sorted distinct shingle hashes when there are at most {@link #HASHES} of them, else empty
 * @param words the paragraph's word count
 * @param facts hashes of the paragraph's {@link ContentFacts} (numbers, dates, negations, names); null for
 *     a signature from before they were kept (state written by an older version)
 */
public record ParagraphSignature(String fingerprint, long textHash, int[] minHash, int[] shingles, int words,
    int[] facts) {
  /** MinHash values per signature: the similarity estimate's standard error is at most 0.044. */
  public static final int HASHES = 128;
  /** LSH bands of {@link #ROWS} values each: a pair at similarity 0.55 collides in some band 98.6% of the time. */
  public static final int BANDS = 12;
  public static final int ROWS = 2;
  static final int SHINGLE = 5;
  /** Shorter normalized text gets the exact key only (too few shingles for a meaningful similarity). */
  static final int MIN_NEAR_CHARS = 20;
  private static final long[] SEEDS = seeds();

  public static ParagraphSignature of(String paragraph) {
    String normalized = ParagraphFingerprint.normalize(paragraph);
    String words = wordsOnly(normalized);
    ContentFacts facts = ContentFacts.of(paragraph);
    if (words.length() < MIN_NEAR_CHARS) {
      return new ParagraphSignature(ParagraphFingerprint.ofNormalized(normalized), textHash(paragraph), new int[0],
          new int[0], facts.words(), facts.facts());
    }
    long[] shingles = shingles(words);
    return new ParagraphSignature(ParagraphFingerprint.ofNormalized(normalized), textHash(paragraph),
        minHash(shingles), shingles.length <= HASHES ? smallSet(shingles) : new int[0], facts.words(),
        facts.facts());
  }

  /**
   * Fingerprint and exact hash only, for paragraphs past the analysis budget: linear and cheap, so exact
   * repeats are still found, but no near-repeat keys.
   */
  public static ParagraphSignature exactOnly(String paragraph) {
    return new ParagraphSignature(ParagraphFingerprint.of(paragraph), textHash(paragraph), new int[0], new int[0],
        0, new int[0]);
  }

  /**
   * Whether the two paragraphs' facts agree (the same numbers, dates and negations; the names of one among
   * those of the other): the condition for a near repeat besides similar characters. True when either signature predates facts (no evidence against).
   */
  public boolean sameFacts(ParagraphSignature other) {
    return facts == null || other.facts == null || ContentFacts.agree(facts, other.facts);
  }

  public boolean nearEligible() {
    return minHash.length == HASHES;
  }

  /** The exact key, then the band keys. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>(1 + BANDS);
    keys.add(exactKey());
    if (nearEligible()) {
      for (int band = 0; band < BANDS; band++) {
        long h = band;
        for (int row = 0; row < ROWS; row++) {
          h = h * 0x9E3779B97F4A7C15L + minHash[band * ROWS + row];
        }
        keys.add("b" + band + ":" + Long.toHexString(mix(h)));
      }
    }
    return keys;
  }

  public String exactKey() {
    return "x" + fingerprint;
  }

  /** Estimated Jaccard similarity of the two paragraphs' shingle sets: 1.0 for the same normalized text. */
  public double similarity(ParagraphSignature other) {
    if (fingerprint.equals(other.fingerprint)) {
      return 1.0;
    }
    if (!nearEligible() || !other.nearEligible()) {
      return 0.0;
    }
    if (shingles.length > 0 && other.shingles.length > 0) {
      return jaccard(shingles, other.shingles);
    }
    int same = 0;
    for (int i = 0; i < HASHES; i++) {
      if (minHash[i] == other.minHash[i]) {
        same++;
      }
    }
    return (double) same / HASHES;
  }

  /** Letters and digits only, single spaces: punctuation and spacing do not count towards similarity. */
  static String wordsOnly(String normalized) {
    StringBuilder out = new StringBuilder(normalized.length());
    boolean space = false;
    for (int i = 0; i < normalized.length(); i++) {
      char c = normalized.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.append(c);
      } else {
        space = true;
      }
    }
    return out.toString();
  }

  /** Hashes of the character 5-shingles, distinct and sorted. */
  static long[] shingles(String text) {
    long[] hashes = new long[Math.max(0, text.length() - SHINGLE + 1)];
    for (int i = 0; i < hashes.length; i++) {
      long shingle = 1125899906842597L;
      for (int j = i; j < i + SHINGLE; j++) {
        shingle = 31 * shingle + text.charAt(j);
      }
      hashes[i] = mix(shingle);
    }
    return Arrays.stream(hashes).sorted().distinct().toArray();
  }

  static int[] minHash(long[] shingles) {
    // One shingle against all seeds in a loop of long operations only, which the JIT turns into vector
    // instructions where the CPU has them; the values are those of mix(shingle ^ seed) >>> 48 either way.
    long[] min = new long[HASHES];
    Arrays.fill(min, Integer.MAX_VALUE);
    for (long shingle : shingles) {
      for (int k = 0; k < HASHES; k++) {
        long z = shingle ^ SEEDS[k];
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 31)) >>> 48; // 16 bits: chance agreement 1 in 65,536
        min[k] = Math.min(min[k], z);
      }
    }
    int[] out = new int[HASHES];
    for (int k = 0; k < HASHES; k++) {
      out[k] = (int) min[k];
    }
    return out;
  }

  private static int[] smallSet(long[] shingles) {
    return Arrays.stream(shingles).mapToInt(h -> (int) (h >>> 32)).sorted().distinct().toArray();
  }

  private static double jaccard(int[] a, int[] b) {
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) common / (a.length + b.length - common);
  }

  private static long textHash(String paragraph) {
    long h = 1125899906842597L;
    boolean space = false;
    for (int i = 0; i < paragraph.length(); i++) {
      char c = paragraph.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
        continue;
      }
      if (space) {
        h = 31 * h + ' ';
        space = false;
      }
      h = 31 * h + c;
    }
    return mix(h);
  }

  /** The SplitMix64 finalizer: a fast, well-spread 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long[] seeds() {
    long[] seeds = new long[HASHES];
    long state = 0x5DEECE66DL;
    for (int i = 0; i < HASHES; i++) {
      state += 0x9E3779B97F4A7C15L;
      seeds[i] = mix(state);
    }
    return seeds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParagraphSignature s && s.fingerprint.equals(fingerprint) && s.textHash == textHash
        && Arrays.equals(s.minHash, minHash) && Arrays.equals(s.shingles, shingles);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  @Override
  public String toString() {
    return "ParagraphSignature[" + fingerprint + "]";
  }
}
