package io.docpipe.enrich;

import io.docpipe.enrich.repeats.InMemoryRepeatIndex;
import io.docpipe.enrich.repeats.Occurrence;
import io.docpipe.enrich.repeats.RepeatFinder;
import io.docpipe.enrich.text.EnrichedText;
import io.docpipe.enrich.text.TextEnricher;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.ReferenceDate;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * The enrichment of the enrich service without Kafka, for {@code docpipe enrich}: the same enricher, and
 * repeats across the documents of one run (in the order given) found with the same finder, in memory.
 */
public final class LocalEnrichment {
  private final DocumentEnricher enricher;
  private final RepeatFinder finder;
  private final InMemoryRepeatIndex acrossDocuments = new InMemoryRepeatIndex();
  private long order;

  public LocalEnrichment(double nearRepeatSimilarity, Clock clock) {
    this.finder = new RepeatFinder(nearRepeatSimilarity);
    this.enricher = new DocumentEnricher(new TextEnricher(TextEnricher.defaultEntityTagger(), finder), clock);
  }

  /** Enriches one document; {@code referenceDate} null means the document's own date, else the file's. */
  public EnrichedDocument enrich(RawDocument raw, ReferenceDate referenceDate) {
    DocumentEnricher.Enriched result = enricher.enrichWithSignatures(raw, referenceDate);
    long position = order++;
    Map<Integer, RepeatMessages.Answer> repeats = new TreeMap<>();
    for (EnrichedText.Paragraph p : result.paragraphs()) {
      if (p.isRepeat()) {
        continue;
      }
      Occurrence occurrence = new Occurrence(raw.getDocumentId(), raw.getVersion(), p.span().index(), position,
          p.signature());
      finder.findOrRemember(occurrence, p.signature().keys(), acrossDocuments)
          .ifPresent(r -> repeats.put(p.span().index(), new RepeatMessages.Answer(p.span().index(), r.kind(),
              r.first().documentId(), r.first().paragraphIndex(), r.first().order())));
    }
    return RepeatGatherProcessor.withRepeats(result.document(), repeats);
  }
}
