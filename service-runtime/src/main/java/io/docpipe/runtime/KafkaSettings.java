package io.docpipe.runtime;

import io.docpipe.schemas.registry.RegistryClientConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How a service reaches Kafka and the schema registry. Every {@code kafka.*} setting passes through to the
 * Kafka clients (e.g. {@code DOCPIPE_KAFKA_SECURITY_PROTOCOL=SSL}); {@code registry.*} configures the
 * registry client.
 */
public record KafkaSettings(String bootstrapServers, Map<String, Object> clientProperties,
    RegistryClientConfig registry) {

  public static final String DEFAULT_REGISTRY_URL = "http://localhost:8081/apis/ccompat/v7";
  /**
   * The pipeline's consumers' {@code fetch.max.wait.ms}: a read_committed fetch waits this long for data at most
   * (Kafka's 500 ms showed at each hop in drop-to-searchable latency); about 20 empty fetches a second when idle.
   */
  public static final int FETCH_MAX_WAIT_MS = 50;
  private static final String FETCH_MAX_WAIT = "fetch.max.wait.ms";

  /** {@code fetch.max.wait.ms} at {@link #FETCH_MAX_WAIT_MS}, unless {@code DOCPIPE_KAFKA_FETCH_MAX_WAIT_MS} sets it. */
  public Map<String, Object> fetchWaitDefault() {
    return clientProperties.containsKey(FETCH_MAX_WAIT) ? Map.of() : Map.of(FETCH_MAX_WAIT, FETCH_MAX_WAIT_MS);
  }

  public static KafkaSettings from(Settings settings) {
    String bootstrap = settings.string("kafka.bootstrap.servers", "localhost:9092");
    Map<String, Object> client = new HashMap<>(settings.withPrefix("kafka."));
    client.put("bootstrap.servers", bootstrap);
    RegistryClientConfig registry = new RegistryClientConfig(
        settings.uri("registry.url", DEFAULT_REGISTRY_URL),
        settings.optional("registry.basic.auth.user"),
        settings.secret("registry.basic.auth.password"),
        settings.optional("registry.ssl.truststore.location").map(java.nio.file.Path::of),
        settings.secret("registry.ssl.truststore.password"),
        settings.optional("registry.ssl.keystore.location").map(java.nio.file.Path::of),
        settings.secret("registry.ssl.keystore.password"),
        settings.duration("registry.timeout", Duration.ofSeconds(10)),
        settings.bool("registry.auto.register", true));
    return new KafkaSettings(bootstrap, Map.copyOf(client), registry);
  }

  /** Client properties plus the given ones (which win). */
  public Map<String, Object> clientProperties(Map<String, Object> overrides) {
    Map<String, Object> merged = new HashMap<>(clientProperties);
    merged.putAll(overrides);
    return merged;
  }

  @Override
  public String toString() {
    // Client properties may carry SASL secrets: only the bootstrap servers are shown.
    return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", registry=" + registry + "]";
  }
}
