package io.docpipe.runtime;

import io.docpipe.schemas.registry.RegistryClientConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How a service reaches Kafka and the schema registry, and how it creates the pipeline's topics when they are
 * missing. Every {@code kafka.*} setting passes through to the Kafka clients (e.g.
 * {@code DOCPIPE_KAFKA_SECURITY_PROTOCOL=SSL}); {@code registry.*} configures the registry client.
 *
 * @param partitions partitions of the topics a service creates when they are missing
 * @param replicationFactor their replication factor; -1 takes the broker's default
 */
public record KafkaSettings(String bootstrapServers, Map<String, Object> clientProperties,
    RegistryClientConfig registry, int partitions, int replicationFactor) {

  public static final String DEFAULT_REGISTRY_URL = "http://localhost:8081/apis/ccompat/v7";
  /** The settings every service reads. */
  public static final SettingTable TABLE = new SettingTable("Kafka, the schema registry and topics (every service)");
  public static final Setting<String> BOOTSTRAP_SERVERS = TABLE.string("kafka.bootstrap.servers", "localhost:9092",
      "Kafka. Any `DOCPIPE_KAFKA_*` variable passes to the Kafka clients (e.g. `DOCPIPE_KAFKA_SECURITY_PROTOCOL`).");
  public static final Setting<Integer> FETCH_MAX_WAIT = TABLE.integer("kafka.fetch.max.wait.ms", 50, 0, 60_000,
      "How long the broker holds an empty fetch of the enrich and index consumers (Kafka's 500 ms showed in "
      + "drop-to-searchable latency).");
  public static final Setting<java.net.URI> REGISTRY_URL = TABLE.uri("registry.url", DEFAULT_REGISTRY_URL,
      "Confluent-compatible registry API (Confluent, Apicurio ccompat, Karapace, Redpanda).");
  public static final Setting<java.util.Optional<String>> REGISTRY_USER = TABLE.optional("registry.basic.auth.user",
      "Registry basic auth user.");
  public static final Setting<java.util.Optional<String>> REGISTRY_PASSWORD = TABLE.secret(
      "registry.basic.auth.password", "Its password (or `…_FILE`: a file holding it).");
  public static final Setting<java.util.Optional<String>> REGISTRY_TRUSTSTORE = TABLE.optional(
      "registry.ssl.truststore.location", "Registry TLS with a private CA: the trust store.");
  public static final Setting<java.util.Optional<String>> REGISTRY_TRUSTSTORE_PASSWORD = TABLE.secret(
      "registry.ssl.truststore.password", "Its password (or `…_FILE`).");
  public static final Setting<java.util.Optional<String>> REGISTRY_KEYSTORE = TABLE.optional(
      "registry.ssl.keystore.location", "Mutual TLS to the registry: the key store.");
  public static final Setting<java.util.Optional<String>> REGISTRY_KEYSTORE_PASSWORD = TABLE.secret(
      "registry.ssl.keystore.password", "Its password (or `…_FILE`).");
  public static final Setting<Duration> REGISTRY_TIMEOUT = TABLE.duration("registry.timeout", Duration.ofSeconds(10),
      "Registry request timeout.");
  public static final Setting<Boolean> REGISTRY_AUTO_REGISTER = TABLE.bool("registry.auto.register", true,
      "Register the services' schemas at start (false: they must already be registered).");
  public static final Setting<Integer> TOPICS_PARTITIONS = TABLE.integer("topics.partitions", 3, 1, 10_000,
      "Partitions of the topics the services create when missing.");
  public static final Setting<Integer> TOPICS_REPLICATION_FACTOR = TABLE.integer("topics.replication.factor", -1,
      -1, 32, "Their replication factor (-1: the broker's default).");

  /**
   * The pipeline's consumers' {@code fetch.max.wait.ms}: a read_committed fetch waits this long for data at most
   * (Kafka's 500 ms showed at each hop in drop-to-searchable latency); about 20 empty fetches a second when idle.
   */
  public static final int FETCH_MAX_WAIT_MS = 50;

  /** {@code fetch.max.wait.ms} for the pipeline's consumers: {@link #FETCH_MAX_WAIT} or its default. */
  public Map<String, Object> fetchWaitDefault() {
    return clientProperties.containsKey("fetch.max.wait.ms") ? Map.of()
        : Map.of("fetch.max.wait.ms", FETCH_MAX_WAIT_MS);
  }

  public static KafkaSettings from(Settings settings) {
    String bootstrap = BOOTSTRAP_SERVERS.read(settings);
    FETCH_MAX_WAIT.read(settings); // checked here; it passes to the clients with the other kafka.* settings
    Map<String, Object> client = new HashMap<>(settings.withPrefix("kafka."));
    client.put("bootstrap.servers", bootstrap);
    RegistryClientConfig registry = new RegistryClientConfig(
        REGISTRY_URL.read(settings),
        REGISTRY_USER.read(settings),
        REGISTRY_PASSWORD.read(settings),
        REGISTRY_TRUSTSTORE.read(settings).map(java.nio.file.Path::of),
        REGISTRY_TRUSTSTORE_PASSWORD.read(settings),
        REGISTRY_KEYSTORE.read(settings).map(java.nio.file.Path::of),
        REGISTRY_KEYSTORE_PASSWORD.read(settings),
        REGISTRY_TIMEOUT.read(settings),
        REGISTRY_AUTO_REGISTER.read(settings));
    return new KafkaSettings(bootstrap, Map.copyOf(client), registry, TOPICS_PARTITIONS.read(settings),
        TOPICS_REPLICATION_FACTOR.read(settings));
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
