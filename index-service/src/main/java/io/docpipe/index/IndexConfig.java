package io.docpipe.index;

import io.docpipe.index.sink.SearchDocumentMapper;
import io.docpipe.runtime.KafkaSettings;
import io.docpipe.runtime.OpsSettings;
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
    Duration initialBackoff,
    Duration maxBackoff, int partitions, int replicationFactor, Duration stallTimeout,
    java.util.Optional<String> searchToken, int maxIndexedChars) {

  public static IndexConfig from(Settings settings) {
    IndexConfig config = new IndexConfig(
        KafkaSettings.from(settings),
        OpenSearchSettings.from(settings),
        OpsSettings.from(settings, "index", 9403),
        settings.string("index.alias", IndexLayout.DEFAULT_ALIAS),
        settings.string("index.group.id", "docpipe-index"),
        settings.integer("index.batch.max.docs", 500, 1, 100_000),
        settings.number("index.batch.max.bytes", 10L * 1024 * 1024, 1024, 1024L * 1024 * 1024),
        settings.duration("index.batch.linger", Duration.ofMillis(100)),
        settings.integer("index.bulk.concurrency", 2, 1, 16),
        settings.duration("index.backoff.initial", Duration.ofMillis(500)),
        settings.duration("index.backoff.max", Duration.ofSeconds(30)),
        settings.integer("topics.partitions", 3, 1, 10_000),
        settings.integer("topics.replication.factor", -1, -1, 32),
        settings.duration("index.stall.timeout", Duration.ofMinutes(5)),
        settings.secret("index.search.token"),
        settings.integer("index.max.indexed.chars", SearchDocumentMapper.MAX_INDEXED_CHARS, 1_000, Integer.MAX_VALUE));
    if (config.initialBackoff.compareTo(config.maxBackoff) > 0) {
      settings.problem("index.backoff.initial", "must not exceed index.backoff.max");
    }
    settings.validate();
    return config;
  }
}
