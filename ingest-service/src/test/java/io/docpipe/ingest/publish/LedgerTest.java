package io.docpipe.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docpipe.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private static final TopicPartition P0 = new TopicPartition(Topics.INGEST_LEDGER, 0);

  /** A ledger topic of one partition holding these values (null: a tombstone) at offsets 0, 1, 2, … */
  private static MockConsumer<String, byte[]> topic(long endOffset, String... keysAndValues) {
    MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    consumer.updatePartitions(Topics.INGEST_LEDGER, List.of(new PartitionInfo(Topics.INGEST_LEDGER, 0,
        Node.noNode(), new Node[0], new Node[0])));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.updateEndOffsets(Map.of(P0, endOffset));
    consumer.schedulePollTask(() -> {
      for (int i = 0; i < keysAndValues.length; i += 2) {
        String value = keysAndValues[i + 1];
        consumer.addRecord(new ConsumerRecord<>(Topics.INGEST_LEDGER, 0, i / 2, keysAndValues[i],
            value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
      }
    });
    return consumer;
  }

  @Test
  void loadReadsTheWholeTopicTheLastEntryPerFileWinsAndATombstoneForgets() {
    Ledger ledger = new Ledger(() -> topic(4,
        "a.txt", "PUBLISHED aaa",
        "b.pdf", "FAILED bbb the file is empty",
        "a.txt", "PUBLISHED aa2",
        "b.pdf", null));
    ledger.load(Duration.ofSeconds(5));
    assertThat(ledger.paths()).containsExactly("a.txt");
    assertThat(ledger.isSettled("a.txt", "aa2")).isTrue();
    assertThat(ledger.isSettled("a.txt", "aaa")).as("an older version is not this one").isFalse();
    assertThat(ledger.get("b.pdf")).isEmpty();
  }

  @Test
  void aFailureKeepsItsReason() {
    Ledger ledger = new Ledger(() -> topic(1, "c.docx", "FAILED ccc cannot parse: the zip is encrypted"));
    ledger.load(Duration.ofSeconds(5));
    assertThat(ledger.get("c.docx")).contains(new Ledger.Entry(Ledger.State.FAILED, "ccc",
        "cannot parse: the zip is encrypted"));
  }

  @Test
  void aReadingThatCannotReachTheEndGivesUpAndKeepsWhatWasKnown() {
    java.util.Iterator<MockConsumer<String, byte[]>> readings = List.of(
        topic(1, "a.txt", "PUBLISHED aaa"),
        // the end offset says 3, but only one record ever comes: the reading must give up, not hang
        topic(3, "z.txt", "PUBLISHED zzz")).iterator();
    Ledger ledger = new Ledger(readings::next);
    ledger.load(Duration.ofSeconds(5));
    assertThatThrownBy(() -> ledger.load(Duration.ofMillis(300)))
        .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
        .hasMessageContaining("ingest ledger");
    assertThat(ledger.paths()).as("what was known stays, nothing half-read is taken").containsExactly("a.txt");
  }

  @Test
  void recordAndForgetChangeWhatIsKnownWithoutReading() {
    Ledger ledger = new Ledger(() -> topic(0));
    ledger.load(Duration.ofSeconds(5));
    ledger.record("d.txt", new Ledger.Entry(Ledger.State.PUBLISHED, "ddd", null));
    assertThat(ledger.isSettled("d.txt", "ddd")).isTrue();
    ledger.forget("d.txt");
    assertThat(ledger.size()).isZero();
  }

  @Test
  void entriesSurviveTheirEncoding() {
    Ledger.Entry failed = new Ledger.Entry(Ledger.State.FAILED, "eee", "over the limit: 3 MB > 2 MB");
    assertThat(Ledger.Entry.decode(failed.encode())).isEqualTo(failed);
    Ledger.Entry published = new Ledger.Entry(Ledger.State.PUBLISHED, "fff", null);
    assertThat(Ledger.Entry.decode(published.encode())).isEqualTo(published);
  }
}
