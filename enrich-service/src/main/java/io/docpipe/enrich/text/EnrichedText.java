package io.docpipe.enrich.text;

import java.time.LocalDate;
import java.util.List;

/** Everything enrichment found in one document's text. */
public record EnrichedText(List<Paragraph> paragraphs, List<EntitySpan> entities, List<DateSpan> dates,
    LocalDate referenceDate) {

  /**
   * A paragraph with its fingerprint; {@code firstOccurrence} is the index of the earlier paragraph of the
   * same document it repeats, or -1.
   */
  public record Paragraph(ParagraphSpan span, String fingerprint, int firstOccurrence) {
    public boolean isRepeat() {
      return firstOccurrence >= 0;
    }
  }
}
