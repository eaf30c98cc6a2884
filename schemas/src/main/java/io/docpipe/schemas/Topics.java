package io.docpipe.schemas;


/** Every topic of the pipeline, in one place. */
public final class Topics {
  /** Documents as extracted by the ingest service. Key: document id. */
  public static final Topic<RawDocument> RAW_DOCUMENTS =
      new Topic<>("docpipe.documents.raw", RawDocument.getClassSchema());

  /** Documents with paragraphs, repeats, entities and dates. Key: document id. */
  public static final Topic<EnrichedDocument> ENRICHED_DOCUMENTS =
      new Topic<>("docpipe.documents.enriched", EnrichedDocument.getClassSchema());

  /**
   * Records a stage could not process, with {@link DeadLetterHeaders} saying why and where they came from.
   * The value is the original record's bytes, or empty when the failure happened before there was one (a
   * file that could not be read).
   */
  public static final String DEAD_LETTER = "docpipe.dead-letter";
  /**
   * Header on a raw record published again by {@code docpipe reenrich} (its value: when): the enriched record
   * leaves {@code source.arrivalTime} out, so a re-enrichment does not count as a slow drop-to-searchable.
   */
  public static final String REENRICH_HEADER = "docpipe.reenrich";

  /**
   * The ingest service's durable ledger (compacted): key = file path relative to the inbox, value =
   * {@code PUBLISHED <sha256>} or {@code FAILED <sha256>}; a tombstone when the file is gone. Written in the
   * same transaction as the raw record, so a version is published exactly once even across crashes.
   */
  public static final String INGEST_LEDGER = "docpipe.ingest.ledger";

  private Topics() {}
}
