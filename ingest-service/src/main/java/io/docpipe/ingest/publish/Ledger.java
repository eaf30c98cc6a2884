package io.docpipe.ingest.publish;

import io.docpipe.runtime.TopicEnd;
import io.docpipe.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What became of each file version, as recorded in the compacted ledger topic. It is written in the same
 * Kafka transaction as the raw record, and read back (read_committed) at start and after any commit whose
 * outcome is uncertain, so an acknowledged version is never published twice.
 */
public final class Ledger {
  public enum State { PUBLISHED, FAILED }

  /** A settled version; for failures, the reason given to the operator. */
  public record Entry(State state, String sha256, String reason) {
    String encode() {
      return state + " " + sha256 + (reason == null ? "" : " " + reason);
    }

    static Entry decode(String value) {
      String[] parts = value.split(" ", 3);
      return new Entry(State.valueOf(parts[0]), parts[1], parts.length > 2 ? parts[2] : null);
    }
  }

  /** A fresh consumer for each reading (read_committed, no group): the ledger is read whole every time. */
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public Ledger(Map<String, Object> clientProperties) {
    this(readCommitted(clientProperties));
  }

  /** With the consumers given (tests pass {@code MockConsumer}s). */
  public Ledger(Supplier<Consumer<String, byte[]>> consumers) {
    this.consumers = consumers;
  }

  private static Supplier<Consumer<String, byte[]>> readCommitted(Map<String, Object> clientProperties) {
    Map<String, Object> properties = new java.util.HashMap<>(clientProperties);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "docpipe-ingest-ledger");
    properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return () -> new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Reads the whole ledger topic up to its last committed offset; on failure the entries stay as they were. */
  public void load(Duration timeout) {
    Map<String, Entry> loaded = new java.util.HashMap<>();
    try (Consumer<String, byte[]> consumer = consumers.get()) {
      Map<TopicPartition, Long> end = TopicEnd.fromBeginning(consumer, Topics.INGEST_LEDGER, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!TopicEnd.reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new org.apache.kafka.common.errors.TimeoutException("reading the ingest ledger took over " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            loaded.remove(record.key());
          } else {
            loaded.put(record.key(), Entry.decode(new String(record.value(), StandardCharsets.UTF_8)));
          }
        }
      }
    }
    entries.clear();
    entries.putAll(loaded);
  }

  public Optional<Entry> get(String relativePath) {
    return Optional.ofNullable(entries.get(relativePath));
  }

  /** True when this exact version of the file already reached an end state. */
  public boolean isSettled(String relativePath, String sha256) {
    Entry entry = entries.get(relativePath);
    return entry != null && entry.sha256().equals(sha256);
  }

  public void record(String relativePath, Entry entry) {
    entries.put(relativePath, entry);
  }

  public void forget(String relativePath) {
    entries.remove(relativePath);
  }

  public Set<String> paths() {
    return Set.copyOf(entries.keySet());
  }

  public int size() {
    return entries.size();
  }
}
