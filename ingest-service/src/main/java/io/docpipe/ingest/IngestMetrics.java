package io.docpipe.ingest;

/** Metric names of the ingest service (Prometheus adds _total / _seconds / _bytes). */
final class IngestMetrics {
  /** Files that reached an end state, tagged outcome=published|failed|skipped. */
  static final String FILES = "docpipe.ingest.files";
  /** Bytes of files published. */
  static final String BYTES = "docpipe.ingest.published.bytes";
  /** Time from a file being complete to its record being acknowledged by Kafka. */
  static final String DURATION = "docpipe.ingest.duration";
  /** Files waiting to be complete or processed. */
  static final String PENDING = "docpipe.ingest.pending.files";
  /** Publish attempts that failed because Kafka or the registry was unavailable (file stays in inbox). */
  static final String RETRIES = "docpipe.ingest.retries";

  private IngestMetrics() {}
}
