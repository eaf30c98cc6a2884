package io.docpipe.local;

import io.docpipe.local.support.OpenSearchQueries;
import io.docpipe.local.support.Http;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.ingest.extract.DocumentIds;
import io.docpipe.schemas.DeadLetterHeaders;
import io.docpipe.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Every dropped file ends in a visible state, and a bad file does not stop good ones (real components). */
class IngestOutcomesIT {

  @Test
  void badFilesFailWithAReasonSkippedFilesStayAndGoodFilesFlow() throws Exception {
    LocalStack stack = SharedStack.get();
    Path folder = stack.config().inbox().resolve("outcomes");
    Files.createDirectories(folder);
    Files.write(folder.resolve("broken.txt"), new byte[] {'n', 'a', (byte) 0xC3, (byte) 0xAF, 'v', 'e', ' ',
        (byte) 0xC3, (byte) 0x28, '\n'}); // UTF-8 with one broken sequence
    Files.writeString(folder.resolve("image.png"), "not ingested by policy");
    Files.writeString(folder.resolve(".hidden.txt"), "hidden files are ignored");
    Files.writeString(folder.resolve("good.md"), "# Good\n\nPakistan and the Taliban in 2001.\n");

    Path failed = stack.config().dataDir().resolve("failed").resolve("outcomes");
    try (OpenSearchQueries os = new OpenSearchQueries(stack.config())) {
      Await.until("the good file indexed", Duration.ofSeconds(60),
          () -> os.countOrZero("{\"term\":{\"source.collection\":\"outcomes\"}}"), n -> n == 1);
    }
    Await.until("the broken file in failed/", Duration.ofSeconds(30),
        () -> Files.exists(failed.resolve("broken.txt.error.txt")), Boolean::booleanValue);
    assertThat(failed.resolve("broken.txt")).exists();
    assertThat(Files.readString(failed.resolve("broken.txt.error.txt")))
        .contains("outcomes/broken.txt").contains("not valid UTF-8");
    assertThat(folder.resolve("image.png")).exists();
    assertThat(folder.resolve(".hidden.txt")).exists();
    assertThat(stack.config().dataDir().resolve("processed").resolve("outcomes").resolve("good.md")).exists();

    ConsumerRecord<String, byte[]> dead = deadLetterFor(stack, DocumentIds.forRelativePath("outcomes/broken.txt"));
    assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.STAGE)).isEqualTo("ingest");
    assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.SOURCE_FILE)).isEqualTo("outcomes/broken.txt");
    assertThat(DeadLetterHeaders.get(dead.headers(), DeadLetterHeaders.REASON)).contains("not valid UTF-8");

    String metrics = Http.get("http://127.0.0.1:" + stack.config().ingestOpsPort() + "/metrics");
    assertThat(metrics).containsPattern("docpipe_ingest_files_total\\{outcome=\"failed\",service=\"ingest\"} [1-9]")
        .containsPattern("docpipe_ingest_files_total\\{outcome=\"skipped\",service=\"ingest\"} [1-9]")
        .contains("kafka_producer_");
  }

  private static ConsumerRecord<String, byte[]> deadLetterFor(LocalStack stack, String key) throws Exception {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer.partitionsFor(Topics.DEAD_LETTER).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      return Await.until("the dead-letter record of " + key, Duration.ofSeconds(30), () -> {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(record.key())) {
            return record;
          }
        }
        return null;
      }, record -> record != null);
    }
  }
}
