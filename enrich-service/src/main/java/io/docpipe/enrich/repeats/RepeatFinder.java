package io.docpipe.enrich.repeats;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the earliest earlier paragraph that a paragraph repeats, through any {@link RepeatIndex}: same
 * normalized text (exact key), or an estimated similarity of at least the near-repeat threshold (band
 * keys, verified on the whole signature). A paragraph never repeats itself, nor a paragraph of another
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
        double similarity = earlier.signature().similarity(paragraph.signature());
        if (similarity >= nearThreshold) {
          boolean exact = earlier.signature().textHash() == paragraph.signature().textHash()
              && earlier.signature().fingerprint().equals(paragraph.signature().fingerprint());
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
