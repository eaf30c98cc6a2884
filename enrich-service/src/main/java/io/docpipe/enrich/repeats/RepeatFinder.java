package io.docpipe.enrich.repeats;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the earliest earlier paragraph that a paragraph repeats, through any {@link RepeatIndex}: same
 * normalized text (exact key), or a near repeat (band keys, verified on the whole signature): an estimated
 * similarity of at least the near-repeat threshold (paragraphs of at most {@value #SHORT_WORDS} words need the
 * same words) and {@link ContentFacts} that agree. A paragraph never repeats itself, nor a paragraph of another
 * version of its own document (re-ingesting a document must not mark it as a copy of itself); within one
 * version, only a paragraph before it.
 */
public final class RepeatFinder {
  private final double nearThreshold;

  /** @param nearThreshold estimated Jaccard similarity of character 5-shingles from which paragraphs are near repeats */
  public RepeatFinder(double nearThreshold) {
    if (!(nearThreshold > 0 && nearThreshold <= 1)) {
      throw new IllegalArgumentException("the near-repeat threshold must be in (0, 1], got " + nearThreshold);
    }
    this.nearThreshold = nearThreshold;
  }

  public double nearThreshold() {
    return nearThreshold;
  }

  /** Words up to which a paragraph repeats another only with the same words (case and punctuation aside). */
  static final int SHORT_WORDS = 8;
  /**
   * The similarity a near repeat needs: short paragraphs need stronger evidence, since one changed word
   * moves their similarity least relative to what it changes in meaning.
   */
  double threshold(int words) {
    if (words <= SHORT_WORDS) {
      return 1.0; // short paragraphs keep their shingles: 1.0 is the exact Jaccard of the same words
    }
    return nearThreshold;
  }

  /**
   * Looks the paragraph up under the given keys (all of its keys, or the share of them one partition
   * holds) and, when it repeats nothing there, remembers it under those keys as a first occurrence.
   */
  public Optional<Repeat> findOrRemember(Occurrence paragraph, Collection<String> keys, RepeatIndex index) {
    Optional<Repeat> repeat = find(paragraph, keys, index);
    if (repeat.isEmpty()) {
      for (String key : keys) {
        if (index.lookup(key).stream().noneMatch(o -> sameParagraph(o, paragraph))) {
          index.remember(key, paragraph);
        }
      }
    }
    return repeat;
  }

  public Optional<Repeat> find(Occurrence paragraph, Collection<String> keys, RepeatIndex index) {
    Repeat best = null;
    for (String key : keys) {
      for (Occurrence earlier : index.lookup(key)) {
        if (!comparable(earlier, paragraph) || (best != null && !earlier.isBefore(best.first()))) {
          continue;
        }
        ParagraphSignature a = earlier.signature();
        ParagraphSignature b = paragraph.signature();
        boolean sameText = a.fingerprint().equals(b.fingerprint());
        double similarity = a.similarity(b);
        if (sameText || (similarity >= threshold(Math.max(a.words(), b.words())) && a.sameFacts(b))) {
          boolean exact = sameText && a.textHash() == b.textHash();
          best = new Repeat(exact ? Repeat.Kind.EXACT : Repeat.Kind.NEAR, earlier, similarity);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean comparable(Occurrence earlier, Occurrence paragraph) {
    if (earlier.documentId().equals(paragraph.documentId())) {
      return earlier.version().equals(paragraph.version()) && earlier.paragraphIndex() < paragraph.paragraphIndex();
    }
    return earlier.isBefore(paragraph);
  }

  private static boolean sameParagraph(Occurrence a, Occurrence b) {
    return a.documentId().equals(b.documentId()) && a.version().equals(b.version())
        && a.paragraphIndex() == b.paragraphIndex();
  }
}
