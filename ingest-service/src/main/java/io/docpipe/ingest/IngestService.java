package io.docpipe.ingest;

import io.docpipe.ingest.watch.StableFileTracker;
import io.docpipe.ingest.watch.InboxScanner;
import io.docpipe.ingest.watch.InboxPolicy;
import io.docpipe.ingest.extract.DocumentIds;
import io.docpipe.ingest.extract.LanguageGuesser;
import io.docpipe.ingest.extract.DocumentExtractor;
import io.docpipe.ingest.publish.Work;
import io.docpipe.ingest.publish.FileOutcomes;
import io.docpipe.ingest.publish.Ledger;
import io.docpipe.ingest.publish.BatchPublisher;
import io.docpipe.runtime.OpsServer;
import io.docpipe.runtime.PipelineService;
import io.docpipe.runtime.WorkLoopHealth;
import io.docpipe.runtime.ServiceMain;
import io.docpipe.runtime.TopicAdmin;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: finds complete files in the inbox, extracts them on a bounded pool, and settles each
 * version exactly once (published, failed with a reason, or skipped by policy) through Kafka transactions.
 */
public final class IngestService extends PipelineService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final IngestConfig config;
  private final Clock clock = Clock.systemUTC();
  private IngestMetrics metrics;
  private Ledger ledger;
  private DocumentExtractor extractor;
  private FileIntake intake;
  private FileOutcomes outcomes;
  private InboxPolicy policy;
  private BatchPublisher publisher;
  private Thread publisherThread;
  private ThreadPoolExecutor workers;
  private InboxScanner scanner;
  private FileEndStates endStates;
  private Thread scannerThread;

  public IngestService(IngestConfig config) {
    super("ingest", config.ops());
    this.config = config;
  }

  public static void main(String[] args) {
    ServiceMain.run("ingest", settings -> new IngestService(IngestConfig.from(settings)));
  }

  /** The folders, meters and extractor; Kafka comes in {@link #setUp}, retried while it is unavailable. */
  @Override
  protected void open(OpsServer ops) throws Exception {
    Files.createDirectories(config.inbox());
    Files.createDirectories(config.processedDir());
    Files.createDirectories(config.failedDir());
    metrics = new IngestMetrics(ops.meterRegistry());
    extractor = new DocumentExtractor(config.limits(), new LanguageGuesser());
    ops.readiness("kafka", () -> publisher != null && publisher.isHealthy());
  }

  /** Topics, the schema and the ledger; then the publisher, the workers and the scanner start. */
  @Override
  protected void setUp() throws Exception {
    OpsServer ops = ops();
    MeterRegistry registry = ops.meterRegistry();
    SchemaRegistryClient schemas = new SchemaRegistryClient(config.kafka().registry());
    TopicAdmin.ensureTopics(config.kafka().clientProperties(),
        TopicAdmin.pipelineTopics(config.kafka().partitions(), config.kafka().replicationFactor()));
    TopicAdmin.registerValueSchema(schemas, Topics.RAW_DOCUMENTS);
    ledger = new Ledger(config.kafka().clientProperties());
    ledger.load(Duration.ofSeconds(60));
    if (stopping()) {
      return;
    }
    intake = new FileIntake(config.inbox(), extractor, Topics.RAW_DOCUMENTS.valueSerde(schemas).serializer(),
        Topics.RAW_DOCUMENTS.name(), TopicAdmin.MAX_MESSAGE_BYTES, clock);
    outcomes = new FileOutcomes(config.processedDir(), config.failedDir());
    policy = new InboxPolicy(config.extensions());
    publisher = new BatchPublisher(Math.max(16, config.batchMaxFiles() * 2), config.publishBufferBytes(),
        this::newProducer, ledger, new Settle(), config.batchMaxFiles(), config.batchLinger());
    // Bounded: a burst of files waits in the scanner's tracker, not as queued work here.
    workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(config.workers() * 4), new ThreadPoolExecutor.CallerRunsPolicy());
    scanner = new InboxScanner(config.inbox(), policy,
        new StableFileTracker(config.quietPeriod(), config.emptyFileTimeout()), config.rescanInterval(),
        config.doneMarker(), file -> workers.execute(() -> handle(file)), this::deleted, clock);
    endStates = FileEndStates.of(config.mode(), outcomes, scanner);
    Gauge.builder(IngestMetrics.PENDING, scanner, InboxScanner::pending)
        .description("Files seen in the inbox and not yet settled: waiting to be complete or being processed")
        .register(registry);
    Gauge.builder(IngestMetrics.OLDEST_PENDING, scanner, s -> s.oldestPendingAge().toMillis() / 1000.0)
        .baseUnit("seconds")
        .description("Seconds since the oldest file still pending was first seen in the inbox (0 when none)")
        .register(registry);
    Gauge.builder(IngestMetrics.ABANDONED_PARSERS, extractor, DocumentExtractor::abandonedParsers)
        .description("Parser threads given up after the parse timeout and still running").register(registry);
    Gauge.builder(IngestMetrics.LEDGER_ENTRIES, ledger, Ledger::size)
        .description("File versions known to the ledger (what has been settled)").register(registry);
    publisherThread = new Thread(publisher, "ingest-publisher");
    publisherThread.start();
    WorkLoopHealth scannerHealth = new WorkLoopHealth("inbox-scanner", java.time.Duration.ofMinutes(5));
    scannerHealth.working(); // the scanner has its first look to take
    scanner.reportTo(scannerHealth);
    ops.workLoop("inbox-scanner", scannerHealth);
    scannerThread = new Thread(scanner, "ingest-scanner");
    scannerThread.start();
    LOG.info("ingest service watching {} (mode {}, processed -> {}, failed -> {}), metrics and health on port {}",
        config.inbox().toAbsolutePath(), config.mode(), config.processedDir().toAbsolutePath(),
        config.failedDir().toAbsolutePath(), ops.port());
  }

  /**
   * Records of a transaction go out in batches of up to 1 MiB per partition unless {@code kafka.batch.size}
   * says otherwise: with Kafka's 16 KiB default, a transaction of 500 small documents took hundreds of produce
   * batches and its commit waited on all of them (the commit was half of ingest's time per file).
   */
  static final int DEFAULT_PRODUCER_BATCH_BYTES = 1024 * 1024;

  private KafkaProducer<String, byte[]> newProducer() {
    Map<String, Object> props = new java.util.HashMap<>(Map.of(ProducerConfig.BATCH_SIZE_CONFIG,
        DEFAULT_PRODUCER_BATCH_BYTES));
    props.putAll(config.kafka().clientProperties(Map.ofEntries(
        Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId()),
        Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
        Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"),
        Map.entry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicAdmin.MAX_MESSAGE_BYTES),
        Map.entry(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * TopicAdmin.MAX_MESSAGE_BYTES),
        Map.entry(ProducerConfig.LINGER_MS_CONFIG, 5),
        Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000),
        Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
        Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
        Map.entry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000),
        Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "docpipe-ingest"))));
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
        new ByteArraySerializer());
    metrics.bindProducer(producer);
    return producer;
  }

  /** On a worker thread: settle what the ledger already knows, else extract and queue for publishing. */
  private void handle(Path file) {
    String relativePath = FileIntake.relativePath(config.inbox(), file);
    try {
      if (!policy.isSupported(config.inbox().relativize(file))) {
        scanner.skip(file);
        scanner.release(file);
        metrics.outcome("skipped");
        LOG.info("skipped {}: its type is not in DOCPIPE_INGEST_EXTENSIONS", relativePath);
        return;
      }
      LOG.debug("taking {}", relativePath);
      FileIntake.Snapshot snapshot = intake.snapshot(file);
      String sha256 = snapshot.sha256();
      var known = sha256 == null ? java.util.Optional.<Ledger.Entry>empty() : ledger.get(relativePath)
          .filter(entry -> entry.sha256().equals(sha256));
      if (known.isPresent()) {
        finishKnown(file, relativePath, known.get());
        return;
      }
      publisher.submit(intake.take(file, snapshot, scanner.arrivalOf(file)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      scanner.release(file);
    } catch (RuntimeException e) {
      // Registry unreachable while serializing, and the like: the file stays for a later rescan.
      metrics.retry();
      LOG.warn("{} stays in the inbox and will be retried: {}", relativePath, e.toString());
      scanner.release(file);
    }
  }

  /** A version settled before (e.g. by a run that crashed before moving the file): finish the file only. */
  private void finishKnown(Path file, String relativePath, Ledger.Entry entry) {
    try {
      if (endStates.settledBefore(file, config.inbox().relativize(file), entry)) {
        removeMarker(file);
      }
    } catch (java.io.IOException e) {
      LOG.error("cannot move {} to its end state: {}", relativePath, e.toString());
    } finally {
      scanner.release(file);
    }
  }

  /** After a full rescan in keep-in-place mode: published files that are gone get a tombstone. */
  private void deleted(java.util.Set<Path> present) {
    if (!config.deleteTombstones()) { // only in keep mode: IngestConfig refuses it with move
      return;
    }
    for (String relativePath : ledger.paths()) {
      Path file = config.inbox().resolve(relativePath);
      if (!present.contains(file) && ledger.get(relativePath).map(e -> e.state() == Ledger.State.PUBLISHED)
          .orElse(false)) {
        try {
          publisher.submit(new Work.Delete(file, relativePath, DocumentIds.forRelativePath(relativePath)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void removeMarker(Path file) throws java.io.IOException {
    Path marker = scanner.markerOf(file);
    if (marker != null) {
      Files.deleteIfExists(marker);
    }
  }

  /** Called by the publisher thread after each transaction. */
  private final class Settle implements BatchPublisher.Outcomes {
    @Override
    public void settled(Work work) {
      Path relative = config.inbox().relativize(work.file());
      try {
        if (work instanceof Work.Publish p) {
          endStates.published(work.file(), relative);
          metrics.published(p.bytes());
          LOG.info("published {}", work.relativePath());
        } else if (work instanceof Work.Fail f) {
          endStates.failed(work.file(), relative, f.reason());
          metrics.outcome("failed");
          LOG.warn("failed {}: {}", work.relativePath(), f.reason());
        } else {
          metrics.outcome("deleted");
          LOG.info("deleted {}: its document leaves the index", work.relativePath());
        }
        removeMarker(work.file());
      } catch (java.io.IOException e) {
        LOG.error("cannot move {} to its end state: {}", work.relativePath(), e.toString());
      } finally {
        scanner.release(work.file());
      }
    }

    @Override
    public void retryLater(Work work, String reason) {
      metrics.retry();
      scanner.release(work.file());
    }
  }

  /** Scanner, workers, publisher, in that order: what is being extracted is published before the end. */
  @Override
  protected void shutDown() {
    if (scanner != null) {
      scanner.stop();
      join(scannerThread);
    }
    if (workers != null) {
      workers.shutdown();
      try {
        workers.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (publisher != null) {
      publisher.stop();
      join(publisherThread);
    }
    if (extractor != null) {
      extractor.close();
    }
    if (metrics != null) {
      metrics.close();
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
