package io.docpipe.enrich;

import io.docpipe.enrich.text.DateSpan;
import io.docpipe.enrich.text.EnrichedText;
import io.docpipe.enrich.text.EntitySpan;
import io.docpipe.enrich.text.TextEnricher;
import io.docpipe.schemas.DateGranularity;
import io.docpipe.schemas.DateMention;
import io.docpipe.schemas.DocumentSummary;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.EntityCount;
import io.docpipe.schemas.EntityMention;
import io.docpipe.schemas.EntityType;
import io.docpipe.schemas.Paragraph;
import io.docpipe.schemas.PartialAnalysis;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.ReferenceDate;
import io.docpipe.schemas.ReferenceDateOrigin;
import io.docpipe.schemas.RepeatKind;
import io.docpipe.schemas.RepeatOf;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a raw document record into its enriched record, using the pure-Java {@link TextEnricher}. */
public final class DocumentEnricher {
  /**
   * The version of the built-in tagger: change it whenever entities, dates or repeat marks change, so that
   * operators can see which records an upgrade has reached and re-enrich the rest ({@code docpipe reenrich}).
   */
  public static final String TAGGER_VERSION = "model-2026.12";
  private final TextEnricher enricher;
  private final Clock clock;
  private final String taggerVersion;

  public DocumentEnricher(TextEnricher enricher, Clock clock) {
    this(enricher, clock, TAGGER_VERSION);
  }

  public DocumentEnricher(TextEnricher enricher, Clock clock, String taggerVersion) {
    this.enricher = enricher;
    this.clock = clock;
    this.taggerVersion = taggerVersion;
  }

  /** The enriched record, and each paragraph's signature for the cross-document repeat lookup. */
  public record Enriched(EnrichedDocument document, List<EnrichedText.Paragraph> paragraphs) {}

  public EnrichedDocument enrich(RawDocument raw) {
    return enrichWithSignatures(raw).document();
  }

  public Enriched enrichWithSignatures(RawDocument raw) {
    return enrichWithSignatures(raw, null);
  }

  /** @param override the reference date to use instead of the document's or the file's, or null */
  public Enriched enrichWithSignatures(RawDocument raw, ReferenceDate override) {
    ReferenceDate reference = override != null ? override : referenceDate(raw);
    EnrichedText result = enricher.enrich(raw.getText(), LocalDate.parse(reference.getDate()));
    List<Paragraph> paragraphs = new ArrayList<>(result.paragraphs().size());
    int repeats = 0;
    for (EnrichedText.Paragraph p : result.paragraphs()) {
      RepeatOf repeatOf = null;
      if (p.isRepeat()) {
        repeats++;
        repeatOf = new RepeatOf(p.repeatWithin().kind() == io.docpipe.enrich.repeats.Repeat.Kind.EXACT
            ? RepeatKind.EXACT : RepeatKind.NEAR, raw.getDocumentId(), p.firstOccurrence());
      }
      paragraphs.add(new Paragraph(p.span().index(), p.span().start(), p.span().end(), p.span().text(),
          p.fingerprint(), repeatOf));
    }
    List<EntityMention> entities = result.entities().stream()
        .map(e -> new EntityMention(e.text(), EntityType.valueOf(e.kind().name()), e.start(), e.end()))
        .toList();
    List<DateMention> dates = result.dates().stream().map(DocumentEnricher::dateMention).toList();
    return new Enriched(EnrichedDocument.newBuilder()
        .setDocumentId(raw.getDocumentId())
        .setVersion(raw.getVersion())
        .setSource(raw.getSource())
        .setText(raw.getText())
        .setTitle(raw.getTitle())
        .setLanguage(raw.getLanguage())
        .setAuthor(raw.getAuthor())
        .setCreated(raw.getCreated())
        .setModified(raw.getModified())
        .setIngestTime(raw.getIngestTime())
        .setEnrichTime(clock.instant())
        .setTaggerVersion(taggerVersion)
        .setReferenceDate(reference)
        .setParagraphs(paragraphs)
        .setEntities(entities)
        .setDates(dates)
        .setSummary(summary(result, repeats))
        .setPartialAnalysis(partial(raw.getText().length(), result.analyzedChars()))
        .build(), result.paragraphs());
  }

  private static PartialAnalysis partial(int textChars, int analyzedChars) {
    if (analyzedChars >= textChars) {
      return null;
    }
    return new PartialAnalysis(analyzedChars, textChars, "the text is longer than the analysis budget: "
        + "entities, dates and near repeats cover its first " + analyzedChars + " of " + textChars
        + " characters (DOCPIPE_ENRICH_MAX_ANALYZED_CHARS)");
  }

  /** The document's own date when ingest found one, else the file's modified day (UTC). */
  static ReferenceDate referenceDate(RawDocument raw) {
    if (raw.getDocumentDate() != null) {
      return new ReferenceDate(raw.getDocumentDate(), ReferenceDateOrigin.DOCUMENT_METADATA);
    }
    LocalDate modified = LocalDate.ofInstant(raw.getSource().getModifiedTime(), ZoneOffset.UTC);
    return new ReferenceDate(modified.toString(), ReferenceDateOrigin.FILE_MODIFIED_TIME);
  }

  private static DateMention dateMention(DateSpan d) {
    return new DateMention(d.text(), d.value(), DateGranularity.valueOf(d.granularity().name()),
        d.modifier(), d.start(), d.end(), d.firstDay().toString(), d.lastDay().toString());
  }

  private static DocumentSummary summary(EnrichedText result, int repeats) {
    Map<EntityKey, Integer> counts = new LinkedHashMap<>();
    for (EntitySpan e : result.entities()) {
      counts.merge(new EntityKey(e.kind().name(), e.text().replaceAll("\\s+", " ")), 1, Integer::sum);
    }
    List<EntityCount> ranked = new ArrayList<>();
    counts.forEach((key, count) ->
        ranked.add(new EntityCount(EntityType.valueOf(key.type()), key.text(), count)));
    ranked.sort(Comparator.comparingInt(EntityCount::getCount).reversed()
        .thenComparing(EntityCount::getText));
    String earliest = result.dates().stream().map(DateSpan::firstDay).min(LocalDate::compareTo)
        .map(LocalDate::toString).orElse(null);
    String latest = result.dates().stream().map(DateSpan::lastDay).max(LocalDate::compareTo)
        .map(LocalDate::toString).orElse(null);
    return new DocumentSummary(ranked, earliest, latest, repeats);
  }

  private record EntityKey(String type, String text) {}
}
