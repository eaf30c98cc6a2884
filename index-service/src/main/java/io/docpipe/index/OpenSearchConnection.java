package io.docpipe.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Request;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * A connection to OpenSearch through the official Java client's HTTP transport (TLS, basic auth, API
 * key), exchanging JSON. Thread-safe.
 */
public final class OpenSearchConnection implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final ApacheHttpClient5Transport transport;
  private final OpenSearchGenericClient client;

  public OpenSearchConnection(OpenSearchSettings settings) {
    HttpHost host = new HttpHost(settings.url().getScheme(), settings.url().getHost(),
        settings.url().getPort() < 0 ? 9200 : settings.url().getPort());
    ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host);
    settings.apiKey().ifPresent(key -> builder.setDefaultHeaders(new BasicHeader[] {
        new BasicHeader("Authorization", "ApiKey " + key)}));
    builder.setHttpClientConfigCallback(http -> {
      if (settings.user().isPresent()) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(
            settings.user().get(), settings.password().orElse("").toCharArray()));
        http.setDefaultCredentialsProvider(credentials);
      }
      if ("https".equals(settings.url().getScheme())) {
        http.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
            .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext(settings)).build())
            .build());
      }
      return http;
    });
    builder.setRequestConfigCallback(request -> request
        .setResponseTimeout(Timeout.of(settings.timeout()))
        .setConnectionRequestTimeout(Timeout.of(settings.timeout())));
    this.transport = builder.build();
    this.client = new OpenSearchGenericClient(transport);
  }

  /** Sends a request and returns the parsed JSON answer; throws on a non-2xx status or no connection. */
  public JsonNode send(String method, String endpoint, String json) {
    return send(method, endpoint, json == null ? null : Body.from(json.getBytes(StandardCharsets.UTF_8),
        "application/json"), Map.of());
  }

  /** Like {@link #send(String, String, String)}, for NDJSON bodies (bulk) and query parameters. */
  public JsonNode send(String method, String endpoint, Body body, Map<String, String> query) {
    Requests.JsonBodyBuilder request = Requests.builder().method(method).endpoint(endpoint).query(query);
    if (body != null) {
      request.body(body);
    }
    Request built = request.build();
    try (Response response = client.execute(built)) {
      String answer = response.getBody().map(Body::bodyAsString).orElse("");
      if (response.getStatus() / 100 != 2) {
        throw new OpenSearchException(method + " " + endpoint + " -> HTTP " + response.getStatus() + ": "
            + abbreviate(answer), response.getStatus(), null);
      }
      return answer.isEmpty() ? JSON.createObjectNode() : JSON.readTree(answer);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** The HTTP status of a HEAD/GET without failing on 404. */
  public int status(String method, String endpoint) {
    try (Response response = client.execute(Requests.builder().method(method).endpoint(endpoint).build())) {
      return response.getStatus();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }

  private static SSLContext sslContext(OpenSearchSettings settings) {
    try {
      if (settings.trustStore().isEmpty()) {
        return SSLContexts.createSystemDefault();
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      try (InputStream in = Files.newInputStream(settings.trustStore().get())) {
        trust.load(in, settings.trustStorePassword().map(String::toCharArray).orElse(null));
      }
      return SSLContexts.custom().loadTrustMaterial(trust, null).build();
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot set up TLS for OpenSearch: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    transport.close();
  }

  /**
   * The transport reports a 401 as an IOException ("Unauthorized access"), not as a response: name it as
   * the refusal it is, so the service says its credentials were refused rather than that OpenSearch is gone.
   */
  private static OpenSearchException failure(IOException e) {
    if (String.valueOf(e.getMessage()).contains("Unauthorized")) {
      return new OpenSearchException("OpenSearch refused the credentials (HTTP 401): " + e.getMessage(), 401, e);
    }
    return new OpenSearchException("OpenSearch unreachable: " + e, -1, e);
  }
}
