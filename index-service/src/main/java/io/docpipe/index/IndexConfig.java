package io.docpipe.index;

import io.docpipe.index.sink.SearchDocumentMapper;
import io.docpipe.runtime.KafkaSettings;
import io.docpipe.runtime.OpsSettings;
import io.docpipe.runtime.Setting;
import io.docpipe.runtime.SettingTable;
import io.docpipe.runtime.Settings;
import java.time.Duration;

/**
 * Typed configuration of the index service.
 *
 * @param alias index alias written and searched (the versioned index behind it is {@code <alias>-vN})
 * @param groupId consumer group
 * @param batchMaxDocs most records in one bulk request
 * @param batchMaxBytes most bytes of records in one bulk request
 * @param batchLinger how long to wait for a batch to fill
 * @param bulkConcurrency bulk requests in flight at once (a batch is split into that many slices)
 * @param initialBackoff first retry delay when OpenSearch fails; doubles up to maxBackoff
 * @param stallTimeout readiness turns false when the loop has had work this long without progress
 * @param searchToken when set, {@code /search} requires {@code Authorization: Bearer <token>}
 * @param maxIndexedChars how much of a document's text is indexed (the enriched topic keeps it whole)
 */
public record IndexConfig(KafkaSettings kafka, OpenSearchSettings opensearch, OpsSettings ops, String alias,
    String groupId, int batchMaxDocs, long batchMaxBytes, Duration batchLinger, int bulkConcurrency,
    Duration initialBackoff, Duration maxBackoff, Duration stallTimeout, java.util.Optional<String> searchToken,
    int maxIndexedChars) {

  /** The index service's settings (OpenSearch's own are {@link OpenSearchSettings#TABLE}). */
  public static final SettingTable TABLE = new SettingTable("Index service");
  public static final Setting<String> ALIAS = TABLE.string("index.alias", IndexLayout.DEFAULT_ALIAS,
      "Alias written and searched; the index behind it is `<alias>-v<n>` (`docpipe reindex` moves it to the next "
      + "version).");
  static final Setting<String> GROUP_ID = TABLE.string("index.group.id", "docpipe-index", "Consumer group.");
  static final Setting<Integer> BATCH_MAX_DOCS = TABLE.integer("index.batch.max.docs", 500, 1, 100_000,
      "A bulk request goes out at this many records…");
  static final Setting<Long> BATCH_MAX_BYTES = TABLE.bytes("index.batch.max.bytes", 10L * 1024 * 1024, "10m", 1024,
      1024L * 1024 * 1024, "…or this many bytes of records…");
  static final Setting<Duration> BATCH_LINGER = TABLE.duration("index.batch.linger", Duration.ofMillis(100),
      "…or this long after its first record.");
  static final Setting<Integer> BULK_CONCURRENCY = TABLE.integer("index.bulk.concurrency", 2, 1, 16,
      "Bulk requests in flight at once: a batch of 50 or more records goes out as this many slices together.");
  static final Setting<Duration> BACKOFF_INITIAL = TABLE.duration("index.backoff.initial", Duration.ofMillis(500),
      "First retry delay when OpenSearch fails (doubles, with jitter)…");
  static final Setting<Duration> BACKOFF_MAX = TABLE.duration("index.backoff.max", Duration.ofSeconds(30),
      "…up to this.");
  static final Setting<Duration> STALL_TIMEOUT = TABLE.duration("index.stall.timeout", Duration.ofMinutes(5),
      "Not ready when the index loop has had records this long without settling a batch.");
  static final Setting<java.util.Optional<String>> SEARCH_TOKEN = TABLE.secret("index.search.token",
      "When set (or `…_FILE`), `GET /search` requires `Authorization: Bearer <token>` (401 otherwise).");
  static final Setting<Integer> MAX_INDEXED_CHARS = TABLE.integer("index.max.indexed.chars",
      SearchDocumentMapper.MAX_INDEXED_CHARS, 1_000, Integer.MAX_VALUE, "How much of a document's text is indexed "
      + "(OpenSearch highlights no further); the enriched topic keeps it whole.");
  static final OpsSettings.Declared OPS = OpsSettings.declare(TABLE, "index", 9403);

  public static IndexConfig from(Settings settings) {
    IndexConfig config = new IndexConfig(
        KafkaSettings.from(settings),
        OpenSearchSettings.from(settings),
        OPS.read(settings),
        ALIAS.read(settings),
        GROUP_ID.read(settings),
        BATCH_MAX_DOCS.read(settings),
        BATCH_MAX_BYTES.read(settings),
        BATCH_LINGER.read(settings),
        BULK_CONCURRENCY.read(settings),
        BACKOFF_INITIAL.read(settings),
        BACKOFF_MAX.read(settings),
        STALL_TIMEOUT.read(settings),
        SEARCH_TOKEN.read(settings),
        MAX_INDEXED_CHARS.read(settings));
    if (config.initialBackoff.compareTo(config.maxBackoff) > 0) {
      settings.problem(BACKOFF_INITIAL.key(), "must not exceed " + BACKOFF_MAX);
    }
    settings.validate();
    return config;
  }
}
