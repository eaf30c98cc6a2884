package io.docpipe.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client puts on the wire (auth header, paths, caching), checked with a scripted HTTP endpoint.
 * Behaviour against a real registry is tested in the all-in-one module against Apicurio.
 */
class SchemaRegistryClientRequestsTest {
  private static final Schema SCHEMA = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"x\",\"type\":\"string\"}]}");
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile int status = 200;
  private volatile String answer = "{\"id\":7}";

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " auth="
          + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private SchemaRegistryClient client(Optional<String> user) {
    return new SchemaRegistryClient(new RegistryClientConfig(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7/"), user,
        Optional.of("pw"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Duration.ofSeconds(5), true));
  }

  @Test
  void registersUnderTheSubjectWithBasicAuthAndCachesTheId() {
    SchemaRegistryClient client = client(Optional.of("alice"));
    assertThat(client.register("topic-value", SCHEMA)).isEqualTo(7);
    assertThat(client.register("topic-value", SCHEMA)).isEqualTo(7);
    assertThat(client.schemaById(7)).isEqualTo(SCHEMA); // known from registering: no request
    assertThat(requests).containsExactly(
        "POST /apis/ccompat/v7/subjects/topic-value/versions auth=Basic YWxpY2U6cHc=");
  }

  @Test
  void refusalsCarryStatusAndCode() {
    status = 409;
    answer = "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}";
    assertThatThrownBy(() -> client(Optional.empty()).register("s", SCHEMA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.isIncompatible()).isTrue();
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains("incompatible");
        });
    assertThat(requests.get(0)).endsWith("auth=null");
  }

  @Test
  void anUnreachableRegistryIsRetryable() {
    SchemaRegistryClient client = client(Optional.empty());
    server.stop(0);
    assertThatThrownBy(() -> client.schemaById(1)).isInstanceOfSatisfying(SchemaRegistryException.class,
        e -> assertThat(e.isRetryable()).isTrue());
  }

  @Test
  void passwordsStayOutOfToString() {
    assertThat(client(Optional.of("alice")).config().toString()).contains("alice").doesNotContain("pw");
  }
}
