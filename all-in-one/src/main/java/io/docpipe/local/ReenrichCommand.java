package io.docpipe.local;

import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.docpipe.schemas.serde.GenericAvroDecoder;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code docpipe reenrich}: after a tagger upgrade, runs enrichment again for every document still in the
 * raw topic (or a selection), by publishing the latest raw record of each document again, byte for byte.
 * The enrich service treats it as the same version of the same document: the enriched record is replaced
 * (new {@code taggerVersion}), the index is updated in place (same id, same external version), and the
 * repeat marks keep their first occurrences (a paragraph only repeats one ingested before it).
 */
@Command(name = "reenrich", mixinStandardHelpOptions = true,
    description = "Re-run enrichment for the documents in the raw topic (all, or those selected), e.g. after "
        + "a tagger upgrade. Exit status: 0 ok, 3 Kafka or the registry unavailable.")
public final class ReenrichCommand implements Callable<Integer> {
  /** Header on a re-published raw record: when, so that it can be told from the original. */
  public static final String HEADER = Topics.REENRICH_HEADER;

  @Option(names = "--collection", description = "Only documents of this collection (first folder under the "
      + "inbox); repeatable.")
  List<String> collections = new ArrayList<>();

  @Option(names = "--document-id", description = "Only this document; repeatable.")
  List<String> documentIds = new ArrayList<>();

  @Option(names = "--dry-run", description = "Count what would be re-enriched; publish nothing.")
  boolean dryRun;

  @Option(names = "--bootstrap-servers",
      description = "Kafka (default: DOCPIPE_KAFKA_BOOTSTRAP_SERVERS, as for the services: ${DEFAULT-VALUE}).")
  String bootstrap;

  @Option(names = "--registry",
      description = "Schema registry Confluent API URL, to read collections (default: DOCPIPE_REGISTRY_URL: "
          + "${DEFAULT-VALUE}).")
  URI registryUrl;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, byte[]> latest;
    try {
      latest = latestRawRecords();
    } catch (org.apache.kafka.common.errors.TimeoutException | IllegalStateException e) {
      spec.commandLine().getErr().println("Kafka unavailable at " + bootstrap + ": " + e.getMessage());
      return 3;
    }
    Map<String, byte[]> selected = new LinkedHashMap<>();
    GenericAvroDecoder decoder = collections.isEmpty() ? null
        : new GenericAvroDecoder(new SchemaRegistryClient(RegistryClientConfig.of(registryUrl)));
    for (Map.Entry<String, byte[]> entry : latest.entrySet()) {
      if (!documentIds.isEmpty() && !documentIds.contains(entry.getKey())) {
        continue;
      }
      if (decoder != null) {
        GenericRecord source = (GenericRecord) decoder.decode(entry.getValue()).get("source");
        Object collection = source.get("collection");
        if (collection == null || !collections.contains(collection.toString())) {
          continue;
        }
      }
      selected.put(entry.getKey(), entry.getValue());
    }
    if (dryRun) {
      out.println(selected.size() + " of " + latest.size() + " documents would be re-enriched");
      return 0;
    }
    publish(selected);
    out.println("re-enrichment requested for " + selected.size() + " of " + latest.size() + " documents");
    return 0;
  }

  /** The latest committed raw record of each document that is not deleted (its latest record a tombstone). */
  private Map<String, byte[]> latestRawRecords() {
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "docpipe-reenrich-" + UUID.randomUUID(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    Map<String, byte[]> latest = new LinkedHashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(Topics.RAW_DOCUMENTS.name(), Duration.ofSeconds(15));
      if (partitions == null || partitions.isEmpty()) {
        return latest;
      }
      List<TopicPartition> assigned = partitions.stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
      while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.value() == null) {
            latest.remove(record.key());
          } else {
            latest.put(record.key(), record.value());
          }
        }
      }
    }
    return latest;
  }

  private void publish(Map<String, byte[]> records) throws Exception {
    Map<String, Object> props = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 104_857_600,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    byte[] when = Instant.now().toString().getBytes(StandardCharsets.UTF_8);
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
        new ByteArraySerializer())) {
      for (Map.Entry<String, byte[]> record : records.entrySet()) {
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(Topics.RAW_DOCUMENTS.name(), record.getKey(),
            record.getValue());
        again.headers().add(HEADER, when);
        sent.add(producer.send(again));
      }
      for (Future<RecordMetadata> future : sent) {
        future.get();
      }
    }
  }
}
