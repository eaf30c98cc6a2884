package io.docpipe.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.docpipe.runtime.Settings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the OpenSearch client puts on the wire for a secured cluster, checked against a fake HTTPS endpoint
 * with a certificate from a private CA (generated with keytool): the custom trust store is used (and
 * without it the connection is refused), basic auth answers the challenge, an API key goes in the
 * Authorization header, secrets come from files, and none of them shows in the settings' text.
 */
class OpenSearchSecurityTest {
  @TempDir
  Path dir;
  private HttpsServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private Path trustStore;

  @BeforeEach
  void startFakeCluster() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
        keyStore.toString(), "-storepass", "secret1", "-keypass", "secret1");
    Path cert = dir.resolve("server.cer");
    keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", "secret1",
        "-file", cert.toString());
    trustStore = dir.resolve("trust.p12");
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", cert.toString(), "-storetype", "PKCS12",
        "-keystore", trustStore.toString(), "-storepass", "trustpass");

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, "secret1".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "secret1".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      byte[] body;
      if (auth == null) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"opensearch\"");
        body = "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(401, body.length);
      } else {
        authorizations.add(auth);
        body = "{\"cluster_name\":\"fake\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
      }
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "https://localhost:" + server.getAddress().getPort();
  }

  @Test
  void basicAuthOverTlsWithAPrivateCaAndSecretsFromFiles() throws Exception {
    Path password = Files.writeString(dir.resolve("password"), "s3cr3t-pw\n");
    Path trustPassword = Files.writeString(dir.resolve("trust-password"), "trustpass");
    OpenSearchSettings settings = OpenSearchSettings.from(Settings.of(Map.of(
        "opensearch.url", url(), "opensearch.user", "indexer", "opensearch.password.file", password.toString(),
        "opensearch.ssl.truststore.location", trustStore.toString(),
        "opensearch.ssl.truststore.password.file", trustPassword.toString())));
    try (OpenSearchConnection connection = new OpenSearchConnection(settings)) {
      assertThat(connection.send("GET", "/", (String) null).path("cluster_name").asText()).isEqualTo("fake");
    }
    assertThat(authorizations).containsExactly("Basic " + Base64.getEncoder()
        .encodeToString("indexer:s3cr3t-pw".getBytes(StandardCharsets.UTF_8)));
    assertThat(settings.toString()).doesNotContain("s3cr3t-pw").doesNotContain("trustpass");
  }

  @Test
  void anApiKeyGoesInTheAuthorizationHeaderAndIsNeverShown() throws Exception {
    OpenSearchSettings settings = OpenSearchSettings.from(Settings.of(Map.of("opensearch.url", url(),
        "opensearch.api.key", "a2V5OnZhbHVl", "opensearch.ssl.truststore.location", trustStore.toString(),
        "opensearch.ssl.truststore.password", "trustpass")));
    try (OpenSearchConnection connection = new OpenSearchConnection(settings)) {
      connection.send("GET", "/", (String) null);
    }
    assertThat(authorizations).containsExactly("ApiKey a2V5OnZhbHVl");
    assertThat(settings.toString()).doesNotContain("a2V5OnZhbHVl").contains("apiKey=(set)");
  }

  @Test
  void withoutThePrivateCaTheConnectionIsRefused() throws Exception {
    try (OpenSearchConnection connection = new OpenSearchConnection(OpenSearchSettings.of(java.net.URI.create(url())))) {
      assertThatThrownBy(() -> connection.send("GET", "/", (String) null)).isInstanceOf(OpenSearchException.class)
          .hasMessageContaining("unreachable");
    }
    assertThat(authorizations).isEmpty();
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }
}
