package io.docpipe.index;

import io.docpipe.index.sink.BulkIndexer;
import io.docpipe.index.sink.DeadLetterWriter;
import io.docpipe.index.sink.BatchPreparer;
import io.docpipe.index.search.Searcher;
import io.docpipe.index.search.SearchEndpoint;
import io.docpipe.runtime.Backoff;
import io.docpipe.runtime.KafkaReachability;
import io.docpipe.runtime.OpsServer;
import io.docpipe.runtime.ServiceMain;
import io.docpipe.runtime.StartupRetry;
import io.docpipe.runtime.TopicAdmin;
import io.docpipe.runtime.WorkLoopHealth;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
 * topic with their source coordinates.
 */
public final class IndexService implements ServiceMain.Service {
  private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);

  private final IndexConfig config;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean openSearchUp = new AtomicBoolean(false);
  private OpsServer ops;
  private OpenSearchConnection connection;
  private KafkaConsumer<String, byte[]> consumer;
  private DeadLetterWriter deadLetters;
  private IndexMetrics meters;
  private BatchPreparer preparer;
  private BulkIndexer indexer;
  private Thread loop;
  private final WorkLoopHealth health;
  private KafkaReachability kafka;
  private OpenSearchReachability openSearch;
  private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();

  public IndexService(IndexConfig config) {
    this.config = config;
    this.health = new WorkLoopHealth("index-loop", config.stallTimeout());
  }

  public static void main(String[] args) {
    ServiceMain.run("index", settings -> new IndexService(IndexConfig.from(settings)));
  }

  public void start() throws Exception {
    ops = new OpsServer("index", config.ops().host(), config.ops().port());
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
    meters = new IndexMetrics(metrics);
    preparer = new BatchPreparer(deserializer, config.maxIndexedChars(), this::deadLetter);
    clientMetrics.add(new KafkaClientMetrics(consumer, List.of(),
        io.docpipe.runtime.KafkaMetricsRefresh.scheduler("index-consumer"),
        io.docpipe.runtime.KafkaMetricsRefresh.INTERVAL));
    clientMetrics.add(new KafkaClientMetrics(deadLetters.producer(), List.of(),
        io.docpipe.runtime.KafkaMetricsRefresh.scheduler("index-dead-letters"),
        io.docpipe.runtime.KafkaMetricsRefresh.INTERVAL));
    clientMetrics.forEach(m -> m.bindTo(metrics));
    indexer = new BulkIndexer(connection, config.alias(), config.initialBackoff(), config.maxBackoff(),
        config.bulkConcurrency());
    openSearch = new OpenSearchReachability(connection);
    ops.readinessWithReason("opensearch", () -> openSearch.problem().or(() -> openSearchUp.get()
        ? java.util.Optional.empty() : java.util.Optional.of("OpenSearch is not accepting writes yet")));
    ops.workLoop("index-loop", health);
    kafka = new KafkaReachability(config.kafka().clientProperties(), "index");
    ops.readinessWithReason("kafka", kafka::problem);
    ops.handle("/search", SearchEndpoint.guarded(new SearchEndpoint(new Searcher(connection, config.alias())),
        config.searchToken()));
    loop = new Thread(this::run, "index-loop");
    loop.start();
    LOG.info("index service: {} -> OpenSearch {} alias {}, search, metrics and health on port {}",
        Topics.ENRICHED_DOCUMENTS.name(), config.opensearch().url(), config.alias(), ops.port());
  }

  private void run() {
    try {
      StartupRetry.untilDone("index", () -> TopicAdmin.ensureTopics(config.kafka().clientProperties(),
          TopicAdmin.pipelineTopics(config.kafka().partitions(), config.kafka().replicationFactor())), () -> !running.get());
      ensureLayout();
      consumer.subscribe(List.of(Topics.ENRICHED_DOCUMENTS.name()));
      // A batch closes at batchMaxDocs records, batchMaxBytes bytes, or batchLinger after its first record.
      List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
      long bytes = 0;
      long deadline = 0;
      while (running.get()) {
        long wait = batch.isEmpty() ? config.batchLinger().toMillis()
            : Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(wait))) {
          if (batch.isEmpty()) {
            deadline = System.nanoTime() + config.batchLinger().toNanos();
            health.working();
          }
          batch.add(record);
          bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
        }
        if (batch.isEmpty()) {
          health.idle();
        } else if (batch.size() >= config.batchMaxDocs() || bytes >= config.batchMaxBytes()
            || System.nanoTime() >= deadline) {
          settleUntilDone(batch);
          health.progress();
          batch = new ArrayList<>();
          bytes = 0;
        }
      }
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
   * Settles a batch, retrying it whole after a transient failure (the registry, OpenSearch's credentials,
   * a dead-letter send or an offset commit failing): writing a document again changes nothing (external
   * versions), so the batch is simply done again, and nothing is dead-lettered for an outage.
   */
  private void settleUntilDone(List<ConsumerRecord<String, byte[]>> batch) throws InterruptedException {
    Backoff backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    KeepAlive keepAlive = new KeepAlive();
    while (true) {
      try {
        settle(preparer.prepare(batch));
        return;
      } catch (TransientFailure | BatchPreparer.RegistryUnavailable e) {
        health.failing(e.getMessage());
        meters.retries().increment();
        LOG.warn("batch of {} records not settled, will retry: {}", batch.size(), e.getMessage());
        if (!keepAlive.keepTrying()) {
          throw new InterruptedException("stopped while retrying a batch");
        }
        backoff.sleep(keepAlive::keepTrying);
      }
    }
  }

  /** A batch could not be settled for a reason outside its records; it is retried whole after a back-off. */
  private static final class TransientFailure extends RuntimeException {
    TransientFailure(String message, Throwable cause) {
      super(message, cause);
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

  private void deadLetter(ConsumerRecord<String, byte[]> record, String reason, String exception) {
    deadLetters.send(record, reason, exception);
    meters.deadLetters().increment();
  }

  /**
   * Writes a prepared batch until settled, dead-letters what OpenSearch refuses, waits until every
   * dead-letter record is acknowledged, and only then commits the batch's offsets.
   */
  private void settle(BatchPreparer.Prepared batch) throws InterruptedException {
    Timer.Sample sample = Timer.start();
    List<ConsumerRecord<String, byte[]>> records = batch.records();
    List<BulkIndexer.Action> actions = batch.actions();
    List<BulkIndexer.Failure> failures;
    try {
      failures = indexer.write(actions, new KeepAlive());
    } catch (OpenSearchException e) {
      // The whole request was refused: credentials or permissions (an operator can mend them) are retried
      // and reported; anything else is about these records, which go to the dead letter.
      if (e.status() == 401 || e.status() == 403) {
        openSearchUp.set(false);
        throw new TransientFailure("OpenSearch refused the service's credentials (HTTP " + e.status() + "): "
            + e.getMessage(), e);
      }
      failures = actions.stream().map(a -> new BulkIndexer.Failure(a, e.status(), e.getMessage())).toList();
    }
    for (BulkIndexer.Failure failure : failures) {
      @SuppressWarnings("unchecked")
      ConsumerRecord<String, byte[]> record = (ConsumerRecord<String, byte[]>) failure.action().context();
      deadLetter(record, "OpenSearch refused the document (HTTP " + failure.status() + "): "
          + failure.reason(), OpenSearchException.class.getName());
    }
    try {
      deadLetters.awaitAcknowledged();
    } catch (ExecutionException e) {
      throw new TransientFailure("a dead-letter record was not acknowledged: " + e.getCause(), e.getCause());
    }
    count("failed", failures.size());
    long deletes = actions.stream().filter(a -> a.json() == null).count();
    count("deleted", deletes);
    count("superseded", indexer.superseded());
    count("indexed", actions.size() - failures.size() - deletes - indexer.superseded());
    Instant written = Instant.now();
    java.util.Set<Object> refused = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    failures.forEach(failure -> refused.add(failure.action().context()));
    batch.arrivals().forEach((record, arrival) -> {
      if (!refused.contains(record)) {
        meters.endToEnd().record(java.time.Duration.between(arrival, written));
      }
    });
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      offsets.merge(new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1), (a, b) -> a.offset() >= b.offset() ? a : b);
    }
    try {
      consumer.commitSync(offsets);
    } catch (org.apache.kafka.clients.consumer.CommitFailedException
        | org.apache.kafka.common.errors.RebalanceInProgressException e) {
      // Partitions moved to another instance meanwhile: it re-reads from the last commit, and the external
      // versions make writing those documents again change nothing.
      LOG.info("offsets not committed (partitions reassigned): {}", e.getMessage());
    } catch (org.apache.kafka.common.errors.RetriableException e) {
      throw new TransientFailure("offsets not committed: " + e.getMessage(), e);
    }
    sample.stop(meters.bulkDuration());
  }

  private void count(String outcome, long n) {
    if (n > 0) {
      meters.documents(outcome).increment(n);
    }
  }

  /** While a batch is retried: report not-ready and keep the consumer in its group without new records. */
  private final class KeepAlive implements BulkIndexer.RetryListener {
    @Override
    public void onSuccess() {
      openSearchUp.set(true);
      health.working(); // alive and writing, even while some items are retried
    }

    @Override
    public void onRetryableFailure(OpenSearchException e) {
      openSearchUp.set(false);
      health.failing("OpenSearch bulk write failing: " + e.getMessage());
      meters.retries().increment();
      LOG.warn("bulk write failed, will retry: {}", e.getMessage());
    }

    @Override
    public boolean keepTrying() {
      if (!running.get()) {
        return false;
      }
      var assignment = consumer.assignment();
      consumer.pause(assignment);
      consumer.poll(Duration.ZERO); // paused: returns nothing, but resets the poll timer
      consumer.resume(assignment);
      return true;
    }
  }

  /** Port of the ops endpoint (metrics, health, search), once started. */
  public int opsPort() {
    return ops.port();
  }

  public boolean isReady() {
    return ops != null && ops.isReady();
  }

  @Override
  public void close() {
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
    if (ops != null) {
      ops.close();
    }
  }
}
