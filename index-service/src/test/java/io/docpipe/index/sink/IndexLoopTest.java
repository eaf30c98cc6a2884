package io.docpipe.index.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.index.FakeOpenSearch;
import io.docpipe.runtime.DeadLetterMetric;
import io.docpipe.runtime.WorkLoopHealth;
import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.EnrichedDocument;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The index service's batch and commit logic on a {@code MockConsumer}, a {@code MockProducer} for the dead
 * letters and a scripted bulk endpoint: batches close at their size or after the linger; a batch's offsets are
 * committed only once OpenSearch has acknowledged it and its dead letters are acknowledged; outages and refused
 * credentials are retried, never dead-lettered; refused and undecodable records are.
 */
class IndexLoopTest {
  private static final String TOPIC = "docpipe.documents.enriched";
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
  private static final Deserializer<EnrichedDocument> AVRO = (topic, bytes) -> {
    try {
      return EnrichedDocument.fromByteBuffer(ByteBuffer.wrap(bytes));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("not an enriched document: " + e.getMessage(), e);
    }
  };

  /** Notified after each offset commit, so a test waits for the commit it expects instead of polling. */
  private final Object commits = new Object();
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
      super.commitSync(offsets);
      synchronized (commits) {
        commits.notifyAll();
      }
    }
  };
  private final MockProducer<String, byte[]> deadLetters = new MockProducer<>(true, null, new StringSerializer(),
      new ByteArraySerializer());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<String> bulks = new CopyOnWriteArrayList<>();
  /** What the consumer had committed when each bulk request arrived. */
  private final List<Long> committedAtBulk = new CopyOnWriteArrayList<>();
  private final List<Integer> statuses = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean openSearchUp = new AtomicBoolean();
  private FakeOpenSearch openSearch;
  private Thread thread;

  @BeforeEach
  void assign() {
    consumer.assign(List.of(TP));
    consumer.updateBeginningOffsets(Map.of(TP, 0L));
  }

  @AfterEach
  void stop() throws InterruptedException {
    running.set(false);
    if (thread != null) {
      thread.join(10_000);
    }
    if (openSearch != null) {
      openSearch.close();
    }
  }

  /** A bulk endpoint answering the scripted whole-request statuses in turn (then 200), refusing id "bad". */
  private void openSearch(Integer... script) throws IOException {
    statuses.addAll(List.of(script));
    openSearch = new FakeOpenSearch("/_bulk", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      bulks.add(body);
      committedAtBulk.add(committed());
      int call = calls.getAndIncrement();
      int status = call < statuses.size() ? statuses.get(call) : 200;
      if (status != 200) {
        FakeOpenSearch.answer(exchange, status, "{\"error\":\"scripted\"}");
        return;
      }
      StringBuilder items = new StringBuilder();
      for (String line : body.split("\n")) {
        boolean delete = line.startsWith("{\"delete\"");
        if (!delete && !line.startsWith("{\"index\"")) {
          continue;
        }
        items.append(items.length() == 0 ? "" : ",").append(line.contains("\"_id\":\"bad\"")
            ? "{\"index\":{\"status\":400,\"error\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"no\"}}}"
            : delete ? "{\"delete\":{\"status\":200}}" : "{\"index\":{\"status\":201}}");
      }
      FakeOpenSearch.answer(exchange, 200, "{\"errors\":" + items.toString().contains("400")
          + ",\"items\":[" + items + "]}");
    }, 1);
  }

  private Long committed() {
    OffsetAndMetadata offset = consumer.committed(Set.of(TP)).get(TP);
    return offset == null ? null : offset.offset();
  }

  private void start(int maxDocs, Duration linger) {
    BulkIndexer indexer = new BulkIndexer(openSearch.connection(), "docs", Duration.ofMillis(10),
        Duration.ofMillis(50), 1);
    IndexLoop loop = new IndexLoop(consumer, AVRO, 1_000_000, indexer, new DeadLetterWriter(deadLetters),
        new IndexMetrics(meters), new WorkLoopHealth("index-loop", Duration.ofMinutes(1)),
        new IndexLoop.Limits(maxDocs, 10_000_000, linger, Duration.ofMillis(10), Duration.ofMillis(50)),
        running::get, openSearchUp);
    thread = new Thread(() -> {
      try {
        loop.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "index-loop-test");
    thread.start();
  }

  private static byte[] document(String id) {
    try {
      EnrichedDocument doc = EnrichedDocument.newBuilder(SearchDocumentMapperTest.sample()).setDocumentId(id).build();
      ByteBuffer buffer = doc.toByteBuffer();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void add(long offset, String key, byte[] value) {
    consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key, value));
  }

  /** Each poll hands over the next record only, as a trickle of documents would. */
  private void trickle(List<byte[]> values) {
    for (int i = 0; i < values.size(); i++) {
      int offset = i;
      consumer.schedulePollTask(() -> add(offset, "d" + offset, values.get(offset)));
    }
  }

  /** Waits until the consumer's committed offset is {@code offset} (the commit wakes it), at most 30 s. */
  private void awaitCommitted(String what, long offset) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    synchronized (commits) {
      while (!Long.valueOf(offset).equals(committed())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for " + what + "; committed: " + committed());
        }
        TimeUnit.NANOSECONDS.timedWait(commits, left);
      }
    }
  }

  private double counted(String outcome) {
    return meters.counter("docpipe.index.documents", "outcome", outcome).count();
  }

  @Test
  void aBatchClosesAtItsSizeOrAfterTheLingerAndIsCommittedAfterItsWrite() throws Exception {
    openSearch();
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      values.add(document("d" + i));
    }
    trickle(values);
    start(2, Duration.ofMillis(200));
    awaitCommitted("all five committed", 5);

    assertThat(bulks).as("bulk requests: 2, 2, then the last one after the linger").hasSize(3);
    assertThat(bulks.stream().map(b -> b.split("\"_id\"").length - 1).toList()).containsExactly(2, 2, 1);
    assertThat(committedAtBulk).as("committed when each bulk request arrived").containsExactly(null, 2L, 4L);
    assertThat(counted("indexed")).isEqualTo(5);
    assertThat(deadLetters.history()).isEmpty();
  }

  @Test
  void anOutageOrRefusedCredentialsAreRetriedWithNothingCommittedOrDeadLettered() throws Exception {
    openSearch(503, 401, 503);
    add(0, "d0", document("d0"));
    add(1, "d1", document("d1"));
    start(10, Duration.ofMillis(20));
    awaitCommitted("both committed", 2);

    assertThat(committedAtBulk).as("nothing committed before the batch was acknowledged")
        .containsExactly(null, null, null, null);
    assertThat(deadLetters.history()).as("an outage dead-letters nothing").isEmpty();
    assertThat(counted("indexed")).isEqualTo(2);
    assertThat(meters.counter("docpipe.index.retries").count()).isGreaterThanOrEqualTo(3);
    assertThat(openSearchUp).isTrue();
  }

  @Test
  void refusedAndUndecodableRecordsAreDeadLetteredAndAcknowledgedBeforeTheCommit() throws Exception {
    openSearch();
    add(0, "good", document("good"));
    add(1, "bad", document("bad"));
    add(2, "garbage", "not avro".getBytes(StandardCharsets.UTF_8));
    add(3, "gone", null);
    start(10, Duration.ofMillis(20));
    awaitCommitted("all four committed", 4);

    assertThat(deadLetters.history()).extracting(ProducerRecord::key).containsExactlyInAnyOrder("bad", "garbage");
    ProducerRecord<String, byte[]> refused = deadLetters.history().stream().filter(r -> r.key().equals("bad"))
        .findFirst().orElseThrow();
    assertThat(new String(refused.headers().lastHeader(DeadLetterHeaders.REASON).value(), StandardCharsets.UTF_8))
        .contains("HTTP 400");
    assertThat(bulks).hasSize(1);
    assertThat(bulks.get(0)).contains("{\"delete\"").doesNotContain("\"_id\":\"garbage\"");
    assertThat(counted("indexed")).isEqualTo(1);
    assertThat(counted("failed")).isEqualTo(1);
    assertThat(counted("deleted")).isEqualTo(1);
    assertThat(meters.counter(DeadLetterMetric.NAME).count()).isEqualTo(2);
  }
}
