package io.docpipe.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docpipe.runtime.TopicEnd;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.docpipe.schemas.serde.GenericAvroDecoder;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code docpipe tail}: read a topic's Avro records, decoded with the registry, as JSON lines. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Print records of the enriched topic (or another pipeline topic) as JSON, one per line. "
        + "Exit status: 0 ok, 2 bad usage, 3 Kafka or the registry unavailable.")
public final class TailCommand implements Callable<Integer> {
  @Option(names = "--topic", defaultValue = "docpipe.documents.enriched",
      description = "Topic to read (default ${DEFAULT-VALUE}); docpipe.documents.raw also works.")
  String topic;

  @Option(names = {"-f", "--follow"}, description = "Keep waiting for new records (stop with Ctrl-C).")
  boolean follow;

  @Option(names = {"-n", "--max"}, defaultValue = "0", description = "Stop after this many records (0: no limit).")
  int max;

  @Option(names = "--bootstrap-servers",
      description = "Kafka (default: DOCPIPE_KAFKA_BOOTSTRAP_SERVERS, as for the services: ${DEFAULT-VALUE}).")
  String bootstrap;

  @Option(names = "--registry",
      description = "Schema registry Confluent API URL (default: DOCPIPE_REGISTRY_URL: ${DEFAULT-VALUE}).")
  URI registryUrl;

  @Option(names = "--no-text", description = "Leave out the document text fields (shorter lines).")
  boolean noText;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    GenericAvroDecoder decoder = new GenericAvroDecoder(new SchemaRegistryClient(RegistryClientConfig.of(registryUrl)));
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "docpipe-tail-" + UUID.randomUUID(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    int printed = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      Map<TopicPartition, Long> end = TopicEnd.fromBeginning(consumer, topic, Duration.ofSeconds(10));
      if (end.isEmpty()) {
        spec.commandLine().getErr().println("topic " + topic + " does not exist (yet)");
        return 3;
      }
      while (max == 0 || printed < max) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> record : records) {
          var node = record.value() == null
              ? json.createObjectNode().put("key", record.key()).putNull("value")
              : AvroJson.toJson(decoder.decode(record.value()), noText);
          out.println(json.writeValueAsString(node));
          if (++printed == max) {
            break;
          }
        }
        out.flush();
        if (!follow && TopicEnd.reached(consumer, end)) {
          break;
        }
      }
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      spec.commandLine().getErr().println("Kafka unavailable at " + bootstrap + ": " + e.getMessage());
      return 3;
    } catch (io.docpipe.schemas.registry.SchemaRegistryException e) {
      spec.commandLine().getErr().println("schema registry: " + e.getMessage());
      return 3;
    }
    return 0;
  }
}
