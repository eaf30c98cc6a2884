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

  static void countRepeats(io.micrometer.core.instrument.MeterRegistry registry, String kind, String scope,
      int n) {
    if (n > 0) {
      io.micrometer.core.instrument.Counter.builder(REPEATS).tag("kind", kind).tag("scope", scope)
          .register(registry).increment(n);
    }
  }
}
