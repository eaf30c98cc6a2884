package io.docpipe.local;

import io.docpipe.local.support.OwnBroker;
import io.docpipe.local.support.Await;
import io.docpipe.enrich.LocalEnrichment;
import io.docpipe.index.IndexConfig;
import io.docpipe.index.IndexLayout;
import io.docpipe.index.IndexService;
import io.docpipe.index.OpenSearchConnection;
import io.docpipe.index.OpenSearchSettings;
import io.docpipe.index.sink.SearchDocumentMapper;
import io.docpipe.runtime.Settings;
import io.docpipe.runtime.TopicAdmin;
import io.docpipe.schemas.EnrichedDocument;
import io.docpipe.schemas.RawDocument;
import io.docpipe.schemas.Source;
import io.docpipe.schemas.Topics;
import io.docpipe.schemas.registry.RegistryClientConfig;
import io.docpipe.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opensearch.client.opensearch.generic.Body;

/**
 * Indexing throughput of the index service beside a plain bulk loader writing the same documents (same JSON,
 * same batch size) into the same OpenSearch node, with one and with two bulk requests in flight (three or more
 * 17 MB requests exceed the 512 MB test node's indexing-pressure limit and are refused with 429). Documents: the
 * five samples, enriched, copied under different ids, produced to the enriched topic before the service starts. Both rates are steady-state: from
 * the end of the first bulk request to the end of the last (for the service, from the moment its metrics
 * first commits offsets until it has committed all of them), so start-up and group join are left out.
 * Several rounds, each into fresh indexes; the median ratio to the loader at its best concurrency is printed.
 * Run with {@code bench/index.sh [documents] [rounds]}.
 */
public final class IndexBenchmark {
  private static final String[] SAMPLES = {"000_7a85573243417cb3.txt", "001_d1b8266712f60fd5.txt",
      "002_b5d91702df57ba9e.txt", "003_adaa45728fb4c7fa.txt", "004_ad93c0ebc40b9a3e.txt"};
  private static final int BATCH = 500;
  /** Bulk requests in flight for the plain loader: the node takes more than one at a time. */
  private static final int[] CONCURRENCY = {1, 2};

  private IndexBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path work = Files.createTempDirectory("docpipe-index-bench-");
    EmbeddedKafkaBroker broker = OwnBroker.start(work.resolve("kafka"));
    ChildJvm registry = new ChildJvm("registry", Files.createDirectories(work.resolve("run")));
    ChildJvm node = new ChildJvm("opensearch", work.resolve("run"));
    try {
      int registryPort = freePort();
      int nodePort = freePort();
      registry.start(List.of("-Xmx256m", "-Dquarkus.http.port=" + registryPort, "-Dquarkus.http.host=127.0.0.1"),
          List.of("-jar", Artifacts.registryRunnerJar().toString()));
      node.start(List.of("-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "-cp", Artifacts.openSearchClasspath()),
          List.of("io.docpipe.opensearch.EmbeddedOpenSearch", work.resolve("opensearch").toString(),
              Integer.toString(nodePort)));
      String registryUrl = "http://localhost:" + registryPort + "/apis/ccompat/v7";
      String nodeUrl = "http://127.0.0.1:" + nodePort;
      registry.awaitHttp(URI.create(registryUrl + "/subjects"), Duration.ofSeconds(120));
      node.awaitHttp(URI.create(nodeUrl + "/_cluster/health?wait_for_status=yellow"), Duration.ofSeconds(120));

      List<EnrichedDocument> documents = documents(count);
      long bytes = 0;
      for (EnrichedDocument doc : documents) {
        bytes += SearchDocumentMapper.toJson(doc).toString().length();
      }
      produce(broker, registryUrl, documents);
      List<Double> ratios = new ArrayList<>();
      System.out.println();
      System.out.println("| round | documents | avg JSON bytes | loader docs/s, 1 / 2 requests in flight "
          + "| index service docs/s | ratio to the sequential loader | ratio to the loader at its best |");
      System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
      List<Double> bestRatios = new ArrayList<>();
      try (OpenSearchConnection os = new OpenSearchConnection(OpenSearchSettings.of(URI.create(nodeUrl)))) {
        plain(os, "bench-warmup", documents.subList(0, Math.min(1000, count)), 1);
        for (int round = 1; round <= rounds; round++) {
          // Each round into fresh indexes, the loaders first, then the service reading the topic from the start.
          double[] plainSeconds = new double[CONCURRENCY.length];
          for (int c = 0; c < CONCURRENCY.length; c++) {
            plainSeconds[c] = plain(os, "bench-plain-" + round + "-" + CONCURRENCY[c], documents, CONCURRENCY[c]);
          }
          double best = java.util.Arrays.stream(plainSeconds).min().orElseThrow();
          double serviceSeconds = service(broker, registryUrl, nodeUrl, round, documents.size());
          ratios.add(plainSeconds[0] / serviceSeconds);
          bestRatios.add(best / serviceSeconds);
          System.out.printf(Locale.ROOT, "| %d | %d | %d | %.0f / %.0f | %.0f | %.3f | %.3f |%n", round, count,
              bytes / count, count / plainSeconds[0], count / plainSeconds[1], count / serviceSeconds, plainSeconds[0] / serviceSeconds, best / serviceSeconds);
        }
      }
      System.out.println();
      System.out.println(BenchRatios.summary("ratio index service / loader at its best concurrency", bestRatios));
      System.out.println(BenchRatios.summary("ratio index service / plain bulk loader", ratios));
    } finally {
      node.close();
      registry.close();
      broker.close();
    }
  }

  /**
   * The same JSON as the service writes, in bulk requests of the same size, {@code concurrency} requests in flight;
   * seconds until all answered, timed from the first answer on (as for the service) and scaled to all documents.
   */
  private static double plain(OpenSearchConnection os, String alias, List<EnrichedDocument> documents,
      int concurrency) throws Exception {
    new IndexLayout(alias).ensure(os);
    bulk(os, alias, documents.subList(0, Math.min(BATCH, documents.size())));
    long start = System.nanoTime();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(concurrency);
    try {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (int from = BATCH; from < documents.size(); from += BATCH) {
        List<EnrichedDocument> batch = documents.subList(from, Math.min(documents.size(), from + BATCH));
        sent.add(pool.submit(() -> {
          bulk(os, alias, batch);
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> answer : sent) {
        answer.get();
      }
    } finally {
      pool.shutdown();
    }
    return (System.nanoTime() - start) / 1e9 * documents.size() / Math.max(1, documents.size() - BATCH);
  }

  private static void bulk(OpenSearchConnection os, String alias, List<EnrichedDocument> batch) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (EnrichedDocument doc : batch) {
      body.write(("{\"index\":{\"_index\":\"" + alias + "\",\"_id\":\"" + doc.getDocumentId() + "\"}}\n")
          .getBytes(StandardCharsets.UTF_8));
      body.write(SearchDocumentMapper.toJson(doc).toString().getBytes(StandardCharsets.UTF_8));
      body.write('\n');
    }
    os.send("POST", "/_bulk", Body.from(body.toByteArray(), "application/x-ndjson"), Map.of());
  }

  /** The documents on the enriched topic once, as the enrich service would have written them. */
  private static void produce(EmbeddedKafkaBroker broker, String registryUrl, List<EnrichedDocument> documents)
      throws Exception {
    TopicAdmin.ensureTopics(Map.of("bootstrap.servers", broker.bootstrapServers()), TopicAdmin.pipelineTopics(3, 1));
    SchemaRegistryClient schemas = new SchemaRegistryClient(RegistryClientConfig.of(URI.create(registryUrl)));
    TopicAdmin.registerValueSchema(schemas, Topics.ENRICHED_DOCUMENTS);
    try (KafkaProducer<String, EnrichedDocument> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        broker.bootstrapServers(), "acks", "all", "compression.type", "zstd", "linger.ms", 5,
        "max.request.size", TopicAdmin.MAX_MESSAGE_BYTES), new StringSerializer(),
        Topics.ENRICHED_DOCUMENTS.valueSerde(schemas).serializer())) {
      for (EnrichedDocument doc : documents) {
        producer.send(new ProducerRecord<>(Topics.ENRICHED_DOCUMENTS.name(), doc.getDocumentId(), doc));
      }
      producer.flush();
    }
  }

  /**
   * The index service (default settings but the batch size) in a consumer group of its own, into an alias of
   * its own. Progress is read from the group's committed offsets, which the service commits once a batch is
   * settled: cheap to poll, unlike rendering its metrics page, which took CPU from the service measured.
   */
  private static double service(EmbeddedKafkaBroker broker, String registryUrl, String nodeUrl, int round,
      int documents) throws Exception {
    String group = "bench-index-" + round;
    Map<String, String> settings = Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
        "registry.url", registryUrl, "opensearch.url", nodeUrl, "index.alias", "bench-service-" + round,
        "index.group.id", group, "index.ops.port", "0", "index.batch.max.docs", Integer.toString(BATCH));
    try (IndexService index = new IndexService(IndexConfig.from(Settings.of(settings)));
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      index.start();
      long first = Await.until("the first batch indexed", Duration.ofSeconds(120), () -> committed(admin, group),
          n -> n >= 1);
      long start = System.nanoTime();
      Await.until("all indexed by the service", Duration.ofSeconds(600), () -> committed(admin, group),
          n -> n >= documents);
      // Seconds for all documents at the rate seen after the first batch.
      return (System.nanoTime() - start) / 1e9 * documents / Math.max(1, documents - first);
    }
  }

  private static long committed(Admin admin, String group) {
    try {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
          .filter(java.util.Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
    } catch (Exception e) {
      return 0;
    }
  }

  private static List<EnrichedDocument> documents(int count) throws Exception {
    LocalEnrichment enrichment = new LocalEnrichment(0.55, Clock.systemUTC());
    List<EnrichedDocument> base = new ArrayList<>();
    Instant t = Instant.parse("2025-03-15T00:00:00Z");
    for (String name : SAMPLES) {
      String text;
      try (InputStream in = IndexBenchmark.class.getResourceAsStream("/samples/" + name)) {
        text = in == null ? Files.readString(Path.of("enrich-service/src/test/resources/samples", name))
            : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Source source = Source.newBuilder().setPath(name).setFileName(name).setSizeBytes(text.length())
          .setSha256("0".repeat(64)).setContentType("text/plain").setModifiedTime(t).build();
      base.add(enrichment.enrich(RawDocument.newBuilder().setDocumentId(name).setVersion("v1").setSource(source)
          .setText(text).setIngestTime(t).build(), null));
    }
    List<EnrichedDocument> documents = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      EnrichedDocument copy = EnrichedDocument.newBuilder(base.get(i % base.size())).build();
      copy.setDocumentId("bench-" + i);
      documents.add(copy);
    }
    return documents;
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
