package io.docpipe.enrich.text;

import io.docpipe.enrich.repeats.InMemoryRepeatIndex;
import io.docpipe.enrich.repeats.Occurrence;
import io.docpipe.enrich.repeats.ParagraphSignature;
import io.docpipe.enrich.repeats.Repeat;
import io.docpipe.enrich.repeats.RepeatFinder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole text enrichment of one document: paragraphs with their signatures, repeats within the
 * document (exact and near), entities and dates. Repeats across documents are found downstream, with the
 * same signatures and {@link RepeatFinder}.
 */
public final class TextEnricher {
  /** Default near-repeat threshold (estimated Jaccard similarity of character 5-shingles). */
  public static final double NEAR_THRESHOLD = 0.55;

  private final ParagraphSplitter splitter = new ParagraphSplitter();
  private final EntityTagger entities;
  private final DateTagger dates = new DateTagger();
  private final RepeatFinder repeats;

  public TextEnricher(EntityTagger entities, RepeatFinder repeats) {
    this.entities = entities;
    this.repeats = repeats;
  }

  public TextEnricher() {
    this(defaultEntityTagger(), new RepeatFinder(NEAR_THRESHOLD));
  }

  /** The product's entity tagger: the rules, assisted by the statistical name finder. */
  public static EntityTagger defaultEntityTagger() {
    return new GazetteerEntityTagger(new ModelEntityTagger());
  }

  public RepeatFinder repeatFinder() {
    return repeats;
  }

  public EnrichedText enrich(String text, LocalDate referenceDate) {
    List<EnrichedText.Paragraph> paragraphs = new ArrayList<>();
    InMemoryRepeatIndex withinDocument = new InMemoryRepeatIndex();
    for (ParagraphSpan span : splitter.split(text)) {
      ParagraphSignature signature = ParagraphSignature.of(span.text());
      Occurrence occurrence = new Occurrence("", "", span.index(), 0, signature);
      Repeat repeat = repeats.findOrRemember(occurrence, signature.keys(), withinDocument).orElse(null);
      paragraphs.add(new EnrichedText.Paragraph(span, signature, repeat));
    }
    return new EnrichedText(paragraphs, entities.tag(text), dates.tag(text, referenceDate), referenceDate);
  }
}
