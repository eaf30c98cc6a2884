package io.docpipe.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesMetricsLivenessAndReadiness() throws Exception {
    AtomicBoolean kafkaUp = new AtomicBoolean(false);
    try (OpsServer ops = new OpsServer("test", "127.0.0.1", 0)) {
      ops.meterRegistry().counter("docpipe.test.things", "outcome", "ok").increment(3);
      ops.readiness("kafka", kafkaUp::get);

      assertThat(get(ops, "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> notReady = get(ops, "/health/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("\"kafka\":\"DOWN\"");

      kafkaUp.set(true);
      assertThat(get(ops, "/health/ready").statusCode()).isEqualTo(200);
      assertThat(get(ops, "/metrics").body())
          .contains("docpipe_test_things_total{outcome=\"ok\",service=\"test\"} 3.0");
    }
  }

  private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
