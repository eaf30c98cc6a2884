package io.docpipe.enrich;

import io.docpipe.enrich.text.TextEnricher;
import io.docpipe.runtime.KafkaSettings;
import io.docpipe.runtime.OpsSettings;
import io.docpipe.runtime.Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Typed configuration of the enrich service. Every field comes from a {@code DOCPIPE_*} variable; see the
 * README's configuration table.
 *
 * @param applicationId Kafka Streams application id (consumer group, state prefix, internal topic prefix)
 * @param stateDir where Kafka Streams keeps local state
 * @param commitInterval how often transactions commit (latency vs. throughput)
 * @param streamThreads processing threads in this instance
 * @param replicationFactor for internal topics; -1 takes the broker default
 * @param partitions partitions of the topics this service creates when they are missing
 * @param repeatMemory how long a paragraph is remembered for cross-document repeat detection
 * @param nearRepeatSimilarity estimated Jaccard similarity (character 5-shingles) from which two paragraphs
 *     are near repeats
 * @param repeatBuckets how many buckets the repeat index's keys are spread over: the most partitions (and
 *     instances) the lookup can use at once
 */
public record EnrichConfig(KafkaSettings kafka, OpsSettings ops, String applicationId, Path stateDir,
    Duration commitInterval, int streamThreads, int replicationFactor, int partitions, Duration repeatMemory,
    double nearRepeatSimilarity, int repeatBuckets) {

  public static EnrichConfig from(Settings settings) {
    EnrichConfig config = new EnrichConfig(
        KafkaSettings.from(settings),
        OpsSettings.from(settings, "enrich", 9402),
        settings.string("enrich.application.id", "docpipe-enrich"),
        settings.path("enrich.state.dir", Path.of(System.getProperty("java.io.tmpdir"), "docpipe-enrich")),
        settings.duration("enrich.commit.interval", Duration.ofMillis(200)),
        settings.integer("enrich.stream.threads", 1, 1, 64),
        settings.integer("enrich.replication.factor", -1, -1, 32),
        settings.integer("topics.partitions", 3, 1, 10_000),
        settings.duration("enrich.repeat.memory", Duration.ofDays(30)),
        settings.decimal("enrich.near.repeat.similarity", TextEnricher.NEAR_THRESHOLD, 0.05, 1.0),
        settings.integer("enrich.repeat.buckets", 64, 1, 10_000));
    if (config.repeatMemory().toMillis() < 1000) {
      settings.problem("enrich.repeat.memory", "must be at least 1s, got " + config.repeatMemory());
    }
    settings.validate();
    return config;
  }

  /** Internal topic: paragraphs' lookup keys, keyed by bucket. */
  public String probeTopic() {
    return applicationId + ".repeat-probes";
  }

  /** Internal topic: lookup answers, keyed by document id (partitioned like the raw topic). */
  public String answerTopic() {
    return applicationId + ".repeat-answers";
  }
}
