package io.docpipe.index.search;

import io.docpipe.index.OpenSearchException;
import io.docpipe.index.OpenSearchConnection;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /search?q=WORDS&entity=TYPE:VALUE&from=YYYY-MM-DD&to=YYYY-MM-DD&size=N&include_repeated=true}
 * on the index service's ops port: the same search as {@code docpipe search --json}. {@code entity} may be
 * repeated. 400 with the reason for bad parameters, 503 when OpenSearch does not answer.
 */
public final class SearchEndpoint implements HttpHandler {
  private final Searcher searcher;

  public SearchEndpoint(Searcher searcher) {
    this.searcher = searcher;
  }

  /**
   * The handler, behind a bearer token when one is configured ({@code DOCPIPE_INDEX_SEARCH_TOKEN[_FILE]}):
   * a request without {@code Authorization: Bearer <token>} gets 401. Compared in constant time.
   */
  public static HttpHandler guarded(HttpHandler handler, java.util.Optional<String> token) {
    if (token.isEmpty()) {
      return handler;
    }
    byte[] expected = ("Bearer " + token.get()).getBytes(StandardCharsets.UTF_8);
    return exchange -> {
      String given = exchange.getRequestHeaders().getFirst("Authorization");
      if (given == null || !java.security.MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        respond(exchange, 401, error("a valid bearer token is required"));
        return;
      }
      handler.handle(exchange);
    };
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("GET")) {
      respond(exchange, 405, error("use GET"));
      return;
    }
    Map<String, List<String>> params = parameters(exchange.getRequestURI().getRawQuery());
    Searcher.Query query;
    try {
      query = Searcher.Query.of(first(params, "q"), params.getOrDefault("entity", List.of()), first(params, "from"),
          first(params, "to"), Integer.parseInt(first(params, "size") == null ? "10" : first(params, "size")),
          Boolean.parseBoolean(first(params, "include_repeated")));
    } catch (NumberFormatException e) {
      respond(exchange, 400, error("size must be a whole number"));
      return;
    } catch (IllegalArgumentException e) {
      respond(exchange, 400, error(e.getMessage()));
      return;
    }
    try {
      respond(exchange, 200, OpenSearchConnection.JSON.writeValueAsBytes(searcher.search(query)));
    } catch (OpenSearchException e) {
      respond(exchange, 503, error("OpenSearch unavailable: " + e.getMessage()));
    }
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public static Map<String, List<String>> parameters(String rawQuery) {
    Map<String, List<String>> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static byte[] error(String message) throws IOException {
    return OpenSearchConnection.JSON.writeValueAsBytes(Map.of("error", message));
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
