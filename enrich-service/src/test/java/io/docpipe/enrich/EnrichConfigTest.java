package io.docpipe.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docpipe.runtime.ConfigException;
import io.docpipe.runtime.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnrichConfigTest {
  private static EnrichConfig config(Map<String, String> values) {
    Map<String, String> settings = new HashMap<>(values);
    settings.put("kafka.bootstrap.servers", "kafka:9092");
    return EnrichConfig.from(Settings.of(settings));
  }

  @Test
  void theTimeoutsAreSetOnPurposeAndPassedToKafkaStreams() {
    EnrichConfig config = config(Map.of());
    assertThat(config.transactionTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.documentTimeLimit()).isEqualTo(Duration.ofSeconds(20));
    Properties props = EnrichService.streamsProperties(config);
    assertThat(props.get("producer.transaction.timeout.ms")).isEqualTo(60_000);
    assertThat(props.get("consumer.max.poll.interval.ms")).isEqualTo(300_000);
    assertThat(props.get("commit.interval.ms")).isEqualTo(100L);
    assertThat(props.get("max.task.idle.ms")).isEqualTo(-1L);
    assertThat(props.get("main.consumer.fetch.max.wait.ms")).isEqualTo(50);
  }

  @Test
  void timeoutsThatDoNotNestAreRefusedAtStartWithEveryProblem() {
    assertThatThrownBy(() -> config(Map.of("enrich.document.time.limit", "40s",
        "enrich.transaction.timeout", "60s", "enrich.max.poll.interval", "30s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DOCPIPE_ENRICH_TRANSACTION_TIMEOUT")
        .hasMessageContaining("DOCPIPE_ENRICH_MAX_POLL_INTERVAL");
  }

  @Test
  void topicsReplicationFactorIsTheSharedSetting() {
    assertThat(config(Map.of("topics.replication.factor", "3")).kafka().replicationFactor()).isEqualTo(3);
    assertThat(EnrichService.streamsProperties(config(Map.of("topics.replication.factor", "3")))
        .get("replication.factor")).isEqualTo(3);
  }
}
