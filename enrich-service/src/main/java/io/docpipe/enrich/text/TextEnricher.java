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
 *
 * <p>Work is bounded by {@code maxAnalyzedChars}: every step is linear, but the name finder and the date
 * rules cost a few microseconds a character, so a 20 M-character text would take minutes. Past the budget
 * (cut at a line break or a space before it) the text is still split into paragraphs, each with its
 * fingerprint and exact-repeat key, but it is not tagged and its paragraphs get no near-repeat signature;
 * {@link EnrichedText#analyzedChars()} says where analysis stopped.
 */
public final class TextEnricher {
  /** Default near-repeat threshold (estimated Jaccard similarity of character 5-shingles). */
  public static final double NEAR_THRESHOLD = 0.55;
  /**
   * Default analysis budget: a 200-page report. Its worst case (one token every five characters, or names
   * everywhere) takes about 3 s of one idle core, mostly in the name finder (see BENCHMARKS.md), a sixth
   * of the default per-document time limit.
   */
  public static final int MAX_ANALYZED_CHARS = 500_000;

  private final ParagraphSplitter splitter = new ParagraphSplitter();
  private final EntityTagger entities;
  private final DateTagger dates = new DateTagger();
  private final RepeatFinder repeats;
  private final int maxAnalyzedChars;

  public TextEnricher(EntityTagger entities, RepeatFinder repeats, int maxAnalyzedChars) {
    if (maxAnalyzedChars < 1) {
      throw new IllegalArgumentException("maxAnalyzedChars must be positive, got " + maxAnalyzedChars);
    }
    this.entities = entities;
    this.repeats = repeats;
    this.maxAnalyzedChars = maxAnalyzedChars;
  }

  public TextEnricher(EntityTagger entities, RepeatFinder repeats) {
    this(entities, repeats, MAX_ANALYZED_CHARS);
  }

  public TextEnricher() {
    this(defaultEntityTagger(), new RepeatFinder(NEAR_THRESHOLD));
  }

  /**
   * The product's entity tagger: the statistical name finder, post-corrected by the rules (which add
   * nationalities, and names in places where the finder found none).
   */
  public static EntityTagger defaultEntityTagger() {
    return defaultEntityTagger(new ModelEntityTagger());
  }

  static EntityTagger defaultEntityTagger(ModelEntityTagger model) {
    return new StatisticalEntityTagger(model, new GazetteerEntityTagger());
  }

  public RepeatFinder repeatFinder() {
    return repeats;
  }

  public EnrichedText enrich(String text, LocalDate referenceDate) {
    int analyzed = analyzedLength(text, maxAnalyzedChars);
    List<EnrichedText.Paragraph> paragraphs = new ArrayList<>();
    InMemoryRepeatIndex withinDocument = new InMemoryRepeatIndex();
    for (ParagraphSpan span : splitter.split(text)) {
      Interruptions.check();
      ParagraphSignature signature = span.end() <= analyzed
          ? ParagraphSignature.of(span.text()) : ParagraphSignature.exactOnly(span.text());
      Occurrence occurrence = new Occurrence("", "", span.index(), 0, signature);
      Repeat repeat = repeats.findOrRemember(occurrence, signature.keys(), withinDocument).orElse(null);
      paragraphs.add(new EnrichedText.Paragraph(span, signature, repeat));
    }
    String head = analyzed == text.length() ? text : text.substring(0, analyzed);
    List<EntitySpan> names = entities.tag(head);
    Interruptions.check();
    List<DateSpan> mentions = dates.tag(head, referenceDate);
    return new EnrichedText(paragraphs, names, mentions, referenceDate, analyzed);
  }

  /**
   * The whole length when it fits the budget; else the budget cut back to the last line break in its
   * second half, or else the last space, so that no word or line is cut in two.
   */
  static int analyzedLength(String text, int budget) {
    if (text.length() <= budget) {
      return text.length();
    }
    int newline = text.lastIndexOf('\n', budget);
    if (newline >= budget / 2) {
      return newline;
    }
    int space = text.lastIndexOf(' ', budget);
    return space >= budget / 2 ? space : budget;
  }
}
