package io.docpipe.enrich;

import io.docpipe.runtime.KafkaSettings;
import io.docpipe.runtime.OpsSettings;
import io.docpipe.runtime.Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Typed configuration of the enrich service. Every field comes from a {@code DOCPIPE_*} variable; see the
 * README's configuration table.
 *
 * @param applicationId Kafka Streams application id (consumer group and state prefix)
 * @param stateDir where Kafka Streams keeps local state
 * @param commitInterval how often transactions commit (latency vs. throughput)
 * @param streamThreads processing threads in this instance
 * @param replicationFactor for internal topics; -1 takes the broker default
 * @param partitions partitions of the topics this service creates when they are missing
 */
public record EnrichConfig(KafkaSettings kafka, OpsSettings ops, String applicationId, Path stateDir,
    Duration commitInterval, int streamThreads, int replicationFactor, int partitions) {

  public static EnrichConfig from(Settings settings) {
    EnrichConfig config = new EnrichConfig(
        KafkaSettings.from(settings),
        OpsSettings.from(settings, "enrich", 9402),
        settings.string("enrich.application.id", "docpipe-enrich"),
        settings.path("enrich.state.dir", Path.of(System.getProperty("java.io.tmpdir"), "docpipe-enrich")),
        settings.duration("enrich.commit.interval", Duration.ofMillis(200)),
        settings.integer("enrich.stream.threads", 1, 1, 64),
        settings.integer("enrich.replication.factor", -1, -1, 32),
        settings.integer("topics.partitions", 3, 1, 10_000));
    settings.validate();
    return config;
  }
}
