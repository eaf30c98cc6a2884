package io.docpipe.index;

import io.docpipe.index.sink.BulkIndexer;
import io.docpipe.index.sink.DeadLetterWriter;
import io.docpipe.index.sink.IndexLoop;
import io.docpipe.index.sink.IndexMetrics;
import io.docpipe.index.search.Searcher;
import io.docpipe.index.search.SearchEndpoint;
import io.docpipe.runtime.Backoff;
import io.docpipe.runtime.KafkaReachability;
import io.docpipe.runtime.OpsServer;
import io.docpipe.runtime.PipelineService;
import io.docpipe.runtime.ServiceMain;
import io.docpipe.runtime.StartupRetry;
import io.docpipe.runtime.TopicAdmin;
import io.docpipe.runtime.WorkLoopHealth;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index service: consumes enriched documents and bulk-writes them to OpenSearch with the document id
 * as {@code _id} (replays overwrite, never duplicate). Offsets are committed only after a batch is
 * settled; records OpenSearch refuses for good, and records that cannot be decoded, go to the dead-letter
 * topic with their source coordinates ({@link IndexLoop}). This class wires the clients, the set-up (topics,
 * index layout) and the ops endpoint around that loop.
 */
public final class IndexService extends PipelineService {
  private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);

  private final IndexConfig config;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean openSearchUp = new AtomicBoolean(false);
  private OpenSearchConnection connection;
  private KafkaConsumer<String, byte[]> consumer;
  private DeadLetterWriter deadLetters;
  private BulkIndexer indexer;
  private IndexLoop work;
  private Thread loop;
  private final WorkLoopHealth health;
  private KafkaReachability kafka;
  private OpenSearchReachability openSearch;
  private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();

  public IndexService(IndexConfig config) {
    super("index", config.ops());
    this.config = config;
    this.health = new WorkLoopHealth("index-loop", config.stallTimeout());
  }

  public static void main(String[] args) {
    ServiceMain.run("index", settings -> new IndexService(IndexConfig.from(settings)));
  }

  /** The clients, health checks, meters and search endpoint; topics and the index layout follow. */
  @Override
  protected void open(OpsServer ops) {
    connection = new OpenSearchConnection(config.opensearch());
    SchemaRegistryClient registry = new SchemaRegistryClient(config.kafka().registry());
    Deserializer<EnrichedDocument> deserializer = Topics.ENRICHED_DOCUMENTS.valueSerde(registry).deserializer();
    Map<String, Object> overrides = new java.util.HashMap<>(config.kafka().fetchWaitDefault());
    overrides.putAll(Map.of(
        ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchMaxDocs(),
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, (int) Math.min(Integer.MAX_VALUE, config.batchMaxBytes()),
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, (int) Math.min(Integer.MAX_VALUE, Math.max(config.batchMaxBytes(),
            52_428_800L)),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.CLIENT_ID_CONFIG, "docpipe-index"));
    consumer = new KafkaConsumer<>(config.kafka().clientProperties(overrides),
        new StringDeserializer(), new ByteArrayDeserializer());
    deadLetters = new DeadLetterWriter(config.kafka());
    MeterRegistry metrics = ops.meterRegistry();
    clientMetrics.add(new KafkaClientMetrics(consumer, List.of(),
        io.docpipe.runtime.KafkaMetricsRefresh.scheduler("index-consumer"),
        io.docpipe.runtime.KafkaMetricsRefresh.INTERVAL));
    clientMetrics.add(new KafkaClientMetrics(deadLetters.producer(), List.of(),
        io.docpipe.runtime.KafkaMetricsRefresh.scheduler("index-dead-letters"),
        io.docpipe.runtime.KafkaMetricsRefresh.INTERVAL));
    clientMetrics.forEach(m -> m.bindTo(metrics));
    indexer = new BulkIndexer(connection, config.alias(), config.initialBackoff(), config.maxBackoff(),
        config.bulkConcurrency());
    work = new IndexLoop(consumer, deserializer, config.maxIndexedChars(), indexer, deadLetters,
        new IndexMetrics(metrics), health, new IndexLoop.Limits(config.batchMaxDocs(), config.batchMaxBytes(),
            config.batchLinger(), config.initialBackoff(), config.maxBackoff()), running::get, openSearchUp);
    openSearch = new OpenSearchReachability(connection);
    ops.readinessWithReason("opensearch", () -> openSearch.problem().or(() -> openSearchUp.get()
        ? java.util.Optional.empty() : java.util.Optional.of("OpenSearch is not accepting writes yet")));
    ops.workLoop("index-loop", health);
    kafka = new KafkaReachability(config.kafka().clientProperties(), "index");
    ops.readinessWithReason("kafka", kafka::problem);
    ops.handle("/search", SearchEndpoint.guarded(new SearchEndpoint(new Searcher(connection, config.alias())),
        config.searchToken()));
  }

  /** Topics (retried while Kafka is unavailable), then the loop: the index layout, then the work. */
  @Override
  protected void setUp() throws Exception {
    TopicAdmin.ensureTopics(config.kafka().clientProperties(),
        TopicAdmin.pipelineTopics(config.kafka().partitions(), config.kafka().replicationFactor()));
    loop = new Thread(this::run, "index-loop");
    loop.start();
    LOG.info("index service: {} -> OpenSearch {} alias {}, search, metrics and health on port {}",
        Topics.ENRICHED_DOCUMENTS.name(), config.opensearch().url(), config.alias(), opsPort());
  }

  private void run() {
    try {
      ensureLayout();
      consumer.subscribe(List.of(Topics.ENRICHED_DOCUMENTS.name()));
      work.run();
    } catch (WakeupException | InterruptedException e) {
      if (running.get()) {
        LOG.error("index loop interrupted", e);
        health.died(e);
      }
    } catch (StartupRetry.FatalSetupException e) {
      LOG.error("index service cannot start: {}", e.getMessage());
      health.died(e);
    } catch (RuntimeException | Error e) {
      LOG.error("index loop failed", e);
      health.died(e);
    } finally {
      consumer.close(Duration.ofSeconds(10));
    }
  }

  /**
   * Creates the template and index, waiting (not crash-looping) while OpenSearch is unavailable. A mapping
   * that conflicts with the template is a fatal error: waiting cannot mend it.
   */
  private void ensureLayout() throws InterruptedException {
    Backoff backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    while (running.get()) {
      try {
        new IndexLayout(config.alias()).ensure(connection);
        openSearchUp.set(true);
        return;
      } catch (OpenSearchException e) {
        openSearchUp.set(false);
        if (e.status() == 400) {
          throw new StartupRetry.FatalSetupException("the index behind alias " + config.alias()
              + " has a mapping that conflicts with docpipe's index template (" + e.getMessage() + "). Fix: run "
              + "'docpipe reindex --alias " + config.alias() + "' to move the documents to a new index with the "
              + "current mapping, or point DOCPIPE_INDEX_ALIAS at a new alias", e);
        }
        LOG.warn("OpenSearch not ready for the index layout yet: {}", e.getMessage());
        health.failing("OpenSearch not ready for the index layout: " + e.getMessage());
        backoff.sleep(running::get);
      }
    }
  }

  @Override
  protected void shutDown() {
    running.set(false);
    if (consumer != null) {
      consumer.wakeup();
    }
    if (loop != null) {
      try {
        loop.join(TimeUnit.SECONDS.toMillis(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (consumer != null) {
      consumer.close(Duration.ZERO); // the loop, which closes it, never started
    }
    clientMetrics.forEach(KafkaClientMetrics::close);
    if (kafka != null) {
      kafka.close();
    }
    if (openSearch != null) {
      openSearch.close();
    }
    if (indexer != null) {
      indexer.close();
    }
    if (deadLetters != null) {
      deadLetters.close();
    }
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (java.io.IOException e) {
      LOG.warn("closing the OpenSearch client: {}", e.toString());
    }
  }
}
