package io.docpipe.local.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection in front of a real OpenSearch node: bulk items for the chosen document ids are held back
 * the first time they come (the node never sees them) and answered 429, as a node with a full write queue
 * does; everything else goes to the node, and its answers are merged back in the original order. Counts how
 * often each id was sent and how many bulk requests were in flight at once. Only for tests.
 */
public final class ThrottlingBulkProxy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI target;
  private final Set<String> throttleOnce;
  private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();

  public ThrottlingBulkProxy(URI target, Set<String> throttleOnce) throws IOException {
    this.target = target;
    this.throttleOnce = throttleOnce;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/_bulk", this::bulk);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Times each document id came in a bulk request. */
  public int timesSent(String id) {
    AtomicInteger n = sent.get(id);
    return n == null ? 0 : n.get();
  }

  public int mostInFlight() {
    return mostInFlight.get();
  }

  private void bulk(HttpExchange exchange) throws IOException {
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try (exchange) {
      String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
      ByteArrayOutputStream forwarded = new ByteArrayOutputStream();
      List<Boolean> heldBack = new ArrayList<>();
      for (int i = 0; i < lines.length; i++) {
        JsonNode meta = JSON.readTree(lines[i]);
        String op = meta.fieldNames().next();
        String id = meta.path(op).path("_id").asText();
        boolean hold = sent.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1
            && throttleOnce.contains(id);
        heldBack.add(hold);
        boolean hasSource = !op.equals("delete");
        if (!hold) {
          forwarded.write((lines[i] + "\n").getBytes(StandardCharsets.UTF_8));
          if (hasSource) {
            forwarded.write((lines[i + 1] + "\n").getBytes(StandardCharsets.UTF_8));
          }
        }
        if (hasSource) {
          i++;
        }
      }
      JsonNode answer = forwarded.size() == 0 ? JSON.createObjectNode().put("errors", false).set("items",
          JSON.createArrayNode()) : forward(exchange, forwarded.toByteArray());
      ObjectNode merged = JSON.createObjectNode();
      ArrayNode items = merged.putArray("items");
      boolean errors = answer.path("errors").asBoolean(false);
      int next = 0;
      for (boolean hold : heldBack) {
        if (hold) {
          errors = true;
          items.addObject().putObject("index").put("status", 429).putObject("error")
              .put("type", "es_rejected_execution_exception").put("reason", "injected: write queue full");
        } else {
          items.add(answer.path("items").get(next++));
        }
      }
      merged.put("errors", errors);
      byte[] body = JSON.writeValueAsBytes(merged);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private JsonNode forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    URI uri = URI.create("http://" + target.getHost() + ":" + target.getPort() + exchange.getRequestURI());
    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("the node answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
