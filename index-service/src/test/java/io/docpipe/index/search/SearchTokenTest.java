package io.docpipe.index.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /search} behind a bearer token when DOCPIPE_INDEX_SEARCH_TOKEN is set. */
class SearchTokenTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void withATokenConfiguredOnlyRequestsBearingItAreServed() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/search", SearchEndpoint.guarded(exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    }, Optional.of("s3cret-token")));
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/search?q=x");
      assertThat(status(HttpRequest.newBuilder(url).build())).isEqualTo(401);
      assertThat(status(HttpRequest.newBuilder(url).header("Authorization", "Bearer wrong").build())).isEqualTo(401);
      assertThat(status(HttpRequest.newBuilder(url).header("Authorization", "Bearer s3cret-token").build()))
          .isEqualTo(200);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void withoutATokenTheHandlerIsServedAsItIs() {
    com.sun.net.httpserver.HttpHandler handler = exchange -> { };
    assertThat(SearchEndpoint.guarded(handler, Optional.empty())).isSameAs(handler);
  }

  private int status(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
