package io.docpipe.enrich;

import io.docpipe.runtime.OpsServer;
import io.docpipe.runtime.PipelineService;
import io.docpipe.runtime.ServiceMain;
import io.docpipe.runtime.TopicAdmin;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The enrich service: a Kafka Streams application with exactly-once processing. */
public final class EnrichService extends PipelineService {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichService.class);

  private final EnrichConfig config;
  private volatile KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;
  private final EnrichHealth health = new EnrichHealth();
  private io.docpipe.runtime.KafkaReachability kafka;

  public EnrichService(EnrichConfig config) {
    super("enrich", config.ops());
    this.config = config;
  }

  public static void main(String[] args) {
    ServiceMain.run("enrich", settings -> new EnrichService(EnrichConfig.from(settings)));
  }

  /** Health checks; topics, the schema and the stream threads follow in {@link #setUp} once Kafka answers. */
  @Override
  protected void open(OpsServer ops) {
    ops.readinessWithReason("kafka-streams", () -> health.streamsProblem(streams));
    ops.readinessWithReason("schema-registry", health::registryProblem);
    ops.liveness("kafka-streams", () -> health.streamsAlive(streams));
    kafka = new io.docpipe.runtime.KafkaReachability(config.kafka().clientProperties(), "enrich");
    ops.readinessWithReason("kafka", kafka::problem);
  }

  @Override
  protected void setUp() throws Exception {
    OpsServer ops = ops();
    SchemaRegistryClient registry = new SchemaRegistryClient(config.kafka().registry());
    TopicAdmin.ensureTopics(config.kafka().clientProperties(),
        TopicAdmin.pipelineTopics(config.kafka().partitions(), config.kafka().replicationFactor()));
    TopicAdmin.registerValueSchema(registry, Topics.ENRICHED_DOCUMENTS);
    // The answers topic is partitioned like the raw topic: one task holds a document's pending state for both.
    int rawPartitions = TopicAdmin.partitions(config.kafka().clientProperties(), Topics.RAW_DOCUMENTS.name());
    TopicAdmin.ensureTopics(config.kafka().clientProperties(), java.util.List.of(
        new org.apache.kafka.clients.admin.NewTopic(config.probeTopic(), java.util.Optional.of(rawPartitions),
            replicas(config.kafka().replicationFactor())).configs(TopicAdmin.largeRecords()),
        new org.apache.kafka.clients.admin.NewTopic(config.answerTopic(), java.util.Optional.of(rawPartitions),
            replicas(config.kafka().replicationFactor())).configs(TopicAdmin.largeRecords())));
    int answerPartitions = TopicAdmin.partitions(config.kafka().clientProperties(), config.answerTopic());
    if (answerPartitions != rawPartitions) {
      throw new IllegalStateException(config.answerTopic() + " has " + answerPartitions + " partitions but "
          + Topics.RAW_DOCUMENTS.name() + " has " + rawPartitions + "; they must match (a document's answers "
          + "must reach the task that holds it): recreate " + config.answerTopic() + " with " + rawPartitions);
    }

    int probePartitions = TopicAdmin.partitions(config.kafka().clientProperties(), config.probeTopic());
    var topology = EnrichTopology.build(config, ValueSerdes.registry(registry),
        ops.meterRegistry(), Clock.systemUTC(), health, probePartitions);
    LOG.debug("enrich topology:\n{}", topology.describe());
    streams = new KafkaStreams(topology, streamsProperties(config));
    streams.setUncaughtExceptionHandler(health::threadFailed);
    EnrichMetrics.documents(ops.meterRegistry(), "enriched");
    EnrichMetrics.documents(ops.meterRegistry(), "failed");
    EnrichMetrics.registerRepeats(ops.meterRegistry());
    io.docpipe.runtime.DeadLetterMetric.of(ops.meterRegistry());
    streamsMetrics = new KafkaStreamsMetrics(streams, java.util.List.of(),
        io.docpipe.runtime.KafkaMetricsRefresh.scheduler("enrich"), io.docpipe.runtime.KafkaMetricsRefresh.INTERVAL);
    streamsMetrics.bindTo(ops.meterRegistry());
    streams.start();
    LOG.info("enrich service started: {} -> {}, metrics and health on port {}",
        Topics.RAW_DOCUMENTS.name(), Topics.ENRICHED_DOCUMENTS.name(), ops.port());
  }

  private static java.util.Optional<Short> replicas(int replicationFactor) {
    return replicationFactor < 1 ? java.util.Optional.empty() : java.util.Optional.of((short) replicationFactor);
  }

  static Properties streamsProperties(EnrichConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafka().clientProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.kafka().replicationFactor());
    // Set on purpose, and checked against each other by EnrichConfig: one document may take up to its time
    // limit, so a transaction must outlive that (Kafka Streams' own default, 10 s, fenced slow documents for
    // ever), and the thread must poll again well within max.poll.interval.ms.
    props.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), (int) config.transactionTimeout().toMillis());
    props.put(StreamsConfig.consumerPrefix("max.poll.interval.ms"), (int) config.maxPollInterval().toMillis());
    props.put("processing.exception.handler.global.enabled", true);
    // The enrich-and-gather task reads two topics (raw documents and repeat answers) that need no ordering by
    // time between them (answers are matched by document version): process what is there, never wait for the
    // other partition's fetch.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    // Each of the three hops is a read_committed fetch (see KafkaSettings.FETCH_MAX_WAIT_MS).
    config.kafka().fetchWaitDefault().forEach((key, value) -> props.put(StreamsConfig.mainConsumerPrefix(key), value));
    // Documents can be large: let the producer send what the ingest service was allowed to publish.
    props.put(StreamsConfig.producerPrefix("max.request.size"), io.docpipe.runtime.TopicAdmin.MAX_MESSAGE_BYTES);
    props.put(StreamsConfig.producerPrefix("compression.type"), "zstd");
    // The producer refuses a record larger than its whole buffer (32 MiB by default) at once, and a
    // 20 M-character document enriched is about 40 MB: the buffer must hold the largest record the topics take.
    props.put(StreamsConfig.producerPrefix("buffer.memory"), 2L * io.docpipe.runtime.TopicAdmin.MAX_MESSAGE_BYTES);
    Properties properties = new Properties();
    properties.putAll(props);
    return properties;
  }

  /** Active stream tasks in this instance (0 until started and assigned). */
  public int activeTasks() {
    return localThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
  }

  /**
   * The partitions of the probes topic whose repeat lookup, and so whose share of the repeat index, this
   * instance holds now (empty until started and assigned).
   */
  public java.util.Set<Integer> repeatIndexPartitions() {
    java.util.Set<Integer> partitions = new java.util.TreeSet<>();
    localThreads().forEach(thread -> thread.activeTasks().forEach(task ->
        task.topicPartitions().stream().filter(tp -> tp.topic().equals(config.probeTopic()))
            .forEach(tp -> partitions.add(tp.partition()))));
    return partitions;
  }

  private java.util.Collection<org.apache.kafka.streams.ThreadMetadata> localThreads() {
    KafkaStreams running = streams;
    return running == null || running.state() != KafkaStreams.State.RUNNING ? java.util.List.of()
        : running.metadataForLocalThreads();
  }

  @Override
  protected void shutDown() {
    if (streams != null) {
      // Leave the group on the way out: Kafka Streams otherwise stays in it until the session times out (45 s),
      // and a restarted or remaining instance waits that long for the stopped one's partitions.
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(java.time.Duration.ofSeconds(30)));
      streams = null;
    }
    if (streamsMetrics != null) {
      streamsMetrics.close();
      streamsMetrics = null;
    }
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }
}
