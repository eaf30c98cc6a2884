package io.docpipe.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The operations endpoint of a service: Prometheus metrics at {@code /metrics}, liveness at
 * {@code /health/live} and readiness at {@code /health/ready} (503 with the failing checks when not ready).
 */
public final class OpsServer implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final Map<String, BooleanSupplier> readinessChecks = new ConcurrentHashMap<>();
  private final HttpServer server;

  public OpsServer(String service, String host, int port) throws IOException {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", service);
    this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, service + "-ops-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.createContext("/metrics", exchange ->
        respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.createContext("/health/live", exchange ->
        respond(exchange, 200, "application/json", "{\"status\":\"UP\"}"));
    server.createContext("/health/ready", this::ready);
    server.start();
  }

  /** Serves another endpoint on the ops port (e.g. the index service's {@code /search}). */
  public void handle(String path, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(path, handler);
  }

  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /** Adds a named readiness check; the service is ready when every check answers true. */
  public void readiness(String name, BooleanSupplier check) {
    readinessChecks.put(name, check);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public boolean isReady() {
    return checks().values().stream().allMatch(Boolean::booleanValue);
  }

  private Map<String, Boolean> checks() {
    Map<String, Boolean> results = new TreeMap<>();
    readinessChecks.forEach((name, check) -> {
      boolean ok;
      try {
        ok = check.getAsBoolean();
      } catch (RuntimeException e) {
        ok = false;
      }
      results.put(name, ok);
    });
    return results;
  }

  private void ready(HttpExchange exchange) throws IOException {
    Map<String, Boolean> results = checks();
    boolean ready = results.values().stream().allMatch(Boolean::booleanValue);
    StringBuilder body = new StringBuilder("{\"status\":\"").append(ready ? "UP" : "DOWN")
        .append("\",\"checks\":{");
    String separator = "";
    for (Map.Entry<String, Boolean> entry : results.entrySet()) {
      body.append(separator).append('"').append(entry.getKey()).append("\":\"")
          .append(entry.getValue() ? "UP" : "DOWN").append('"');
      separator = ",";
    }
    respond(exchange, ready ? 200 : 503, "application/json", body.append("}}").toString());
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
