package io.docpipe.local;

import io.docpipe.enrich.EnrichConfig;
import io.docpipe.enrich.EnrichService;
import io.docpipe.index.IndexConfig;
import io.docpipe.index.IndexService;
import io.docpipe.ingest.IngestConfig;
import io.docpipe.ingest.IngestService;
import io.docpipe.runtime.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: an in-process KRaft broker, the Apicurio registry and an OpenSearch
 * node as child JVMs (all three real, all data under one directory), and the three services pointed at
 * them through the same configuration they read in production.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  private static final Duration COMPONENT_TIMEOUT = Duration.ofSeconds(120);

  private final LocalConfig config;
  private final Map<String, String> serviceOverrides;
  private EmbeddedKafkaBroker kafka;
  private ChildJvm registry;
  private ChildJvm openSearch;
  private IngestService ingest;
  private EnrichService enrich;
  private IndexService index;
  private ChildSupervisor supervisor;

  /**
   * @param serviceOverrides extra service settings (e.g. a shorter quiet period in tests), on top of the
   *     environment
   */
  public LocalStack(LocalConfig config, Map<String, String> serviceOverrides) {
    this.config = config;
    this.serviceOverrides = serviceOverrides;
  }

  public LocalConfig config() {
    return config;
  }

  public void start() throws Exception {
    Files.createDirectories(config.dataDir().resolve("run"));
    kafka = new EmbeddedKafkaBroker(config.dataDir().resolve("kafka"), config.kafkaPort(),
        config.controllerPort());
    registry = new ChildJvm("registry", config.dataDir().resolve("run"));
    openSearch = new ChildJvm("opensearch", config.dataDir().resolve("run"));
    // The three components start in parallel; each is ready before any service starts.
    CompletableFuture<Void> all = CompletableFuture.allOf(
        async(() -> kafka.start()), async(this::startRegistry), async(this::startOpenSearch));
    try {
      all.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    Settings settings = Settings.fromEnvironment(serviceSettings());
    ingest = new IngestService(IngestConfig.from(settings));
    enrich = new EnrichService(EnrichConfig.from(settings));
    index = new IndexService(IndexConfig.from(settings));
    ingest.start();
    enrich.start();
    index.start();
    supervisor = new ChildSupervisor(List.of(
        new ChildSupervisor.Supervised(registry, this::startRegistry),
        new ChildSupervisor.Supervised(openSearch, this::startOpenSearch)));
    supervisor.start();
  }

  /** The registry's child JVM (tests kill it to check the stack heals). */
  ChildJvm registryProcess() {
    return registry;
  }

  ChildJvm openSearchProcess() {
    return openSearch;
  }

  /** How many times the supervisor restarted a child JVM. */
  public int childRestarts() {
    return supervisor == null ? 0 : supervisor.restarts();
  }

  Map<String, String> serviceSettings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    settings.put("registry.url", config.registryUrl());
    settings.put("opensearch.url", config.openSearchUrl());
    settings.put("ingest.inbox.dir", config.inbox().toString());
    settings.put("ingest.processed.dir", config.dataDir().resolve("processed").toString());
    settings.put("ingest.failed.dir", config.dataDir().resolve("failed").toString());
    settings.put("enrich.state.dir", config.dataDir().resolve("streams").toString());
    settings.put("ingest.ops.port", Integer.toString(config.ingestOpsPort()));
    settings.put("enrich.ops.port", Integer.toString(config.enrichOpsPort()));
    settings.put("index.ops.port", Integer.toString(config.indexOpsPort()));
    settings.put("ingest.ops.host", "127.0.0.1");
    settings.put("enrich.ops.host", "127.0.0.1");
    settings.put("index.ops.host", "127.0.0.1");
    settings.putAll(serviceOverrides);
    return settings;
  }

  private void startRegistry() throws Exception {
    // H2 in a file under the data directory: schema ids survive restarts.
    String database = config.dataDir().resolve("registry").resolve("registry").toAbsolutePath().toString();
    registry.start(List.of("-Xmx" + config.registryHeap(), "-XX:+UseSerialGC",
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + config.registryPort(),
            "-Dapicurio.datasource.url=jdbc:h2:file:" + database,
            "-Dquarkus.log.level=WARN"),
        List.of("-jar", Artifacts.registryRunnerJar().toString()));
    registry.awaitHttp(URI.create(config.registryUrl() + "/subjects"), COMPONENT_TIMEOUT);
  }

  private void startOpenSearch() throws Exception {
    openSearch.start(List.of("-Xms" + config.openSearchHeap(), "-Xmx" + config.openSearchHeap(),
            "-XX:+UseSerialGC", "-Dlog4j2.disable.jmx=true", "-cp", Artifacts.openSearchClasspath()),
        List.of("io.docpipe.opensearch.EmbeddedOpenSearch",
            config.dataDir().resolve("opensearch").toString(), Integer.toString(config.openSearchPort())));
    openSearch.awaitHttp(URI.create(config.openSearchUrl() + "/_cluster/health?wait_for_status=yellow"),
        COMPONENT_TIMEOUT);
  }

  public boolean isReady() {
    return ingest != null && ingest.isReady() && enrich.isReady() && index.isReady();
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public void close() {
    // The supervisor first (a stopping child is not to be restarted), then the services (they flush and
    // commit), then the components they use.
    for (AutoCloseable part : new AutoCloseable[] {supervisor, ingest, enrich, index, registry, openSearch,
        kafka}) {
      if (part != null) {
        long started = System.nanoTime();
        try {
          part.close();
        } catch (Exception e) {
          LOG.warn("error while stopping {}: {}", part, e.toString());
        }
        LOG.debug("stopped {} in {} ms", part, (System.nanoTime() - started) / 1_000_000);
      }
    }
  }

  private static CompletableFuture<Void> async(ThrowingRunnable task) {
    return CompletableFuture.runAsync(() -> {
      try {
        task.run();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

}
