package io.docpipe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.docpipe.enrich.EnrichConfig;
import io.docpipe.index.IndexConfig;
import io.docpipe.ingest.IngestConfig;
import io.docpipe.runtime.Settings;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml: docker-compose itself accepts it (`config -q`, no Docker engine needed), and the
 * resolved file (`config`) keeps the invariants operators rely on: healthchecks everywhere, dependencies
 * that wait for health, pinned images, data in volumes, a KRaft broker with an inside and a host listener,
 * and only DOCPIPE_* variables the services really read.
 */
class ComposeFileTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static JsonNode services;
  private static JsonNode compose;

  @BeforeAll
  static void resolve() throws Exception {
    String dockerCompose = Tools.require("docker-compose", "docker-compose");
    Tools.Result check = Tools.run(Tools.ROOT, dockerCompose, "-f", "docker-compose.yml", "config", "-q");
    assertThat(check.status()).as("docker-compose config -q: " + check.output()).isZero();
    Tools.Result resolved = Tools.run(Tools.ROOT, dockerCompose, "-f", "docker-compose.yml", "config");
    assertThat(resolved.status()).as(resolved.output()).isZero();
    compose = YAML.readTree(resolved.output().substring(resolved.output().indexOf("services:")));
    services = compose.path("services");
  }

  @Test
  void theWholeStackIsThereEachServiceHealthCheckedAndWaitingForHealthyDependencies() {
    assertThat(names(services)).containsExactlyInAnyOrder("kafka", "registry", "opensearch",
        "opensearch-dashboards", "prometheus", "grafana", "ingest", "enrich", "index");
    services.fields().forEachRemaining(service -> {
      JsonNode healthcheck = service.getValue().path("healthcheck");
      assertThat(healthcheck.path("test").isMissingNode()).as(service.getKey() + " has a healthcheck").isFalse();
      service.getValue().path("depends_on").fields().forEachRemaining(dependency -> assertThat(
          dependency.getValue().path("condition").asText()).as(service.getKey() + " waits for " + dependency.getKey())
          .isEqualTo("service_healthy"));
      String image = service.getValue().path("image").asText();
      assertThat(image).as(service.getKey() + " image pinned").matches(".+:[^:/]+$").doesNotEndWith(":latest");
    });
    for (String docpipe : new String[] {"ingest", "enrich", "index"}) {
      JsonNode service = services.path(docpipe);
      assertThat(names(service.path("depends_on"))).contains("kafka", "registry");
      assertThat(service.path("read_only").asBoolean()).as(docpipe + " read-only root").isTrue();
      assertThat(service.path("tmpfs").toString()).contains("/tmp");
    }
    assertThat(names(services.path("index").path("depends_on"))).contains("opensearch");
  }

  @Test
  void kafkaIsKraftWithAnInsideAndAHostListenerAndSingleReplicaTransactionLog() {
    JsonNode env = services.path("kafka").path("environment");
    assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).contains("controller", "broker");
    assertThat(env.path("KAFKA_LISTENERS").asText()).contains("INSIDE://", "HOST://");
    assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("INSIDE://kafka:", "HOST://localhost:");
    assertThat(env.path("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asText()).isEqualTo("1");
    assertThat(env.path("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asText()).isEqualTo("1");
    assertThat(env.path("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asText()).isEqualTo("1");
    for (String docpipe : new String[] {"ingest", "enrich", "index"}) {
      assertThat(services.path(docpipe).path("environment").path("DOCPIPE_KAFKA_BOOTSTRAP_SERVERS").asText())
          .as(docpipe + " uses the inside listener").isEqualTo("kafka:29092");
    }
  }

  @Test
  void registryOpenSearchAndMonitoringAreConfiguredAndDataLivesInVolumes() {
    assertThat(services.path("registry").path("image").asText()).startsWith("apicurio/apicurio-registry:");
    assertThat(services.path("index").path("environment").path("DOCPIPE_REGISTRY_URL").asText())
        .endsWith("/apis/ccompat/v7");
    assertThat(services.path("opensearch").path("image").asText()).startsWith("opensearchproject/opensearch:2.19.");
    assertThat(services.path("opensearch").path("environment").path("DISABLE_SECURITY_PLUGIN").asText())
        .as("security plugin explicitly disabled for local use").isEqualTo("true");
    assertThat(services.path("opensearch-dashboards").path("image").asText())
        .startsWith("opensearchproject/opensearch-dashboards:2.19.");
    assertThat(services.path("prometheus").path("volumes").toString()).contains("monitoring/alerts.yml");
    assertThat(services.path("grafana").path("volumes").toString()).contains("monitoring/grafana/provisioning",
        "monitoring/dashboards");
    assertThat(names(compose.path("volumes"))).contains("kafka-data", "opensearch-data", "prometheus-data",
        "grafana-data", "enrich-state");
    for (String stateful : new String[] {"kafka", "opensearch", "prometheus", "grafana", "enrich", "ingest"}) {
      assertThat(services.path(stateful).path("volumes").size()).as(stateful + " keeps its data in a volume")
          .isPositive();
    }
  }

  @Test
  void everyDocpipeVariableTheFileSetsIsOneTheServiceReads() {
    checkSettings("ingest", settings -> IngestConfig.from(settings));
    checkSettings("enrich", settings -> EnrichConfig.from(settings));
    checkSettings("index", settings -> IndexConfig.from(settings));
  }

  private static void checkSettings(String service, Consumer<Settings> config) {
    Map<String, String> env = new HashMap<>();
    services.path(service).path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    assertThat(env).as(service + " sets DOCPIPE_* variables").isNotEmpty();
    Settings settings = Settings.of(env, new java.util.Properties(), Map.of());
    config.accept(settings); // also validates every value
    assertThat(settings.unread()).as(service + ": DOCPIPE_* variables the service does not read").isEmpty();
    Set<String> kafkaNames = new HashSet<>(ProducerConfig.configNames());
    kafkaNames.addAll(ConsumerConfig.configNames());
    kafkaNames.addAll(AdminClientConfig.configNames());
    kafkaNames.addAll(StreamsConfig.configDef().names());
    env.keySet().stream().filter(name -> name.startsWith("DOCPIPE_KAFKA_")).forEach(name -> {
      String key = name.substring("DOCPIPE_KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
      assertThat(kafkaNames).as(name + " passes to the Kafka clients as " + key).contains(key);
    });
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new HashSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
