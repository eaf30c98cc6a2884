package io.docpipe.enrich;

/** Metric names of the enrich service (Prometheus adds _total / _seconds). */
final class EnrichMetrics {
  /** Documents processed, tagged outcome=enriched|failed. */
  static final String DOCUMENTS = "docpipe.enrich.documents";
  /** Time to enrich one document. */
  static final String DURATION = "docpipe.enrich.duration";

  /** Paragraphs marked as repeats, tagged kind=exact|near and scope=within|across (documents). */
  static final String REPEATS = "docpipe.enrich.repeated.paragraphs";
  /** Time from a document's enrichment to its publication, waiting for the cross-document repeat lookup. */
  static final String REPEAT_LOOKUP = "docpipe.enrich.repeat.lookup";

  private EnrichMetrics() {}

  static io.micrometer.core.instrument.Counter documents(io.micrometer.core.instrument.MeterRegistry registry,
      String outcome) {
    return io.micrometer.core.instrument.Counter.builder(DOCUMENTS).tag("outcome", outcome)
        .description("Documents processed: enriched, or failed (dead-lettered with the reason)")
        .register(registry);
  }

  static void countRepeats(io.micrometer.core.instrument.MeterRegistry registry, String kind, String scope,
      int n) {
    if (n > 0) {
      repeats(registry, kind, scope).increment(n);
    }
  }

  /** Registers the four repeat series at start, so that they read 0 rather than nothing. */
  static void registerRepeats(io.micrometer.core.instrument.MeterRegistry registry) {
    for (String kind : new String[] {"exact", "near"}) {
      for (String scope : new String[] {"within", "across"}) {
        repeats(registry, kind, scope);
      }
    }
  }

  private static io.micrometer.core.instrument.Counter repeats(
      io.micrometer.core.instrument.MeterRegistry registry, String kind, String scope) {
    return io.micrometer.core.instrument.Counter.builder(REPEATS).tag("kind", kind).tag("scope", scope)
        .description("Paragraphs marked as repeats, by kind (exact, near) and scope (within a document, "
            + "across documents)")
        .register(registry);
  }
}
