package io.docpipe.enrich.text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The whole text enrichment of one document: paragraphs, repeats within it, entities and dates. */
public final class TextEnricher {
  private final ParagraphSplitter splitter = new ParagraphSplitter();
  private final EntityTagger entities;
  private final DateTagger dates = new DateTagger();

  public TextEnricher(EntityTagger entities) {
    this.entities = entities;
  }

  public TextEnricher() {
    this(new GazetteerEntityTagger());
  }

  public EnrichedText enrich(String text, LocalDate referenceDate) {
    List<EnrichedText.Paragraph> paragraphs = new ArrayList<>();
    Map<String, Integer> firstByFingerprint = new HashMap<>();
    for (ParagraphSpan span : splitter.split(text)) {
      String fingerprint = ParagraphFingerprint.of(span.text());
      Integer first = firstByFingerprint.putIfAbsent(fingerprint, span.index());
      paragraphs.add(new EnrichedText.Paragraph(span, fingerprint, first == null ? -1 : first));
    }
    return new EnrichedText(paragraphs, entities.tag(text), dates.tag(text, referenceDate), referenceDate);
  }
}
