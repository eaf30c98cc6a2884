package io.docpipe.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one metric every stage shares: records it wrote to the dead-letter topic. The {@code service} tag
 * that every docpipe meter carries names the stage (ingest, enrich, index), so dashboards and alerts read
 * dead letters by stage from one series name.
 */
public final class DeadLetterMetric {
  /** Prometheus: {@code docpipe_dead_letter_records_total{service=...}}. */
  public static final String NAME = "docpipe.dead.letter.records";

  private DeadLetterMetric() {}

  /** The stage's counter, registered at start so that it reads 0 rather than nothing before the first. */
  public static Counter of(MeterRegistry registry) {
    return Counter.builder(NAME)
        .description("Records this stage wrote to the dead-letter topic (docpipe.dead-letter), each with its reason")
        .register(registry);
  }
}
