package io.docpipe.ingest.publish;

import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second half of a file's way: settles work in Kafka transactions of up to {@code maxBatch} files, each
 * with its ledger entry, so that a version is published (or dead-lettered) exactly once. Only after the
 * commit are the files moved and the outcomes reported. When Kafka is unavailable the batch is aborted,
 * the producer rebuilt, the ledger re-read (the commit may have gone through), and the files left for a
 * later attempt.
 */
public final class BatchPublisher implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchPublisher.class);

  /** What to do once a batch is committed, or could not be. */
  public interface Outcomes {
    void settled(Work work);

    void retryLater(Work work, String reason);
  }

  private final BlockingQueue<Work> queue;
  /** Bytes of serialized records waiting, in KiB permits: bounds memory whatever the file sizes. */
  private final Semaphore bufferKib;
  private final int bufferLimitKib;
  private final Supplier<Producer<String, byte[]>> producers;
  private final Ledger ledger;
  private final Outcomes outcomes;
  private final int maxBatch;
  private final Duration linger;
  private volatile boolean running = true;
  private volatile boolean healthy = true;
  private boolean ledgerStale;
  private volatile long commitStartedNanos;
  private static final long STUCK_NANOS = 10_000_000_000L;
  private Producer<String, byte[]> producer;

  public BatchPublisher(int capacity, long bufferBytes, Supplier<Producer<String, byte[]>> producers, Ledger ledger,
      Outcomes outcomes, int maxBatch, Duration linger) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.bufferLimitKib = (int) Math.max(1, bufferBytes / 1024);
    this.bufferKib = new Semaphore(bufferLimitKib);
    this.producers = producers;
    this.ledger = ledger;
    this.outcomes = outcomes;
    this.maxBatch = maxBatch;
    this.linger = linger;
  }

  /** Blocks while the queue or its byte budget is full: extraction slows down to what Kafka takes. */
  public void submit(Work work) throws InterruptedException {
    bufferKib.acquire(kib(work));
    try {
      queue.put(work);
    } catch (InterruptedException e) {
      bufferKib.release(kib(work));
      throw e;
    }
  }

  /** A work item's share of the byte budget; one larger than the whole budget takes all of it. */
  private int kib(Work work) {
    long bytes = work instanceof Work.Publish p ? p.value().length : 1024;
    return (int) Math.min(bufferLimitKib, Math.max(1, bytes / 1024));
  }

  private Work taken(Work work) {
    if (work != null) {
      bufferKib.release(kib(work));
    }
    return work;
  }

  /** False after a failed commit, or while a commit has been waiting on Kafka for over ten seconds. */
  public boolean isHealthy() {
    long since = commitStartedNanos;
    return healthy && (since == 0 || System.nanoTime() - since < STUCK_NANOS);
  }

  public void stop() {
    running = false;
  }

  @Override
  public void run() {
    try {
      while (running || !queue.isEmpty()) {
        Work first = taken(queue.poll(200, TimeUnit.MILLISECONDS));
        if (first == null) {
          continue;
        }
        List<Work> batch = new ArrayList<>(List.of(first));
        long deadline = System.nanoTime() + linger.toNanos();
        while (batch.size() < maxBatch && System.nanoTime() < deadline) {
          Work next = taken(queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        settle(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      for (Work left = taken(queue.poll()); left != null; left = taken(queue.poll())) {
        outcomes.retryLater(left, "the service is stopping");
      }
      if (producer != null) {
        producer.close(Duration.ofSeconds(10));
      }
    }
  }

  private void settle(List<Work> batch) {
    if (ledgerStale && !reloadLedger()) {
      batch.forEach(work -> outcomes.retryLater(work, "Kafka unavailable: cannot read the ingest ledger"));
      return;
    }
    List<Work> toSend = new ArrayList<>();
    for (Work work : batch) {
      if (alreadyCommitted(work)) {
        outcomes.settled(work); // committed by an attempt whose answer was lost
      } else {
        toSend.add(work);
      }
    }
    if (!toSend.isEmpty()) {
      commit(toSend);
    }
  }

  private void commit(List<Work> batch) {
    commitStartedNanos = System.nanoTime();
    try {
      if (producer == null) {
        producer = producers.get();
        producer.initTransactions();
      }
      producer.beginTransaction();
      for (Work work : batch) {
        send(work);
      }
      producer.commitTransaction();
    } catch (KafkaException | IllegalStateException e) {
      healthy = false;
      LOG.warn("publishing {} file(s) failed, they stay in the inbox: {}", batch.size(), e.toString());
      discardProducer();
      ledgerStale = !reloadLedger();
      for (Work work : batch) {
        outcomes.retryLater(work, "Kafka unavailable: " + e.getMessage());
      }
      return;
    } finally {
      commitStartedNanos = 0;
    }
    healthy = true;
    for (Work work : batch) {
      record(work);
      outcomes.settled(work);
    }
  }

  private void send(Work work) {
    if (work instanceof Work.Publish p) {
      send(new ProducerRecord<>(Topics.RAW_DOCUMENTS.name(), p.documentId(), p.value()));
    } else if (work instanceof Work.Fail f) {
      var headers = new RecordHeaders();
      DeadLetterHeaders.add(headers, DeadLetterHeaders.STAGE, "ingest");
      DeadLetterHeaders.add(headers, DeadLetterHeaders.REASON, f.reason());
      DeadLetterHeaders.add(headers, DeadLetterHeaders.SOURCE_FILE, f.relativePath());
      send(new ProducerRecord<>(Topics.DEAD_LETTER, null, f.documentId(), new byte[0], headers));
    } else if (work instanceof Work.Delete d) {
      send(new ProducerRecord<>(Topics.RAW_DOCUMENTS.name(), d.documentId(), null));
    }
    Ledger.Entry entry = entry(work);
    send(new ProducerRecord<>(Topics.INGEST_LEDGER, work.relativePath(),
        entry == null ? null : entry.encode().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Sends one record; a send that already failed (e.g. no metadata within max.block.ms while Kafka is down)
   * ends the batch at once instead of letting every further send wait out the same timeout.
   */
  private void send(ProducerRecord<String, byte[]> record) {
    Future<RecordMetadata> result = producer.send(record);
    if (result.isDone()) {
      try {
        result.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted", e);
      }
    }
  }

  /** The ledger entry a work item leaves once committed; null (a tombstone) for a deletion. */
  private static Ledger.Entry entry(Work work) {
    if (work instanceof Work.Publish p) {
      return new Ledger.Entry(Ledger.State.PUBLISHED, p.sha256(), null);
    }
    if (work instanceof Work.Fail f) {
      return new Ledger.Entry(Ledger.State.FAILED, f.sha256(), f.reason());
    }
    return null;
  }

  /** True when the ledger shows this work already committed (by an earlier, uncertain attempt). */
  private boolean alreadyCommitted(Work work) {
    Ledger.Entry entry = entry(work);
    return entry == null ? ledger.get(work.relativePath()).isEmpty()
        : ledger.isSettled(work.relativePath(), entry.sha256());
  }

  private void record(Work work) {
    Ledger.Entry entry = entry(work);
    if (entry == null) {
      ledger.forget(work.relativePath());
    } else {
      ledger.record(work.relativePath(), entry);
    }
  }

  private void discardProducer() {
    if (producer != null) {
      try {
        producer.close(Duration.ZERO); // aborts what it can; a new producer fences the rest
      } catch (RuntimeException ignored) {
        // closing a broken producer
      }
      producer = null;
    }
  }

  /**
   * After an uncertain commit, the ledger says what did get through, so nothing is published twice. Until
   * it has been re-read, nothing is published.
   */
  private boolean reloadLedger() {
    try {
      ledger.load(Duration.ofSeconds(30));
      return true;
    } catch (RuntimeException e) {
      LOG.warn("cannot re-read the ingest ledger yet: {}", e.toString());
      return false;
    }
  }
}
