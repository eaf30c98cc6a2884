package io.docpipe.index;

/** Metric names of the index service (Prometheus adds _total / _seconds). */
final class IndexMetrics {
  /** Records settled, tagged outcome=indexed|deleted|failed. */
  static final String DOCUMENTS = "docpipe.index.documents";
  /** Time to settle one bulk batch, retries included. */
  static final String BULK_DURATION = "docpipe.index.bulk.duration";
  /** Bulk attempts that failed retryably (OpenSearch down, 429, 5xx). */
  static final String RETRIES = "docpipe.index.retries";

  private IndexMetrics() {}
}
