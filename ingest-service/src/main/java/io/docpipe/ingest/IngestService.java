package io.docpipe.ingest;

import io.docpipe.runtime.OpsServer;
import io.docpipe.runtime.ServiceMain;
import io.docpipe.runtime.TopicAdmin;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingest service: watches the inbox and publishes each complete file once. */
public final class IngestService implements ServiceMain.Service {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final IngestConfig config;
  private final Clock clock = Clock.systemUTC();
  private final AtomicBoolean kafkaAvailable = new AtomicBoolean(true);
  private OpsServer ops;
  private Producer<String, RawDocument> producer;
  private Producer<String, byte[]> deadLetters;
  private ExecutorService workers;
  private InboxScanner scanner;
  private Thread scannerThread;
  private FileOutcomes outcomes;
  private DocumentPublisher publisher;
  private Timer duration;
  private final KafkaClientMetrics[] clientMetrics = new KafkaClientMetrics[2];

  public IngestService(IngestConfig config) {
    this.config = config;
  }

  public static void main(String[] args) {
    ServiceMain.run("ingest", settings -> new IngestService(IngestConfig.from(settings)));
  }

  public void start() throws Exception {
    Files.createDirectories(config.inbox());
    Files.createDirectories(config.processedDir());
    Files.createDirectories(config.failedDir());
    ops = new OpsServer("ingest", config.ops().host(), config.ops().port());
    MeterRegistry metrics = ops.meterRegistry();
    SchemaRegistryClient registry = new SchemaRegistryClient(config.kafka().registry());
    TopicAdmin.ensureTopics(config.kafka().clientProperties(),
        TopicAdmin.pipelineTopics(config.partitions(), config.replicationFactor()));
    TopicAdmin.registerValueSchema(registry, Topics.RAW_DOCUMENTS);

    Map<String, Object> producerProps = config.kafka().clientProperties(Map.of(
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicAdmin.MAX_MESSAGE_BYTES,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
        ProducerConfig.CLIENT_ID_CONFIG, "docpipe-ingest"));
    producer = new KafkaProducer<>(producerProps, new StringSerializer(),
        Topics.RAW_DOCUMENTS.valueSerde(registry).serializer());
    Map<String, Object> dlqProps = new java.util.HashMap<>(producerProps);
    dlqProps.put(ProducerConfig.CLIENT_ID_CONFIG, "docpipe-ingest-dead-letter");
    deadLetters = new KafkaProducer<>(dlqProps, new StringSerializer(), new ByteArraySerializer());
    clientMetrics[0] = new KafkaClientMetrics(producer);
    clientMetrics[1] = new KafkaClientMetrics(deadLetters);
    for (KafkaClientMetrics m : clientMetrics) {
      m.bindTo(metrics);
    }

    outcomes = new FileOutcomes(config.processedDir(), config.failedDir());
    InboxPolicy policy = new InboxPolicy(config.extensions());
    publisher = new DocumentPublisher(config.inbox(), policy, config.maxFileBytes(),
        new PlainTextExtractor(new LanguageGuesser()), producer, deadLetters, clock);
    duration = Timer.builder(IngestMetrics.DURATION).register(metrics);
    // Bounded queue: a burst of files waits in the tracker, not in memory here.
    workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(10_000), new ThreadPoolExecutor.CallerRunsPolicy());
    scanner = new InboxScanner(config.inbox(), policy, config.quietPeriod(), config.rescanInterval(),
        file -> workers.execute(() -> handle(file)), clock);
    Gauge.builder(IngestMetrics.PENDING, scanner, InboxScanner::pending).register(metrics);
    ops.readiness("kafka", kafkaAvailable::get);
    scannerThread = new Thread(scanner, "ingest-scanner");
    scannerThread.start();
    LOG.info("ingest service watching {} (processed -> {}, failed -> {}), metrics and health on port {}",
        config.inbox().toAbsolutePath(), config.processedDir().toAbsolutePath(),
        config.failedDir().toAbsolutePath(), ops.port());
  }

  private void handle(Path file) {
    Timer.Sample sample = Timer.start();
    Path relative = config.inbox().relativize(file);
    try {
      DocumentPublisher.Result result = publisher.publish(file);
      switch (result.outcome()) {
        case PUBLISHED -> {
          outcomes.published(file, relative);
          kafkaAvailable.set(true);
          sample.stop(duration);
          count("published");
          Counter.builder(IngestMetrics.BYTES).baseUnit("bytes").register(ops.meterRegistry())
              .increment(result.bytes());
          LOG.info("published {}", relative);
        }
        case FAILED -> {
          outcomes.failed(file, relative, result.reason());
          count("failed");
          LOG.warn("failed {}: {}", relative, result.reason());
        }
        case SKIPPED -> {
          scanner.skip(file);
          count("skipped");
          LOG.info("skipped {}: {}", relative, result.reason());
        }
        case RETRY -> {
          kafkaAvailable.set(false);
          Counter.builder(IngestMetrics.RETRIES).register(ops.meterRegistry()).increment();
          LOG.warn("{} stays in the inbox and will be retried: {}", relative, result.reason());
        }
      }
    } catch (IOException e) {
      LOG.error("cannot move {} to its end state: {}", relative, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("unexpected failure on {}; it stays in the inbox", relative, e);
    } finally {
      // Skipped and retried files stay; the scanner sees them again only once they change or on rescan.
      scanner.release(file);
    }
  }

  private void count(String outcome) {
    Counter.builder(IngestMetrics.FILES).tag("outcome", outcome).register(ops.meterRegistry()).increment();
  }

  public boolean isReady() {
    return ops != null && ops.isReady();
  }

  @Override
  public void close() {
    if (scanner != null) {
      scanner.stop();
      try {
        scannerThread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (workers != null) {
      workers.shutdown();
      try {
        workers.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (KafkaClientMetrics m : clientMetrics) {
      if (m != null) {
        m.close();
      }
    }
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(10));
    }
    if (deadLetters != null) {
      deadLetters.close(java.time.Duration.ofSeconds(10));
    }
    if (ops != null) {
      ops.close();
    }
  }
}
