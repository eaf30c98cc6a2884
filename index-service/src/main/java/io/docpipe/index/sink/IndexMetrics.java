package io.docpipe.index.sink;

import io.docpipe.runtime.DeadLetterMetric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Meters of the index service (Prometheus adds _total / _seconds), each registered at start. */
public final class IndexMetrics {
  /** Records settled, tagged outcome=indexed|deleted|superseded|failed. */
  static final String DOCUMENTS = "docpipe.index.documents";
  /** Time to settle one bulk batch, retries included. */
  static final String BULK_DURATION = "docpipe.index.bulk.duration";
  /** Bulk attempts that failed retryably (OpenSearch down, 429, 5xx). */
  static final String RETRIES = "docpipe.index.retries";
  /** From a file's arrival in the inbox to its document acknowledged by OpenSearch; a histogram. */
  static final String END_TO_END = "docpipe.end.to.end.latency";

  private static final String[] OUTCOMES = {"indexed", "deleted", "superseded", "failed"};

  private final MeterRegistry registry;
  private final Counter retries;
  private final Counter deadLetters;
  private final Timer bulkDuration;
  private final Timer endToEnd;

  public IndexMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String outcome : OUTCOMES) {
      documents(outcome);
    }
    this.retries = Counter.builder(RETRIES)
        .description("Bulk writes or batches that failed retryably (OpenSearch down, 429, 5xx, registry, "
            + "credentials) and were retried")
        .register(registry);
    this.deadLetters = DeadLetterMetric.of(registry);
    this.bulkDuration = Timer.builder(BULK_DURATION)
        .description("Time to settle one bulk batch in OpenSearch, retries included")
        .register(registry);
    this.endToEnd = Timer.builder(END_TO_END)
        .description("From a file's first sighting in the inbox to its document acknowledged by OpenSearch "
            + "(searchable at the next index refresh, 1 s by default)")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(50))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry);
  }

  Counter documents(String outcome) {
    return Counter.builder(DOCUMENTS).tag("outcome", outcome)
        .description("Records settled in OpenSearch: indexed, deleted, superseded (an older version), or "
            + "failed (dead-lettered with the reason)")
        .register(registry);
  }

  Counter retries() {
    return retries;
  }

  Counter deadLetters() {
    return deadLetters;
  }

  Timer bulkDuration() {
    return bulkDuration;
  }

  Timer endToEnd() {
    return endToEnd;
  }
}
