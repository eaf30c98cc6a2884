package io.docpipe.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher's transactions and failure handling, against Kafka's {@code MockProducer}. */
class BatchPublisherTest {
  private final List<MockProducer<String, byte[]>> producers = new ArrayList<>();
  private final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
  private int ledgerReadings;
  private BatchPublisher publisher;
  private Thread thread;

  /** Each producer the publisher asks for; {@code failCommit} makes the first one's commit fail. */
  private void start(Ledger ledger, boolean failCommit) {
    Supplier<Producer<String, byte[]>> supplier = () -> {
      MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
          new ByteArraySerializer());
      if (failCommit && producers.isEmpty()) {
        producer.commitTransactionException = new KafkaException("the broker went away");
      }
      producers.add(producer);
      return producer;
    };
    publisher = new BatchPublisher(100, 1 << 20, supplier, ledger, new BatchPublisher.Outcomes() {
      @Override
      public void settled(Work work) {
        outcomes.add("settled " + work.relativePath());
      }

      @Override
      public void retryLater(Work work, String reason) {
        outcomes.add("retry " + work.relativePath() + ": " + reason);
      }
    }, 10, Duration.ofMillis(50));
    thread = new Thread(publisher, "publisher-under-test");
    thread.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (publisher != null) {
      publisher.stop();
      thread.join(5_000);
    }
  }

  /** An empty ledger topic, read as often as asked (counted). */
  private Ledger emptyLedger() {
    TopicPartition p0 = new TopicPartition(Topics.INGEST_LEDGER, 0);
    return new Ledger(() -> {
      ledgerReadings++;
      MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
      consumer.updatePartitions(Topics.INGEST_LEDGER, List.of(new PartitionInfo(Topics.INGEST_LEDGER, 0,
          Node.noNode(), new Node[0], new Node[0])));
      consumer.updateBeginningOffsets(Map.of(p0, 0L));
      consumer.updateEndOffsets(Map.of(p0, 0L));
      return consumer;
    });
  }

  private List<String> next(int count) throws InterruptedException {
    List<String> got = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String outcome = outcomes.poll(10, TimeUnit.SECONDS);
      assertThat(outcome).as("outcome %d of %d", i + 1, count).isNotNull();
      got.add(outcome);
    }
    return got;
  }

  private static Work.Publish publish(String path) {
    return new Work.Publish(Path.of(path), path, "id-" + path, "sha-" + path,
        ("raw " + path).getBytes(StandardCharsets.UTF_8), 10);
  }

  @Test
  void aBatchIsOneTransactionWithEachFilesLedgerEntryAndIsSettledAfterTheCommit() throws Exception {
    Ledger ledger = emptyLedger();
    start(ledger, false);
    publisher.submit(publish("a.txt"));
    publisher.submit(new Work.Fail(Path.of("b.pdf"), "b.pdf", "id-b", "sha-b", "the file is empty"));
    assertThat(next(2)).containsExactlyInAnyOrder("settled a.txt", "settled b.pdf");

    MockProducer<String, byte[]> producer = producers.get(0);
    assertThat(producer.transactionCommitted()).isTrue();
    assertThat(producer.commitCount()).isEqualTo(1);
    List<ProducerRecord<String, byte[]>> sent = producer.history();
    assertThat(sent).extracting(ProducerRecord::topic).containsExactly(Topics.RAW_DOCUMENTS.name(),
        Topics.INGEST_LEDGER, Topics.DEAD_LETTER, Topics.INGEST_LEDGER);
    assertThat(new String(sent.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("PUBLISHED sha-a.txt");
    assertThat(DeadLetterHeaders.get(sent.get(2).headers(), DeadLetterHeaders.REASON)).isEqualTo("the file is empty");
    assertThat(new String(sent.get(3).value(), StandardCharsets.UTF_8)).isEqualTo("FAILED sha-b the file is empty");
    assertThat(ledger.isSettled("a.txt", "sha-a.txt")).isTrue();
    assertThat(ledger.isSettled("b.pdf", "sha-b")).isTrue();
    assertThat(publisher.isHealthy()).isTrue();
  }

  @Test
  void aFailedCommitLeavesTheFilesForLaterRereadsTheLedgerAndTheNextBatchUsesANewProducer() throws Exception {
    Ledger ledger = emptyLedger();
    start(ledger, true);
    publisher.submit(publish("a.txt"));
    assertThat(next(1)).singleElement().asString().startsWith("retry a.txt: Kafka unavailable")
        .contains("the broker went away");
    assertThat(publisher.isHealthy()).isFalse();
    assertThat(producers.get(0).closed()).as("the broken producer is closed").isTrue();
    assertThat(ledgerReadings).as("the ledger re-read: the commit may have gone through").isEqualTo(1);
    assertThat(ledger.get("a.txt")).as("nothing recorded for an uncommitted file").isEmpty();

    publisher.submit(publish("a.txt"));
    assertThat(next(1)).containsExactly("settled a.txt");
    assertThat(producers).hasSize(2);
    assertThat(producers.get(1).transactionCommitted()).isTrue();
    assertThat(publisher.isHealthy()).isTrue();
  }

  @Test
  void aVersionTheLedgerAlreadyHoldsIsSettledWithoutBeingSentAgain() throws Exception {
    Ledger ledger = emptyLedger();
    ledger.record("a.txt", new Ledger.Entry(Ledger.State.PUBLISHED, "sha-a.txt", null));
    start(ledger, false);
    publisher.submit(publish("a.txt"));
    assertThat(next(1)).containsExactly("settled a.txt");
    assertThat(producers).as("no transaction for it").isEmpty();
  }

  @Test
  void aDeletionSendsTombstonesForTheDocumentAndItsLedgerEntry() throws Exception {
    Ledger ledger = emptyLedger();
    ledger.record("gone.txt", new Ledger.Entry(Ledger.State.PUBLISHED, "sha-gone", null));
    start(ledger, false);
    publisher.submit(new Work.Delete(Path.of("gone.txt"), "gone.txt", "id-gone"));
    assertThat(next(1)).containsExactly("settled gone.txt");
    List<ProducerRecord<String, byte[]>> sent = producers.get(0).history();
    assertThat(sent).extracting(ProducerRecord::topic).containsExactly(Topics.RAW_DOCUMENTS.name(),
        Topics.INGEST_LEDGER);
    assertThat(sent).allSatisfy(r -> assertThat(r.value()).isNull());
    assertThat(ledger.get("gone.txt")).isEmpty();
  }
}
