package io.docpipe.enrich;

/** Metric names of the enrich service (Prometheus adds _total / _seconds). */
final class EnrichMetrics {
  /** Documents processed, tagged outcome=enriched|failed. */
  static final String DOCUMENTS = "docpipe.enrich.documents";
  /** Time to enrich one document. */
  static final String DURATION = "docpipe.enrich.duration";

  private EnrichMetrics() {}
}
