package io.docpipe.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;

/**
 * Client for the Confluent Schema Registry REST API (also served by Apicurio's ccompat API, Karapace and
 * Redpanda). Schema ids are immutable, so id-to-schema and schema-to-id answers are cached for the life of
 * the client. Thread-safe.
 */
public final class SchemaRegistryClient {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryClientConfig config;
  private final String baseUrl;
  private final HttpClient http;
  private final Optional<String> authorization;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

  public SchemaRegistryClient(RegistryClientConfig config) {
    this.config = config;
    String url = config.url().toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.timeout());
    if (config.trustStore().isPresent() || config.keyStore().isPresent()) {
      builder.sslContext(sslContext(config));
    }
    this.http = builder.build();
    this.authorization = config.basicAuthUser().map(user -> "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + config.basicAuthPassword().orElse(""))
            .getBytes(StandardCharsets.UTF_8)));
  }

  public RegistryClientConfig config() {
    return config;
  }

  /** Registers a schema under a subject (or finds it if already there) and returns its global id. */
  public int register(String subject, Schema schema) {
    String key = subject + '\n' + schema.toString();
    Integer cached = idsBySubjectAndSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = answer.path("id").asInt();
    idsBySubjectAndSchema.put(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  /** Looks up the id of a schema already registered under a subject, without registering it. */
  public int lookup(String subject, Schema schema) {
    String key = subject + '\n' + schema.toString();
    Integer cached = idsBySubjectAndSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
    int id = answer.path("id").asInt();
    idsBySubjectAndSchema.put(key, id);
    return id;
  }

  /** The schema with a global id; cached forever since ids are immutable. */
  public Schema schemaById(int id) {
    return schemasById.computeIfAbsent(id, missing -> {
      JsonNode answer = send("GET", "/schemas/ids/" + missing, null);
      String type = answer.path("schemaType").asText("AVRO");
      if (!"AVRO".equals(type)) {
        throw new SchemaRegistryException("schema " + missing + " is " + type + ", not AVRO", 200, -1);
      }
      return new Schema.Parser().parse(answer.path("schema").asText());
    });
  }

  /** Sets the subject's compatibility level, e.g. BACKWARD. */
  public void setCompatibility(String subject, Compatibility level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
    send("PUT", "/config/" + encode(subject), body);
  }

  /** The compatibility level set on the subject itself, if any. */
  public Optional<Compatibility> compatibility(String subject) {
    try {
      JsonNode answer = send("GET", "/config/" + encode(subject), null);
      String level = answer.has("compatibilityLevel")
          ? answer.path("compatibilityLevel").asText() : answer.path("compatibility").asText();
      return level.isEmpty() ? Optional.empty() : Optional.of(Compatibility.valueOf(level));
    } catch (SchemaRegistryException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Whether the schema may be registered as the subject's next version under its compatibility rule. */
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
          schemaBody(schema));
      return answer.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      if (e.httpStatus() == 404) {
        return true; // no version yet: anything goes
      }
      throw e;
    }
  }

  public List<String> subjects() {
    JsonNode answer = send("GET", "/subjects", null);
    List<String> subjects = new ArrayList<>();
    answer.forEach(node -> subjects.add(node.asText()));
    return subjects;
  }

  private static ObjectNode schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schemaType", "AVRO").put("schema", schema.toString());
  }

  private JsonNode send(String method, String path, JsonNode body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(config.timeout())
        .header("Accept", CONTENT_TYPE + ", application/json");
    authorization.ifPresent(value -> request.header("Authorization", value));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SchemaRegistryException(
          "schema registry at " + baseUrl + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted calling schema registry", e);
    }
    JsonNode answer = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      String message = answer.path("message").asText(response.body());
      throw new SchemaRegistryException(method + " " + path + " -> HTTP " + response.statusCode()
          + ": " + message, response.statusCode(), answer.path("error_code").asInt(-1));
    }
    return answer;
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", body);
    }
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static SSLContext sslContext(RegistryClientConfig config) {
    try {
      TrustManagerFactory trust = null;
      if (config.trustStore().isPresent()) {
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(config.trustStore().get(), config.trustStorePassword()));
      }
      KeyManagerFactory keys = null;
      if (config.keyStore().isPresent()) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        char[] password = config.keyStorePassword().orElse("").toCharArray();
        keys.init(load(config.keyStore().get(), config.keyStorePassword()), password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(),
          trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot set up TLS for the schema registry: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Path path, Optional<String> password)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, password.map(String::toCharArray).orElse(null));
    }
    return store;
  }

  /** Confluent compatibility levels. */
  public enum Compatibility {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE
  }
}
