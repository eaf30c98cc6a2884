package io.docpipe.local;

import io.docpipe.local.support.RawTopic;
import io.docpipe.local.support.SharedStack;
import io.docpipe.local.support.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.docpipe.ingest.IngestConfig;
import io.docpipe.ingest.IngestService;
import io.docpipe.runtime.Settings;
import io.docpipe.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: a real three-broker KRaft cluster (replication factor 3, min.insync.replicas 2, Kafka's
 * KafkaClusterTestKit), and the ingest service publishing a burst of files to it; the broker leading the
 * raw topic's first partition is stopped mid-burst. Nothing acknowledged may be lost: every file ends
 * published, and the raw topic (read committed) holds each document exactly once.
 */
class BrokerLossIT {
  private static final int FILES = 60;

  @TempDir
  Path work;

  @Test
  void losingOneBrokerOfThreeLosesNothingAcknowledged() throws Exception {
    LocalStack stack = SharedStack.get();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setNumBrokerNodes(3).setNumControllerNodes(1).setBaseDirectory(work.resolve("cluster")).build());
    for (var entry : Map.of("min.insync.replicas", "2", "default.replication.factor", "3",
        "offsets.topic.replication.factor", "3", "transaction.state.log.replication.factor", "3",
        "transaction.state.log.min.isr", "2", "group.initial.rebalance.delay.ms", "0",
        "auto.create.topics.enable", "false").entrySet()) {
      builder.setConfigProp(entry.getKey(), entry.getValue());
    }
    try (KafkaClusterTestKit cluster = builder.build()) {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      Map<String, String> settings = new HashMap<>(Map.of(
          "kafka.bootstrap.servers", cluster.bootstrapServers(),
          "registry.url", stack.config().registryUrl(),
          "topics.replication.factor", "3",
          "topics.partitions", "2",
          "ingest.inbox.dir", work.resolve("inbox").toString(),
          "ingest.processed.dir", work.resolve("processed").toString(),
          "ingest.failed.dir", work.resolve("failed").toString(),
          "ingest.quiet.period", "200ms",
          "ingest.ops.port", "0",
          "ingest.batch.max.files", "5"));
      Path inbox = Files.createDirectories(work.resolve("inbox").resolve("burst"));
      try (IngestService ingest = new IngestService(IngestConfig.from(Settings.of(settings)))) {
        ingest.start();
        Await.until("ingest ready", Duration.ofSeconds(120), ingest::isReady, ok -> ok);
        for (int i = 0; i < FILES; i++) {
          Files.writeString(inbox.resolve("file-" + i + ".txt"), "File " + i + " of a burst, about Islamabad.\n");
        }
        Await.until("a third of the burst published", Duration.ofSeconds(120), () -> published(), n -> n >= FILES / 3);
        int leader;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
          leader = admin.describeTopics(List.of(Topics.RAW_DOCUMENTS.name())).allTopicNames().get(30, TimeUnit.SECONDS)
              .get(Topics.RAW_DOCUMENTS.name()).partitions().get(0).leader().id();
        }
        cluster.brokers().get(leader).shutdown();
        Await.until("every file published", Duration.ofSeconds(180), () -> published(), n -> n == FILES);
        assertThat(CrashSafetyIT.count(work.resolve("failed"))).as("no file failed").isZero();
        String bootstrap = cluster.brokers().entrySet().stream().filter(e -> e.getKey() != leader)
            .map(e -> "localhost:" + e.getValue().boundPort(cluster.nodes().brokerListenerName()))
            .findFirst().orElseThrow();
        var raw = RawTopic.raw(bootstrap);
        assertThat(raw).hasSize(FILES);
        assertThat(raw.values()).as("each document exactly once").allSatisfy(records -> assertThat(records).hasSize(1));
        System.out.printf("BrokerLossIT: broker %d (leader of %s-0) stopped after %d of %d files; %d documents "
            + "on the raw topic, each once%n", leader, Topics.RAW_DOCUMENTS.name(), FILES / 3, FILES, raw.size());
      }
    }
  }

  private long published() {
    return CrashSafetyIT.count(work.resolve("processed"));
  }

}
