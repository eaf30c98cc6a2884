package io.docpipe.ingest;

import io.docpipe.ingest.extract.ExtractionLimits;
import io.docpipe.runtime.KafkaSettings;
import io.docpipe.runtime.OpsSettings;
import io.docpipe.runtime.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typed configuration of the ingest service.
 *
 * @param inbox the watched folder
 * @param processedDir where published files are moved, keeping their relative path
 * @param failedDir where failed files are moved, each with a {@code <name>.error.txt} beside it
 * @param quietPeriod a file is complete once its size and modified time have not changed for this long
 * @param emptyFileTimeout a file still empty after this long fails as empty
 * @param rescanInterval full rescan of the inbox, for missed or overflowed watch events
 * @param mode MOVE published files to the processed tree, or KEEP them in place (state in the ledger)
 * @param deleteTombstones in KEEP mode, a deleted file's document is deleted downstream (tombstone)
 * @param doneMarker when set (e.g. {@code .done}), a file is taken only once a marker file named
 *     {@code <file><marker>} appears beside it
 * @param limits file size, extracted text size and parse time limits
 * @param extensions when not empty, only these extensions are ingested; others are skipped by policy
 * @param workers files extracted in parallel (bounded pool)
 * @param batchMaxFiles most files settled in one Kafka transaction
 * @param batchLinger how long a transaction waits for more files
 * @param publishBufferBytes serialized records waiting for a transaction, at most (memory bound)
 * @param transactionalId Kafka transactional id of this ingest instance (one per inbox)
 */
public record IngestConfig(KafkaSettings kafka, OpsSettings ops, Path inbox, Path processedDir,
    Path failedDir, Mode mode, boolean deleteTombstones, String doneMarker, Duration quietPeriod,
    Duration emptyFileTimeout, Duration rescanInterval, ExtractionLimits limits, Set<String> extensions, int workers, int batchMaxFiles,
    Duration batchLinger, long publishBufferBytes, String transactionalId, int partitions, int replicationFactor) {

  /** What happens to a published file. */
  public enum Mode { MOVE, KEEP }

  public static IngestConfig from(Settings settings) {
    Path inbox = settings.path("ingest.inbox.dir", Path.of("inbox"));
    Path parent = inbox.toAbsolutePath().getParent();
    IngestConfig config = new IngestConfig(
        KafkaSettings.from(settings),
        OpsSettings.from(settings, "ingest", 9401),
        inbox,
        settings.path("ingest.processed.dir", parent.resolve("processed")),
        settings.path("ingest.failed.dir", parent.resolve("failed")),
        settings.enumValue("ingest.mode", Mode.class, Mode.MOVE),
        settings.bool("ingest.delete.tombstones", false),
        settings.optional("ingest.done.marker").orElse(null),
        settings.duration("ingest.quiet.period", Duration.ofMillis(1000)),
        settings.duration("ingest.empty.file.timeout", Duration.ofMinutes(5)),
        settings.duration("ingest.rescan.interval", Duration.ofSeconds(10)),
        new ExtractionLimits(
            settings.number("ingest.max.file.bytes", 128L * 1024 * 1024, 1, 16L * 1024 * 1024 * 1024),
            settings.integer("ingest.max.text.chars", 24_000_000, 1, 40_000_000),
            settings.duration("ingest.parse.timeout", Duration.ofSeconds(60))),
        Arrays.stream(settings.string("ingest.extensions", "").split(","))
            .map(e -> e.strip().toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
            .filter(e -> !e.isEmpty()).collect(Collectors.toUnmodifiableSet()),
        settings.integer("ingest.workers", 2, 1, 64),
        settings.integer("ingest.batch.max.files", 500, 1, 10_000),
        settings.duration("ingest.batch.linger", Duration.ofMillis(50)),
        settings.number("ingest.publish.buffer.bytes", 64L * 1024 * 1024, 1024 * 1024, 4L * 1024 * 1024 * 1024),
        settings.string("ingest.transactional.id", "docpipe-ingest"),
        settings.integer("topics.partitions", 3, 1, 10_000),
        settings.integer("topics.replication.factor", -1, -1, 32));
    Path absoluteInbox = inbox.toAbsolutePath().normalize();
    for (Path other : new Path[] {config.processedDir, config.failedDir}) {
      if (other.toAbsolutePath().normalize().startsWith(absoluteInbox)) {
        settings.problem("ingest.processed.dir", "and ingest.failed.dir must be outside the inbox, got "
            + other);
      }
    }
    if (config.deleteTombstones && config.mode != Mode.KEEP) {
      settings.problem("ingest.delete.tombstones", "needs ingest.mode=KEEP (moved files are not deletions)");
    }
    if (config.doneMarker != null && !config.doneMarker.startsWith(".")) {
      settings.problem("ingest.done.marker", "must be a suffix starting with '.', e.g. .done");
    }
    settings.validate();
    return config;
  }
}
