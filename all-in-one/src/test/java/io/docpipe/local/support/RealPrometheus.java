package io.docpipe.local.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package; {@code .ci/run} installs it) scraping the
 * given jobs every second and evaluating the given rule files every second; its log goes to
 * {@code target/it-logs}.
 */
public final class RealPrometheus implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final String base;

  /** Where the prometheus binary is, or null when it is not installed. */
  public static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, "prometheus"))) {
        return Path.of(dir, "prometheus").toString();
      }
    }
    return null;
  }

  /** @param jobs job name to its scrape targets (host:port) */
  public RealPrometheus(Map<String, List<String>> jobs, List<Path> ruleFiles) throws Exception {
    Path dir = Files.createTempDirectory("prometheus-it-");
    StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n");
    config.append("rule_files:\n");
    for (Path rules : ruleFiles) {
      config.append("  - '").append(rules.toAbsolutePath()).append("'\n");
    }
    config.append("scrape_configs:\n");
    jobs.forEach((job, targets) -> {
      config.append("  - job_name: '").append(job).append("'\n    static_configs:\n      - targets: [");
      config.append(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())).append("]\n");
    });
    Files.writeString(dir.resolve("prometheus.yml"), config);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    Path logs = Files.createDirectories(Path.of("target", "it-logs"));
    process = new ProcessBuilder(binary(), "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(logs.resolve("prometheus-" + port + ".log").toFile()).start();
    Await.until("Prometheus ready", Duration.ofSeconds(60), () -> {
      try {
        return Http.status(base + "/-/ready");
      } catch (Exception e) {
        return -1;
      }
    }, status -> status == 200);
  }

  /** The result of an instant query (the {@code data.result} array); fails on a query error. */
  public JsonNode query(String promql) {
    JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (!"success".equals(answer.path("status").asText())) {
      throw new AssertionError("query failed: " + promql + ": " + answer);
    }
    return answer.path("data").path("result");
  }

  /** Series matching a selector (what Grafana's label_values(selector, label) reads). */
  public JsonNode series(String selector) {
    return get("/api/v1/series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8))
        .path("data");
  }

  /** Alerts as the rule manager holds them (pending and firing). */
  public JsonNode alerts() {
    return get("/api/v1/alerts").path("data").path("alerts");
  }

  private JsonNode get(String path) {
    try {
      return JSON.readTree(Http.get(base + path));
    } catch (Exception e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
