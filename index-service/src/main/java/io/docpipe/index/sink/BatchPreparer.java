package io.docpipe.index.sink;

import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.registry.SchemaRegistryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes and maps a batch of enriched records into bulk actions. Records that cannot be decoded go to the
 * dead letter; a registry that cannot be reached fails the whole batch as transient (the records are fine).
 */
public final class BatchPreparer {
  /** A batch decoded and mapped, ready to write, with each document's arrival for the latency histogram. */
  public record Prepared(List<ConsumerRecord<String, byte[]>> records, List<BulkIndexer.Action> actions,
      Map<ConsumerRecord<String, byte[]>, Instant> arrivals) {}

  /** Where records that cannot be decoded go. */
  public interface DeadLetters {
    void send(ConsumerRecord<String, byte[]> record, String reason, String exception);
  }

  /** The registry could not be reached: the batch is retried whole. */
  public static final class RegistryUnavailable extends RuntimeException {
    RegistryUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Deserializer<EnrichedDocument> deserializer;
  private final int maxIndexedChars;
  private final DeadLetters deadLetters;

  public BatchPreparer(Deserializer<EnrichedDocument> deserializer, int maxIndexedChars, DeadLetters deadLetters) {
    this.deserializer = deserializer;
    this.maxIndexedChars = maxIndexedChars;
    this.deadLetters = deadLetters;
  }

  public Prepared prepare(List<ConsumerRecord<String, byte[]>> records) {
    List<BulkIndexer.Action> actions = new ArrayList<>();
    Map<ConsumerRecord<String, byte[]>, Instant> arrivals = new IdentityHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null) {
        actions.add(new BulkIndexer.Action(record.key(), null, record.timestamp(), record));
        continue;
      }
      try {
        EnrichedDocument document = deserializer.deserialize(record.topic(), record.value());
        actions.add(new BulkIndexer.Action(document.getDocumentId(),
            SearchDocumentMapper.toJson(document, maxIndexedChars), document.getIngestTime().toEpochMilli(), record));
        if (document.getSource().getArrivalTime() != null) {
          arrivals.put(record, document.getSource().getArrivalTime());
        }
      } catch (SchemaRegistryException e) {
        if (e.isRetryable()) {
          throw new RegistryUnavailable("schema registry unavailable: " + e.getMessage(), e);
        }
        deadLetters.send(record, DeadLetterHeaders.reasonOf(e), e.getClass().getName());
      } catch (org.apache.kafka.common.errors.SerializationException | IllegalArgumentException e) {
        deadLetters.send(record, DeadLetterHeaders.reasonOf(e), e.getClass().getName());
      }
    }
    return new Prepared(records, actions, arrivals);
  }
}
