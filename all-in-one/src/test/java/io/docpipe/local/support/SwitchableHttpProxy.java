package io.docpipe.local.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * Fault injection: an HTTP proxy in front of a real server that can be switched to answer 503, as a
 * server that is down or restarting would. Only for tests.
 */
public final class SwitchableHttpProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
      "upgrade", "keep-alive");
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI target;
  private volatile boolean down;
  private volatile int answerAll;
  private final java.util.concurrent.atomic.AtomicReference<Hold> hold = new java.util.concurrent.atomic.AtomicReference<>();

  /**
   * The next request whose path starts with the prefix is sent to the server, and its answer held back
   * until {@link Hold#release()}: the server has done the work, the client does not know it yet.
   */
  public record Hold(String pathPrefix, java.util.concurrent.CountDownLatch reached,
      java.util.concurrent.CountDownLatch released) {
    public void release() {
      released.countDown();
    }

    public boolean awaitReached(java.time.Duration timeout) throws InterruptedException {
      return reached.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  public Hold holdNext(String pathPrefix) {
    Hold armed = new Hold(pathPrefix, new java.util.concurrent.CountDownLatch(1),
        new java.util.concurrent.CountDownLatch(1));
    hold.set(armed);
    return armed;
  }

  public SwitchableHttpProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a held answer blocks one thread only
    server.start();
  }

  /** The proxy's base URL with the target's path. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + target.getPath();
  }

  public void setDown(boolean down) {
    this.down = down;
  }

  /** Answers every request with this status (e.g. 401, as a cluster whose credentials changed); 0 to forward. */
  public void answerAll(int status) {
    this.answerAll = status;
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (down || answerAll != 0) {
        exchange.sendResponseHeaders(down ? 503 : answerAll, -1);
        return;
      }
      URI uri = URI.create("http://" + target.getHost() + ":" + target.getPort() + exchange.getRequestURI());
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(exchange.getRequestMethod(),
          HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
          values.forEach(value -> request.header(name, value));
        }
      });
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      Hold armed = hold.get();
      if (armed != null && exchange.getRequestURI().getPath().startsWith(armed.pathPrefix())
          && hold.compareAndSet(armed, null)) {
        armed.reached().countDown();
        armed.released().await();
      }
      response.headers().map().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
