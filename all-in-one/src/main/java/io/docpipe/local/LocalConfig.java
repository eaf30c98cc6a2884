package io.docpipe.local;

import io.docpipe.runtime.Settings;
import java.nio.file.Path;

/**
 * Settings of the local all-in-one run: where data lives and which loopback ports the embedded
 * components use. Every key is a {@code DOCPIPE_LOCAL_*} variable.
 */
public record LocalConfig(Path dataDir, int kafkaPort, int controllerPort, int registryPort,
    int openSearchPort, int ingestOpsPort, int enrichOpsPort, int indexOpsPort, String registryHeap,
    String openSearchHeap) {

  public static LocalConfig from(Settings settings) {
    LocalConfig config = new LocalConfig(
        settings.path("local.data.dir", Path.of("docpipe-data")).toAbsolutePath(),
        settings.integer("local.kafka.port", 9092, 0, 65535),
        settings.integer("local.controller.port", 9093, 0, 65535),
        settings.integer("local.registry.port", 8081, 0, 65535),
        settings.integer("local.opensearch.port", 9200, 0, 65535),
        settings.integer("local.ingest.ops.port", 9401, 0, 65535),
        settings.integer("local.enrich.ops.port", 9402, 0, 65535),
        settings.integer("local.index.ops.port", 9403, 0, 65535),
        settings.string("local.registry.heap", "256m"),
        settings.string("local.opensearch.heap", "512m"));
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
