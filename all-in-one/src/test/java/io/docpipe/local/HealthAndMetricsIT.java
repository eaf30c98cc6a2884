package io.docpipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each service exposes liveness, readiness and Prometheus metrics, Kafka client metrics included. */
class HealthAndMetricsIT {

  @Test
  void everyServiceIsLiveReadyAndExposesItsMetrics() throws Exception {
    LocalStack stack = SharedStack.get();
    LocalConfig config = stack.config();
    for (int port : new int[] {config.ingestOpsPort(), config.enrichOpsPort(), config.indexOpsPort()}) {
      String base = "http://127.0.0.1:" + port;
      assertThat(Http.status(base + "/health/live")).isEqualTo(200);
      Await.until("readiness of " + base, Duration.ofSeconds(60), () -> statusOf(base + "/health/ready"),
          status -> status == 200);
    }
    assertThat(Http.get("http://127.0.0.1:" + config.enrichOpsPort() + "/metrics"))
        .contains("kafka_stream_").contains("docpipe_enrich_");
    assertThat(Http.get("http://127.0.0.1:" + config.indexOpsPort() + "/metrics")).contains("kafka_consumer_");
  }

  private static int statusOf(String url) {
    try {
      return Http.status(url);
    } catch (Exception e) {
      return -1;
    }
  }
}
