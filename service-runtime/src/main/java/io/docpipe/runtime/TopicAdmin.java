package io.docpipe.runtime;

import io.docpipe.schemas.Topic;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import java.util.List;
import java.util.Map;
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

  /** Registers the topic's value schema under its subject and pins the subject to BACKWARD. */
  public static int registerValueSchema(SchemaRegistryClient registry, Topic<?> topic) {
    String subject = topic.valueSubject();
    if (registry.compatibility(subject).isEmpty()) {
      registry.setCompatibility(subject, SchemaRegistryClient.Compatibility.BACKWARD);
    }
    return registry.register(subject, topic.valueSchema());
  }
}
