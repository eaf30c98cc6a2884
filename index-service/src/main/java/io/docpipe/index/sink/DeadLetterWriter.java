package io.docpipe.index.sink;

import io.docpipe.runtime.KafkaSettings;
import io.docpipe.runtime.TopicAdmin;
import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index stage's dead letters: each refused record goes to the dead-letter topic with its original
 * bytes and the context headers ({@link DeadLetterHeaders}); {@link #awaitAcknowledged()} waits until every
 * record sent since the last call is acknowledged, so that the caller commits offsets only after that.
 */
public final class DeadLetterWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);
  private final Producer<String, byte[]> producer;
  private final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();

  public DeadLetterWriter(KafkaSettings kafka) {
    this(new KafkaProducer<>(kafka.clientProperties(Map.of(
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicAdmin.MAX_MESSAGE_BYTES,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
        ProducerConfig.CLIENT_ID_CONFIG, "docpipe-index-dead-letter")),
        new StringSerializer(), new ByteArraySerializer()));
  }

  /** Over a given producer (tests: {@code MockProducer}). */
  public DeadLetterWriter(Producer<String, byte[]> producer) {
    this.producer = producer;
  }

  public Producer<String, byte[]> producer() {
    return producer;
  }

  public void send(ConsumerRecord<String, byte[]> record, String reason, String exception) {
    var headers = DeadLetterHeaders.describe(new RecordHeaders(), "index", reason, exception, record.topic(),
        record.partition(), record.offset());
    LOG.warn("record {}-{}@{} sent to dead letter: {}", record.topic(), record.partition(), record.offset(),
        reason);
    unacknowledged.add(producer.send(new ProducerRecord<>(Topics.DEAD_LETTER, null, record.key(), record.value(),
        headers)));
  }

  /**
   * Waits for every dead-letter record sent since the last call.
   *
   * @throws ExecutionException when one was not acknowledged: its batch must not be committed
   */
  public void awaitAcknowledged() throws InterruptedException, ExecutionException {
    producer.flush();
    try {
      for (Future<RecordMetadata> send : unacknowledged) {
        send.get();
      }
    } finally {
      unacknowledged.clear();
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
