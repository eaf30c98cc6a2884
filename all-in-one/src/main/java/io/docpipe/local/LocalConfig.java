package io.docpipe.local;

import io.docpipe.runtime.Setting;
import io.docpipe.runtime.SettingTable;
import io.docpipe.runtime.Settings;
import java.nio.file.Path;

/**
 * Settings of the local all-in-one run: where data lives and which loopback ports the embedded
 * components use. Every key is a {@code DOCPIPE_LOCAL_*} variable.
 */
public record LocalConfig(Path dataDir, int kafkaPort, int controllerPort, int registryPort,
    int openSearchPort, int ingestOpsPort, int enrichOpsPort, int indexOpsPort, String registryHeap,
    String openSearchHeap) {

  /** The all-in-one's own settings. */
  public static final SettingTable TABLE = new SettingTable("All-in-one (`./docpipe start`)");
  static final Setting<Path> DATA_DIR = TABLE.path("local.data.dir", Path.of("docpipe-data"), "`./docpipe-data`",
      "Where everything lives (Kafka, registry, OpenSearch, inbox, state).");
  static final Setting<Integer> KAFKA_PORT = port("kafka", 9092, "Kafka broker (loopback).");
  static final Setting<Integer> CONTROLLER_PORT = port("controller", 9093, "KRaft controller (loopback).");
  static final Setting<Integer> REGISTRY_PORT = port("registry", 8081, "Schema registry (loopback).");
  static final Setting<Integer> OPENSEARCH_PORT = port("opensearch", 9200, "OpenSearch (loopback).");
  static final Setting<Integer> INGEST_OPS_PORT = port("ingest.ops", 9401, "Ingest service metrics and health.");
  static final Setting<Integer> ENRICH_OPS_PORT = port("enrich.ops", 9402, "Enrich service metrics and health.");
  static final Setting<Integer> INDEX_OPS_PORT = port("index.ops", 9403, "Index service metrics and health.");
  static final Setting<String> REGISTRY_HEAP = TABLE.string("local.registry.heap", "256m",
      "Heap of the registry's JVM.");
  static final Setting<String> OPENSEARCH_HEAP = TABLE.string("local.opensearch.heap", "512m",
      "Heap of OpenSearch's JVM.");

  private static Setting<Integer> port(String name, int defaultPort, String doc) {
    return TABLE.integer("local." + name + ".port", defaultPort, 0, 65535, doc);
  }

  public static LocalConfig from(Settings settings) {
    LocalConfig config = new LocalConfig(
        DATA_DIR.read(settings).toAbsolutePath(),
        KAFKA_PORT.read(settings),
        CONTROLLER_PORT.read(settings),
        REGISTRY_PORT.read(settings),
        OPENSEARCH_PORT.read(settings),
        INGEST_OPS_PORT.read(settings),
        ENRICH_OPS_PORT.read(settings),
        INDEX_OPS_PORT.read(settings),
        REGISTRY_HEAP.read(settings),
        OPENSEARCH_HEAP.read(settings));
    settings.validate();
    return config;
  }

  public Path inbox() {
    return dataDir.resolve("inbox");
  }

  public String registryUrl() {
    return "http://localhost:" + registryPort + "/apis/ccompat/v7";
  }

  public String openSearchUrl() {
    return "http://localhost:" + openSearchPort;
  }
}
