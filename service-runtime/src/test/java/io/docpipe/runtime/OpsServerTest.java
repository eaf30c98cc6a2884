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

      assertThat(get(ops, "/metrics").body()).contains("docpipe_health_ready{service=\"test\"} 0.0",
          "docpipe_health_live{service=\"test\"} 1.0");

      kafkaUp.set(true);
      assertThat(get(ops, "/health/ready").statusCode()).isEqualTo(200);
      assertThat(get(ops, "/metrics").body())
          .contains("docpipe_test_things_total{outcome=\"ok\",service=\"test\"} 3.0")
          .contains("docpipe_health_ready{service=\"test\"} 1.0")
          .contains("# HELP docpipe_health_ready 1 when the service is ready")
          .contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage",
              "process_uptime_seconds");
    }
  }

  @Test
  void aDeadOrFailingWorkLoopTurnsReadinessAndLivenessDownWithTheReason() throws Exception {
    WorkLoopHealth loop = new WorkLoopHealth("index-loop", java.time.Duration.ofMinutes(5));
    try (OpsServer ops = new OpsServer("test", "127.0.0.1", 0)) {
      ops.workLoop("index-loop", loop);
      assertThat(get(ops, "/health/ready").statusCode()).isEqualTo(200);
      loop.failing("OpenSearch refused the service's credentials (HTTP 401)");
      HttpResponse<String> failing = get(ops, "/health/ready");
      assertThat(failing.statusCode()).isEqualTo(503);
      assertThat(failing.body()).contains("\"index-loop\":\"DOWN\"", "HTTP 401");
      assertThat(get(ops, "/health/live").statusCode()).as("alive while it retries").isEqualTo(200);
      loop.died(new IllegalStateException("commit timed out"));
      assertThat(get(ops, "/health/live").statusCode()).isEqualTo(503);
      assertThat(get(ops, "/health/ready").body()).contains("index-loop stopped", "commit timed out");
    }
  }

  @Test
  void slowSearchesNeverBlockTheHealthEndpoints() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(OpsServer.THREADS - 1);
    try (OpsServer ops = new OpsServer("test", "127.0.0.1", 0)) {
      ops.handle("/search", exchange -> {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
      java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> slow = new java.util.ArrayList<>();
      for (int i = 0; i < OpsServer.THREADS - 1; i++) {
        slow.add(http.sendAsync(request(ops, "/search"), HttpResponse.BodyHandlers.ofString()));
      }
      assertThat(entered.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("every search thread busy").isTrue();
      assertThat(get(ops, "/health/live").statusCode()).isEqualTo(200);
      assertThat(get(ops, "/health/ready").statusCode()).isEqualTo(200);
      assertThat(get(ops, "/search").statusCode()).as("one more search is turned away, not queued").isEqualTo(503);
      release.countDown();
      for (var response : slow) {
        assertThat(response.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
    }
  }

  private static HttpRequest request(OpsServer ops, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build();
  }

  private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
