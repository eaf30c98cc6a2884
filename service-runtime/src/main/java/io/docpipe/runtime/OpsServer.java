package io.docpipe.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operations endpoint of a service: Prometheus metrics at {@code /metrics}, liveness at
 * {@code /health/live} (503 when a work loop died) and readiness at {@code /health/ready} (503 with the
 * failing checks and their reasons when not ready). Other endpoints ({@link #handle}) share at most
 * {@link #THREADS} - 1 of the server's threads, so a slow one (a search against a slow OpenSearch) never
 * blocks the health checks; past that they answer 503 at once.
 */
public final class OpsServer implements AutoCloseable {
  static final int THREADS = 4;
  private final PrometheusMeterRegistry registry;
  private final Map<String, Supplier<Optional<String>>> readinessChecks = new ConcurrentHashMap<>();
  private final Map<String, BooleanSupplier> livenessChecks = new ConcurrentHashMap<>();
  private final Semaphore otherEndpoints = new Semaphore(THREADS - 1);
  private final HttpServer server;

  /** Readiness as a metric, for alerts: 1 ready, 0 not. */
  public static final String READY = "docpipe.health.ready";
  /** Liveness as a metric: 1 alive, 0 a work loop died. */
  public static final String LIVE = "docpipe.health.live";

  public OpsServer(String service, String host, int port) throws IOException {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", service);
    bindProcessMetrics(registry);
    Gauge.builder(READY, this, ops -> ops.isReady() ? 1 : 0)
        .description("1 when the service is ready (GET /health/ready answers 200), else 0").register(registry);
    Gauge.builder(LIVE, this, ops -> ops.isLive() ? 1 : 0)
        .description("1 when every work loop of the service is alive (GET /health/live answers 200), else 0")
        .register(registry);
    this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.setExecutor(Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, service + "-ops-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.createContext("/metrics", exchange ->
        respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.createContext("/health/live", this::live);
    server.createContext("/health/ready", this::ready);
    server.start();
  }

  /** JVM and process metrics every service exposes: memory, GC, threads, classes, CPU, uptime, files. */
  @SuppressWarnings("resource") // the GC binder lives as long as the registry
  static void bindProcessMetrics(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /**
   * Serves another endpoint on the ops port (e.g. the index service's {@code /search}), on the threads the
   * health checks do not need.
   */
  public void handle(String path, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(path, exchange -> {
      if (!otherEndpoints.tryAcquire()) {
        respond(exchange, 503, "application/json", "{\"error\":\"too many requests in flight\"}");
        return;
      }
      try {
        handler.handle(exchange);
      } finally {
        otherEndpoints.release();
      }
    });
  }

  /** Adds a named liveness check: when one answers false, {@code /health/live} answers 503. */
  public void liveness(String name, BooleanSupplier check) {
    livenessChecks.put(name, check);
  }

  /** Adds a work loop's health: its readiness (with the reason) and its liveness. */
  public void workLoop(String name, WorkLoopHealth health) {
    readinessChecks.put(name, health::notReadyReason);
    livenessChecks.put(name, health::isAlive);
  }

  /** Adds a named readiness check that answers empty when ready, else the reason it is not. */
  public void readinessWithReason(String name, Supplier<Optional<String>> check) {
    readinessChecks.put(name, check);
  }

  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /** Adds a named readiness check; the service is ready when every check answers true. */
  public void readiness(String name, BooleanSupplier check) {
    readinessChecks.put(name, () -> check.getAsBoolean() ? Optional.empty() : Optional.of("not ready"));
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public boolean isReady() {
    return checks().values().stream().allMatch(Optional::isEmpty);
  }

  public boolean isLive() {
    return livenessChecks.values().stream().allMatch(BooleanSupplier::getAsBoolean);
  }

  private Map<String, Optional<String>> checks() {
    Map<String, Optional<String>> results = new TreeMap<>();
    readinessChecks.forEach((name, check) -> {
      Optional<String> problem;
      try {
        problem = check.get();
      } catch (RuntimeException e) {
        problem = Optional.of("check failed: " + e);
      }
      results.put(name, problem);
    });
    return results;
  }

  private void live(HttpExchange exchange) throws IOException {
    StringBuilder dead = new StringBuilder();
    livenessChecks.forEach((name, check) -> {
      if (!check.getAsBoolean()) {
        dead.append(dead.length() == 0 ? "" : ",").append('"').append(json(name)).append("\":\"DOWN\"");
      }
    });
    if (dead.length() == 0) {
      respond(exchange, 200, "application/json", "{\"status\":\"UP\"}");
    } else {
      respond(exchange, 503, "application/json", "{\"status\":\"DOWN\",\"checks\":{" + dead + "}}");
    }
  }

  private void ready(HttpExchange exchange) throws IOException {
    Map<String, Optional<String>> results = checks();
    boolean ready = results.values().stream().allMatch(Optional::isEmpty);
    StringBuilder body = new StringBuilder("{\"status\":\"").append(ready ? "UP" : "DOWN")
        .append("\",\"checks\":{");
    String separator = "";
    for (Map.Entry<String, Optional<String>> entry : results.entrySet()) {
      body.append(separator).append('"').append(json(entry.getKey())).append("\":\"")
          .append(entry.getValue().isEmpty() ? "UP" : "DOWN").append('"');
      separator = ",";
    }
    body.append("}");
    if (!ready) {
      body.append(",\"reasons\":{");
      separator = "";
      for (Map.Entry<String, Optional<String>> entry : results.entrySet()) {
        if (entry.getValue().isPresent()) {
          body.append(separator).append('"').append(json(entry.getKey())).append("\":\"")
              .append(json(entry.getValue().get())).append('"');
          separator = ",";
        }
      }
      body.append("}");
    }
    respond(exchange, ready ? 200 : 503, "application/json", body.append("}").toString());
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    registry.close();
  }
}
