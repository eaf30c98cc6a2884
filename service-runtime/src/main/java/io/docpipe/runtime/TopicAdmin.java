package io.docpipe.runtime;

import io.docpipe.schemas.Topic;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Start-up chores shared by the services: make sure topics exist and that each Avro value subject is
 * registered with BACKWARD compatibility, so an incompatible schema change is refused by the registry.
 */
public final class TopicAdmin {
  private TopicAdmin() {}

  /** Creates missing topics; an existing topic is left as it is. */
  public static void ensureTopics(Map<String, Object> adminProperties, List<NewTopic> topics)
      throws InterruptedException, TimeoutException {
    try (Admin admin = Admin.create(adminProperties)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e);
      }
    }
  }

  /** The partition count of an existing topic. */
  public static int partitions(Map<String, Object> adminProperties, String topic)
      throws InterruptedException, TimeoutException {
    try (Admin admin = Admin.create(adminProperties)) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
          .partitions().size();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e);
    }
  }

  /**
   * Largest record the pipeline's topics accept. Raw documents carry whole extracted texts (up to the
   * ingest text limit, 24 M characters by default) and enriched ones carry them twice (text and
   * paragraphs); zstd compression keeps what the broker stores and sends far smaller.
   */
  public static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

  /** Topic settings for records up to {@link #MAX_MESSAGE_BYTES}, compressed as the producer sent them. */
  public static Map<String, String> largeRecords() {
    return Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES), "compression.type", "producer");
  }

  /** Every topic of the pipeline, with the settings it needs. Each service ensures them at start. */
  public static List<NewTopic> pipelineTopics(int partitions, int replicationFactor) {
    Map<String, String> large = largeRecords();
    short replicas = (short) replicationFactor;
    return List.of(
        new NewTopic(Topics.RAW_DOCUMENTS.name(), Optional.of(partitions), replicas(replicas)).configs(large),
        new NewTopic(Topics.ENRICHED_DOCUMENTS.name(), Optional.of(partitions), replicas(replicas))
            .configs(large),
        new NewTopic(Topics.DEAD_LETTER, Optional.of(partitions), replicas(replicas)).configs(large),
        new NewTopic(Topics.INGEST_LEDGER, Optional.of(partitions), replicas(replicas))
            .configs(Map.of("cleanup.policy", "compact")));
  }

  private static Optional<Short> replicas(short replicationFactor) {
    return replicationFactor < 1 ? Optional.empty() : Optional.of(replicationFactor);
  }

  /** Registers the topic's value schema under its subject and pins the subject to BACKWARD. */
  public static int registerValueSchema(SchemaRegistryClient registry, Topic<?> topic) {
    String subject = topic.valueSubject();
    if (registry.compatibility(subject).isEmpty()) {
      registry.setCompatibility(subject, SchemaRegistryClient.Compatibility.BACKWARD);
    }
    return registry.register(subject, topic.valueSchema());
  }
}
