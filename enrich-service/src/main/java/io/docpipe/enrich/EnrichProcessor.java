package io.docpipe.enrich;

import io.docpipe.enrich.text.EnrichedText;
import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.registry.SchemaRegistryException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First stage: enriches each raw document (paragraphs, repeats within it, entities, dates), then sends
 * its paragraphs' lookup keys, one message per probes partition ({@link ProbeRouting}), to the repeat-lookup
 * stage and parks the document until every partition has answered ({@link RepeatGatherProcessor}). A record
 * that cannot be decoded or enriched
 * goes to the dead-letter sink with the reason and its source topic/partition/offset in headers; it never
 * stops the partition (see {@link #process} for the whole failure policy).
 */
final class EnrichProcessor extends ContextualProcessor<String, byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichProcessor.class);

  private final Deserializer<RawDocument> rawDeserializer;
  private final TimeLimitedEnricher enricher;
  private final EnrichSignals signals;
  private final FailedAttempts attempts;
  /** Room for the record's key, headers and framing under the topics' limit. */
  private static final int MAX_ENRICHED_BYTES = io.docpipe.runtime.TopicAdmin.MAX_MESSAGE_BYTES - 1024 * 1024;
  private final ProbeRouting routing;
  private final Counter enriched;
  private final Counter failed;
  private final Counter deadLetters;
  private final Timer duration;
  private final MeterRegistry metrics;
  private PendingStores pending;

  EnrichProcessor(Deserializer<RawDocument> rawDeserializer, TimeLimitedEnricher enricher, ProbeRouting routing,
      MeterRegistry metrics, EnrichSignals signals, FailedAttempts attempts) {
    this.rawDeserializer = rawDeserializer;
    this.enricher = enricher;
    this.signals = signals;
    this.attempts = attempts;
    this.routing = routing;
    this.enriched = EnrichMetrics.documents(metrics, "enriched");
    this.failed = EnrichMetrics.documents(metrics, "failed");
    this.deadLetters = io.docpipe.runtime.DeadLetterMetric.of(metrics);
    this.duration = Timer.builder(EnrichMetrics.DURATION)
        .description("Time to enrich one document: paragraphs, repeats within it, entities and dates")
        .register(metrics);
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    super.init(context);
    this.pending = PendingStores.of(context);
  }

  /**
   * The stage's failure policy, by kind: bytes that cannot be decoded, a schema id the registry does not
   * know, and a document that fails or overruns its time limit go to the dead-letter topic (retrying would
   * fail the same way); a registry that cannot be reached throws {@link RetryLaterException}, so the record
   * is read again after a back-off instead of being dead-lettered; what the forwards and stores throw
   * (fencing, task migration) is not caught at all, so Kafka Streams handles it.
   */
  @Override
  public void process(Record<String, byte[]> record) {
    if (record.value() == null) {
      // The document leaves: forget a version still waiting for answers, so it cannot come back after this.
      pending.forget(record.key());
      context().forward(record.withValue((Object) null), EnrichTopology.ENRICHED_SINK);
      return;
    }
    RecordMetadata meta = context().recordMetadata().orElse(null);
    String topic = meta == null ? "?" : meta.topic();
    String attemptKey = meta == null ? null : FailedAttempts.key(topic, meta.partition(), meta.offset());
    FailedAttempts.Failure earlier = attemptKey == null ? null : attempts.of(attemptKey);
    if (earlier != null && earlier.attempts() >= FailedAttempts.MAX_ATTEMPTS) {
      attempts.settled(attemptKey);
      deadLetter(record, topic, "processing failed " + earlier.attempts() + " times, last: " + earlier.lastError(),
          "io.docpipe.enrich.RepeatedFailure");
      return;
    }
    try {
      processValue(record, topic);
    } catch (RetryLaterException | TaskMigratedException | TaskCorruptedException | ProducerFencedException
        | RetriableException | org.apache.kafka.common.errors.InterruptException e) {
      throw e; // about the world, not the record: Kafka Streams (or the back-off) deals with it
    } catch (RuntimeException e) {
      if (attemptKey != null) {
        attempts.failed(attemptKey, e);
      }
      throw e;
    }
    if (earlier != null) {
      attempts.settled(attemptKey);
    }
  }

  private void processValue(Record<String, byte[]> record, String topic) {
    DocumentEnricher.Enriched result;
    try {
      RawDocument raw = rawDeserializer.deserialize(topic, record.value());
      signals.registryAnswered();
      long started = System.nanoTime();
      result = enricher.enrich(raw);
      duration.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (SchemaRegistryException e) {
      if (e.isRetryable()) {
        signals.registryUnavailable(e.getMessage());
        throw new RetryLaterException("schema registry unavailable: " + e.getMessage(), e);
      }
      deadLetter(record, topic, e);
      return;
    } catch (SerializationException | TimeLimitedEnricher.DocumentFailedException e) {
      deadLetter(record, topic, e);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new org.apache.kafka.common.errors.InterruptException(e);
    }
    if (record.headers().lastHeader(io.docpipe.schemas.Topics.REENRICH_HEADER) != null) {
      result.document().getSource().setArrivalTime(null); // not a new arrival: no drop-to-searchable latency
    }
    byte[] encoded = encode(result.document());
    if (encoded.length > MAX_ENRICHED_BYTES) {
      deadLetter(record, topic, "the enriched document would be " + encoded.length + " bytes, over the "
          + MAX_ENRICHED_BYTES + "-byte record limit (its text is stored twice: whole and by paragraph)",
          "io.docpipe.enrich.RecordTooLarge");
      return;
    }
    publish(record, result, encoded);
    enriched.increment();
  }

  private void publish(Record<String, byte[]> record, DocumentEnricher.Enriched result, byte[] encoded) {
    Map<Integer, RepeatMessages.ProbeBatch> batches = probes(result, result.document().getIngestTime().toEpochMilli());
    EnrichedDocument document = result.document();
    countWithin(result);
    if (batches.isEmpty()) {
      context().forward(record.withValue((Object) document), EnrichTopology.ENRICHED_SINK);
    } else {
      pending.documents().put(record.key(), encoded);
      pending.progress().put(record.key(), RepeatMessages.encode(
          new RepeatMessages.Progress(document.getVersion(), batches.size(), 0, Map.of())));
      batches.forEach((partition, batch) -> context().forward(new Record<String, Object>(
          routing.messageKey(partition), RepeatMessages.encode(batch), record.timestamp()), EnrichTopology.PROBE_SINK));
    }
  }

  private void deadLetter(Record<String, byte[]> record, String topic, RuntimeException e) {
    deadLetter(record, topic, DeadLetterHeaders.reasonOf(e), e.getClass().getName());
  }

  private void deadLetter(Record<String, byte[]> record, String topic, String reason, String exception) {
    failed.increment();
    deadLetters.increment();
    RecordMetadata meta = context().recordMetadata().orElse(null);
    LOG.warn("document {} sent to dead letter: {}", record.key(), reason);
    var headers = DeadLetterHeaders.describe(new RecordHeaders(record.headers().toArray()), "enrich", reason,
        exception, topic, meta == null ? -1 : meta.partition(), meta == null ? -1 : meta.offset());
    context().forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(), headers),
        EnrichTopology.DEAD_LETTER_SINK);
  }

  private void countWithin(DocumentEnricher.Enriched result) {
    int exact = 0;
    int near = 0;
    for (EnrichedText.Paragraph p : result.paragraphs()) {
      if (p.isRepeat()) {
        if (p.repeatWithin().kind() == io.docpipe.enrich.repeats.Repeat.Kind.EXACT) {
          exact++;
        } else {
          near++;
        }
      }
    }
    EnrichMetrics.countRepeats(metrics, "exact", "within", exact);
    EnrichMetrics.countRepeats(metrics, "near", "within", near);
  }

  /**
   * The lookup keys of every paragraph that does not already repeat one of the same document, by the probes
   * topic's partition they are looked up on.
   */
  private Map<Integer, RepeatMessages.ProbeBatch> probes(DocumentEnricher.Enriched result, long order) {
    Map<Integer, List<RepeatMessages.Probe>> byPartition = new TreeMap<>();
    for (EnrichedText.Paragraph p : result.paragraphs()) {
      if (p.isRepeat()) {
        continue;
      }
      Map<Integer, List<String>> keysByPartition = new TreeMap<>();
      for (String key : p.signature().keys()) {
        keysByPartition.computeIfAbsent(routing.partitionOf(key), b -> new ArrayList<>()).add(key);
      }
      keysByPartition.forEach((partition, keys) -> byPartition.computeIfAbsent(partition, b -> new ArrayList<>())
          .add(new RepeatMessages.Probe(p.span().index(), p.signature(), keys)));
    }
    String documentId = result.document().getDocumentId();
    String version = result.document().getVersion();
    Map<Integer, RepeatMessages.ProbeBatch> batches = new TreeMap<>();
    byPartition.forEach((partition, probes) -> batches.put(partition, new RepeatMessages.ProbeBatch(documentId,
        version, order, probes)));
    return batches;
  }

  private static byte[] encode(EnrichedDocument document) {
    try {
      ByteBuffer encoded = EnrichedDocument.getEncoder().encode(document);
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot encode the enriched document", e);
    }
  }
}
