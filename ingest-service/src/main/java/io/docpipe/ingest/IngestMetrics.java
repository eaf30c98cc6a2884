package io.docpipe.ingest;

import io.docpipe.runtime.DeadLetterMetric;
import io.docpipe.runtime.KafkaMetricsRefresh;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/** Metrics of the ingest service (Prometheus adds _total / _bytes). Outcome is a tag, never a file name. */
final class IngestMetrics implements AutoCloseable {
  /** Files that reached an end state, tagged outcome=published|failed|skipped|deleted. */
  static final String FILES = "docpipe.ingest.files";
  /** Bytes of files published. */
  static final String BYTES = "docpipe.ingest.published.bytes";
  /** Files waiting to be complete or being processed. */
  static final String PENDING = "docpipe.ingest.pending.files";
  /** Attempts that left a file in the inbox because Kafka or the registry was unavailable. */
  static final String RETRIES = "docpipe.ingest.retries";
  /** Parser threads given up after the parse timeout. */
  static final String ABANDONED_PARSERS = "docpipe.ingest.abandoned.parsers";
  /** File versions known to the ledger. */
  static final String LEDGER_ENTRIES = "docpipe.ingest.ledger.entries";
  /** Seconds since the oldest file still pending (not yet published, failed or skipped) was first seen. */
  static final String OLDEST_PENDING = "docpipe.ingest.oldest.pending.file.age";

  private final MeterRegistry registry;
  private final Counter bytes;
  private final Counter retries;
  private final Counter deadLetters;
  private final List<KafkaClientMetrics> clients = new ArrayList<>();

  IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.bytes = Counter.builder(BYTES).baseUnit("bytes")
        .description("Bytes of the files published to the raw documents topic").register(registry);
    this.retries = Counter.builder(RETRIES)
        .description("Attempts that left a file in the inbox for a retry because Kafka or the registry was unavailable")
        .register(registry);
    this.deadLetters = DeadLetterMetric.of(registry);
    for (String outcome : new String[] {"published", "failed", "skipped", "deleted"}) {
      files(outcome);
    }
  }

  private Counter files(String outcome) {
    return Counter.builder(FILES).tag("outcome", outcome)
        .description("Files that reached an end state: published, failed (dead-lettered, moved to failed/), "
            + "skipped by policy, or deleted (a tombstone published)")
        .register(registry);
  }

  void outcome(String outcome) {
    files(outcome).increment();
    if (outcome.equals("failed")) {
      deadLetters.increment();
    }
  }

  void published(long fileBytes) {
    outcome("published");
    bytes.increment(fileBytes);
  }

  void retry() {
    retries.increment();
  }

  synchronized void bindProducer(Producer<?, ?> producer) {
    clients.forEach(KafkaClientMetrics::close);
    clients.clear();
    KafkaClientMetrics client = new KafkaClientMetrics(producer, List.of(),
        KafkaMetricsRefresh.scheduler("ingest"), KafkaMetricsRefresh.INTERVAL);
    client.bindTo(registry);
    clients.add(client);
  }

  @Override
  public synchronized void close() {
    clients.forEach(KafkaClientMetrics::close);
  }
}
