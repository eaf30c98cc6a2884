package io.docpipe.enrich.repeats;

import java.util.Comparator;

/**
 * A paragraph where it occurs. {@code order} (the document's ingest time, ms) with the document id and
 * paragraph index gives every paragraph one place in a total order: a paragraph only ever repeats one
 * earlier in that order, so two copies can never be marked as repeats of each other.
 */
public record Occurrence(String documentId, String version, int paragraphIndex, long order,
    ParagraphSignature signature) {
  static final Comparator<Occurrence> EARLIEST = Comparator.comparingLong(Occurrence::order)
      .thenComparing(Occurrence::documentId).thenComparingInt(Occurrence::paragraphIndex);

  boolean isBefore(Occurrence other) {
    return EARLIEST.compare(this, other) < 0;
  }
}
