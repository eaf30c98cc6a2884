package io.docpipe.index;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted stand-in for OpenSearch's HTTP API on a free loopback port, for fault injection in unit tests
 * (answers, statuses, timing the real node cannot be made to give); tests of real behaviour use the real node.
 */
public final class FakeOpenSearch implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;
  private final OpenSearchConnection connection;

  /** Serves {@code handler} at {@code path} on {@code threads} request threads at once. */
  public FakeOpenSearch(String path, HttpHandler handler, int threads) throws IOException {
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    this.threads = Executors.newFixedThreadPool(threads);
    server.setExecutor(this.threads);
    server.createContext(path, handler);
    server.start();
    this.connection = new OpenSearchConnection(OpenSearchSettings.of(url()));
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A client for it, closed with it. */
  public OpenSearchConnection connection() {
    return connection;
  }

  /** Answers a request with a JSON body and closes the exchange. */
  public static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
