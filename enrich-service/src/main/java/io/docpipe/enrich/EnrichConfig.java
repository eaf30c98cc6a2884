package io.docpipe.enrich;

import io.docpipe.enrich.text.TextEnricher;
import io.docpipe.runtime.KafkaSettings;
import io.docpipe.runtime.OpsSettings;
import io.docpipe.runtime.Setting;
import io.docpipe.runtime.SettingTable;
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
    Duration commitInterval, int streamThreads, Duration repeatMemory, double nearRepeatSimilarity,
    int repeatBuckets, int maxAnalyzedChars, Duration documentTimeLimit, Duration transactionTimeout,
    Duration maxPollInterval, String taggerVersion) {

  /** The enrich service's settings. */
  public static final SettingTable TABLE = new SettingTable("Enrich service");
  static final Setting<String> APPLICATION_ID = TABLE.string("enrich.application.id", "docpipe-enrich",
      "Kafka Streams application id (consumer group, state and internal topic prefix).");
  static final Setting<Path> STATE_DIR = TABLE.path("enrich.state.dir",
      Path.of(System.getProperty("java.io.tmpdir"), "docpipe-enrich"), "`$TMPDIR/docpipe-enrich`",
      "Kafka Streams state (the repeat index); a volume of its own in production.");
  static final Setting<Duration> COMMIT_INTERVAL = TABLE.duration("enrich.commit.interval", Duration.ofMillis(100),
      "Exactly-once transaction commit interval: each of the three hops inside the service waits for a commit "
      + "to become visible downstream.");
  static final Setting<Integer> STREAM_THREADS = TABLE.integer("enrich.stream.threads", 1, 1, 64,
      "Stream threads per instance.");
  static final Setting<Duration> REPEAT_MEMORY = TABLE.duration("enrich.repeat.memory", Duration.ofDays(30),
      "How long paragraphs are remembered for repeats across documents (at least 1s).");
  static final Setting<Double> NEAR_REPEAT_SIMILARITY = TABLE.decimal("enrich.near.repeat.similarity",
      TextEnricher.NEAR_THRESHOLD, 0.05, 1.0,
      "Estimated Jaccard similarity (character 5-shingles) from which paragraphs are near repeats.");
  static final Setting<Integer> REPEAT_BUCKETS = TABLE.integer("enrich.repeat.buckets", 64, 1, 10_000,
      "Buckets the repeat index is spread over (the most partitions the lookup can use).");
  static final Setting<Integer> MAX_ANALYZED_CHARS = TABLE.integer("enrich.max.analyzed.chars",
      TextEnricher.MAX_ANALYZED_CHARS, 1_000, Integer.MAX_VALUE, "Analysis budget per document: entities, dates "
      + "and near repeats cover the text up to here (the record says where analysis stopped).");
  static final Setting<Duration> DOCUMENT_TIME_LIMIT = TABLE.duration("enrich.document.time.limit",
      Duration.ofSeconds(20), "A document taking longer to enrich is stopped and dead-lettered with the reason.");
  static final Setting<Duration> TRANSACTION_TIMEOUT = TABLE.duration("enrich.transaction.timeout",
      Duration.ofSeconds(60), "Exactly-once transaction timeout; must be ≥ 2 × (time limit + commit interval).");
  static final Setting<Duration> MAX_POLL_INTERVAL = TABLE.duration("enrich.max.poll.interval",
      Duration.ofMinutes(5), "Consumer `max.poll.interval.ms`; must be ≥ the transaction timeout.");
  static final Setting<String> TAGGER_VERSION = TABLE.string("enrich.tagger.version",
      DocumentEnricher.TAGGER_VERSION, "The tagger version written into each record (`taggerVersion`); set only "
      + "to label a custom model.");
  static final OpsSettings.Declared OPS = OpsSettings.declare(TABLE, "enrich", 9402);

  public static EnrichConfig from(Settings settings) {
    EnrichConfig config = new EnrichConfig(
        KafkaSettings.from(settings),
        OPS.read(settings),
        APPLICATION_ID.read(settings),
        STATE_DIR.read(settings),
        COMMIT_INTERVAL.read(settings),
        STREAM_THREADS.read(settings),
        REPEAT_MEMORY.read(settings),
        NEAR_REPEAT_SIMILARITY.read(settings),
        REPEAT_BUCKETS.read(settings),
        MAX_ANALYZED_CHARS.read(settings),
        DOCUMENT_TIME_LIMIT.read(settings),
        TRANSACTION_TIMEOUT.read(settings),
        MAX_POLL_INTERVAL.read(settings),
        TAGGER_VERSION.read(settings));
    if (config.repeatMemory().toMillis() < 1000) {
      settings.problem(REPEAT_MEMORY.key(), "must be at least 1s, got " + config.repeatMemory());
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
      settings.problem(DOCUMENT_TIME_LIMIT.key(), "must be at least 100ms, got " + documentTimeLimit);
    }
    Duration needed = documentTimeLimit.plus(commitInterval).multipliedBy(2);
    if (transactionTimeout.compareTo(needed) < 0) {
      settings.problem(TRANSACTION_TIMEOUT.key(), "must be at least twice " + DOCUMENT_TIME_LIMIT
          + " plus " + COMMIT_INTERVAL + " (" + needed.toMillis() + " ms), got " + transactionTimeout.toMillis()
          + " ms: a transaction would be aborted while a slow document is still within its limit");
    }
    if (maxPollInterval.compareTo(transactionTimeout) < 0) {
      settings.problem(MAX_POLL_INTERVAL.key(), "must be at least " + TRANSACTION_TIMEOUT + " ("
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
