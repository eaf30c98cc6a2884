package io.docpipe.index.sink;

import io.docpipe.index.OpenSearchException;
import io.docpipe.runtime.Backoff;
import io.docpipe.runtime.WorkLoopHealth;
import io.docpipe.schemas.EnrichedDocument;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index service's work: enriched records in batches from the consumer, each batch written to OpenSearch
 * until settled, what OpenSearch refuses for good (and what cannot be decoded) dead-lettered and acknowledged,
 * and only then the batch's offsets committed. A batch closes at {@link Limits#maxDocs} records,
 * {@link Limits#maxBytes} bytes, or {@link Limits#linger} after its first record. A batch that fails for a
 * reason outside its records (OpenSearch down or refusing the credentials, the registry, a dead-letter send,
 * an offset commit) is retried whole after a back-off: writing a document again changes nothing (external
 * versions), and nothing is dead-lettered for an outage. Runs on one thread, the consumer's.
 */
public final class IndexLoop {
  private static final Logger LOG = LoggerFactory.getLogger(IndexLoop.class);

  /** How batches close and how a failing batch backs off. */
  public record Limits(int maxDocs, long maxBytes, Duration linger, Duration initialBackoff, Duration maxBackoff) {}

  private final Consumer<String, byte[]> consumer;
  private final BatchPreparer preparer;
  private final BulkIndexer indexer;
  private final DeadLetterWriter deadLetters;
  private final IndexMetrics meters;
  private final WorkLoopHealth health;
  private final Limits limits;
  private final BooleanSupplier running;
  private final AtomicBoolean openSearchUp;

  public IndexLoop(Consumer<String, byte[]> consumer, Deserializer<EnrichedDocument> deserializer,
      int maxIndexedChars, BulkIndexer indexer, DeadLetterWriter deadLetters, IndexMetrics meters,
      WorkLoopHealth health, Limits limits, BooleanSupplier running, AtomicBoolean openSearchUp) {
    this.consumer = consumer;
    this.preparer = new BatchPreparer(deserializer, maxIndexedChars, this::deadLetter);
    this.indexer = indexer;
    this.deadLetters = deadLetters;
    this.meters = meters;
    this.health = health;
    this.limits = limits;
    this.running = running;
    this.openSearchUp = openSearchUp;
  }

  /** Polls, batches and settles until {@code running} turns false (or the consumer is woken up). */
  public void run() throws InterruptedException {
    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
    long bytes = 0;
    long deadline = 0;
    while (running.getAsBoolean()) {
      long wait = batch.isEmpty() ? limits.linger().toMillis()
          : Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(wait))) {
        if (batch.isEmpty()) {
          deadline = System.nanoTime() + limits.linger().toNanos();
          health.working();
        }
        batch.add(record);
        bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
      }
      if (batch.isEmpty()) {
        health.idle();
      } else if (batch.size() >= limits.maxDocs() || bytes >= limits.maxBytes() || System.nanoTime() >= deadline) {
        settleUntilDone(batch);
        health.progress();
        batch = new ArrayList<>();
        bytes = 0;
      }
    }
  }

  private void settleUntilDone(List<ConsumerRecord<String, byte[]>> batch) throws InterruptedException {
    Backoff backoff = new Backoff(limits.initialBackoff(), limits.maxBackoff());
    KeepAlive keepAlive = new KeepAlive();
    while (true) {
      try {
        settle(preparer.prepare(batch));
        return;
      } catch (TransientFailure | BatchPreparer.RegistryUnavailable e) {
        health.failing(e.getMessage());
        meters.retries().increment();
        LOG.warn("batch of {} records not settled, will retry: {}", batch.size(), e.getMessage());
        if (!keepAlive.keepTrying()) {
          throw new InterruptedException("stopped while retrying a batch");
        }
        backoff.sleep(keepAlive::keepTrying);
      }
    }
  }

  /** A batch could not be settled for a reason outside its records; it is retried whole after a back-off. */
  private static final class TransientFailure extends RuntimeException {
    TransientFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, String reason, String exception) {
    deadLetters.send(record, reason, exception);
    meters.deadLetters().increment();
  }

  /**
   * Writes a prepared batch until settled, dead-letters what OpenSearch refuses, waits until every
   * dead-letter record is acknowledged, and only then commits the batch's offsets.
   */
  private void settle(BatchPreparer.Prepared batch) throws InterruptedException {
    Timer.Sample sample = Timer.start();
    List<BulkIndexer.Action> actions = batch.actions();
    List<BulkIndexer.Failure> failures;
    try {
      failures = indexer.write(actions, new KeepAlive());
    } catch (OpenSearchException e) {
      // The whole request was refused: credentials or permissions (an operator can mend them) are retried
      // and reported; anything else is about these records, which go to the dead letter.
      if (e.status() == 401 || e.status() == 403) {
        openSearchUp.set(false);
        throw new TransientFailure("OpenSearch refused the service's credentials (HTTP " + e.status() + "): "
            + e.getMessage(), e);
      }
      failures = actions.stream().map(a -> new BulkIndexer.Failure(a, e.status(), e.getMessage())).toList();
    }
    for (BulkIndexer.Failure failure : failures) {
      @SuppressWarnings("unchecked")
      ConsumerRecord<String, byte[]> record = (ConsumerRecord<String, byte[]>) failure.action().context();
      deadLetter(record, "OpenSearch refused the document (HTTP " + failure.status() + "): "
          + failure.reason(), OpenSearchException.class.getName());
    }
    try {
      deadLetters.awaitAcknowledged();
    } catch (ExecutionException e) {
      throw new TransientFailure("a dead-letter record was not acknowledged: " + e.getCause(), e.getCause());
    }
    count("failed", failures.size());
    long deletes = actions.stream().filter(a -> a.json() == null).count();
    count("deleted", deletes);
    count("superseded", indexer.superseded());
    count("indexed", actions.size() - failures.size() - deletes - indexer.superseded());
    Instant written = Instant.now();
    Set<Object> refused = Collections.newSetFromMap(new IdentityHashMap<>());
    failures.forEach(failure -> refused.add(failure.action().context()));
    batch.arrivals().forEach((record, arrival) -> {
      if (!refused.contains(record)) {
        meters.endToEnd().record(Duration.between(arrival, written));
      }
    });
    commit(batch.records());
    sample.stop(meters.bulkDuration());
  }

  private void commit(List<ConsumerRecord<String, byte[]>> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      offsets.merge(new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1), (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    try {
      consumer.commitSync(offsets);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // Partitions moved to another instance meanwhile: it re-reads from the last commit, and the external
      // versions make writing those documents again change nothing.
      LOG.info("offsets not committed (partitions reassigned): {}", e.getMessage());
    } catch (RetriableException e) {
      throw new TransientFailure("offsets not committed: " + e.getMessage(), e);
    }
  }

  private void count(String outcome, long n) {
    if (n > 0) {
      meters.documents(outcome).increment(n);
    }
  }

  /** While a batch is retried: report not-ready and keep the consumer in its group without new records. */
  private final class KeepAlive implements BulkIndexer.RetryListener {
    @Override
    public void onSuccess() {
      openSearchUp.set(true);
      health.working(); // alive and writing, even while some items are retried
    }

    @Override
    public void onRetryableFailure(OpenSearchException e) {
      openSearchUp.set(false);
      health.failing("OpenSearch bulk write failing: " + e.getMessage());
      meters.retries().increment();
      LOG.warn("bulk write failed, will retry: {}", e.getMessage());
    }

    @Override
    public boolean keepTrying() {
      if (!running.getAsBoolean()) {
        return false;
      }
      var assignment = consumer.assignment();
      consumer.pause(assignment);
      consumer.poll(Duration.ZERO); // paused: returns nothing, but resets the poll timer
      consumer.resume(assignment);
      return true;
    }
  }
}
