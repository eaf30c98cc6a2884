package io.docpipe.enrich.text;

import io.docpipe.enrich.repeats.ParagraphSignature;
import io.docpipe.enrich.repeats.Repeat;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything enrichment found in one document's text.
 *
 * @param analyzedChars how much of the text (from its start) was tagged and given near-repeat signatures:
 *     the whole length unless the text was longer than the enricher's budget
 */
public record EnrichedText(List<Paragraph> paragraphs, List<EntitySpan> entities, List<DateSpan> dates,
    LocalDate referenceDate, int analyzedChars) {

  /**
   * A paragraph with its signature; {@code repeatWithin} is set when it repeats an earlier paragraph of the
   * same document (its {@code first().paragraphIndex()}), else null.
   */
  public record Paragraph(ParagraphSpan span, ParagraphSignature signature, Repeat repeatWithin) {
    public boolean isRepeat() {
      return repeatWithin != null;
    }

    public int firstOccurrence() {
      return repeatWithin == null ? -1 : repeatWithin.first().paragraphIndex();
    }

    public String fingerprint() {
      return signature.fingerprint();
    }
  }
}
