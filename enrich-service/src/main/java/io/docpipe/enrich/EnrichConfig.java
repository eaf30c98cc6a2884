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
 * @param replicationFactor for the topics this service creates; -1 takes the broker default
 * @param partitions partitions of the topics this service creates when they are missing
 * @param repeatMemory how long a paragraph is remembered for cross-document repeat detection
 * @param nearRepeatSimilarity estimated Jaccard similarity (character 5-shingles) from which two paragraphs
 *     are near repeats
 * @param repeatBuckets how many buckets the repeat index's keys are spread over: the most partitions (and
 *     instances) the lookup can use at once
 * @param maxAnalyzedChars the analysis budget: a longer text is tagged up to here only, and says so
 * @param documentTimeLimit the longest one document may take to enrich; past it, it is dead-lettered
 * @param transactionTimeout the exactly-once producer's transaction timeout: a transaction open longer is
 *     aborted by the coordinator and the producer fenced
 * @param maxPollInterval the consumer's {@code max.poll.interval.ms}: a stream thread that does not poll
 *     for this long leaves the group
 * @param taggerVersion the label written into each record's {@code taggerVersion}: the built-in tagger's
 *     version unless a deployment marks a custom model
 */
public record EnrichConfig(KafkaSettings kafka, OpsSettings ops, String applicationId, Path stateDir,
    Duration commitInterval, int streamThreads, int replicationFactor, int partitions, Duration repeatMemory,
    double nearRepeatSimilarity, int repeatBuckets, int maxAnalyzedChars, Duration documentTimeLimit,
    Duration transactionTimeout, Duration maxPollInterval, String taggerVersion) {

  public static EnrichConfig from(Settings settings) {
    EnrichConfig config = new EnrichConfig(
        KafkaSettings.from(settings),
        OpsSettings.from(settings, "enrich", 9402),
        settings.string("enrich.application.id", "docpipe-enrich"),
        settings.path("enrich.state.dir", Path.of(System.getProperty("java.io.tmpdir"), "docpipe-enrich")),
        settings.duration("enrich.commit.interval", Duration.ofMillis(100)),
        settings.integer("enrich.stream.threads", 1, 1, 64),
        settings.integer("topics.replication.factor", -1, -1, 32),
        settings.integer("topics.partitions", 3, 1, 10_000),
        settings.duration("enrich.repeat.memory", Duration.ofDays(30)),
        settings.decimal("enrich.near.repeat.similarity", TextEnricher.NEAR_THRESHOLD, 0.05, 1.0),
        settings.integer("enrich.repeat.buckets", 64, 1, 10_000),
        settings.integer("enrich.max.analyzed.chars", TextEnricher.MAX_ANALYZED_CHARS, 1_000, Integer.MAX_VALUE),
        settings.duration("enrich.document.time.limit", Duration.ofSeconds(20)),
        settings.duration("enrich.transaction.timeout", Duration.ofSeconds(60)),
        settings.duration("enrich.max.poll.interval", Duration.ofMinutes(5)),
        settings.string("enrich.tagger.version", DocumentEnricher.TAGGER_VERSION));
    if (config.repeatMemory().toMillis() < 1000) {
      settings.problem("enrich.repeat.memory", "must be at least 1s, got " + config.repeatMemory());
    }
    config.timingProblems(settings);
    settings.validate();
    return config;
  }

  /**
   * The timeouts must nest: a transaction holds at most one commit interval of documents plus the one being
   * enriched when the interval ends, so it must outlast a document's time limit plus the commit interval,
   * twice over for the sends and the commit itself; and a stream thread must poll again well inside
   * {@code max.poll.interval.ms} even when its last document took the whole limit.
   */
  private void timingProblems(Settings settings) {
    if (documentTimeLimit.toMillis() < 100) {
      settings.problem("enrich.document.time.limit", "must be at least 100ms, got " + documentTimeLimit);
    }
    Duration needed = documentTimeLimit.plus(commitInterval).multipliedBy(2);
    if (transactionTimeout.compareTo(needed) < 0) {
      settings.problem("enrich.transaction.timeout", "must be at least twice DOCPIPE_ENRICH_DOCUMENT_TIME_LIMIT "
          + "plus DOCPIPE_ENRICH_COMMIT_INTERVAL (" + needed.toMillis() + " ms), got " + transactionTimeout.toMillis()
          + " ms: a transaction would be aborted while a slow document is still within its limit");
    }
    if (maxPollInterval.compareTo(transactionTimeout) < 0) {
      settings.problem("enrich.max.poll.interval", "must be at least DOCPIPE_ENRICH_TRANSACTION_TIMEOUT ("
          + transactionTimeout.toMillis() + " ms), got " + maxPollInterval.toMillis() + " ms");
    }
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
